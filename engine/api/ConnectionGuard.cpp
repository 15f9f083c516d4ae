#include "ConnectionGuard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace botbat {

namespace {
constexpr int kMaxChunkLine = 1024;
}

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits)
    : QObject(socket), m_socket(socket), m_limits(limits), m_idle(new QTimer(this))
{
    connect(m_idle, &QTimer::timeout, this, &ConnectionGuard::onIdle);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] { m_sinceActivity.start(); });
    m_sinceActivity.start();
    // Timeouts are enforced to within a quarter of the shorter limit.
    m_idle->start(std::max(10, std::min(m_limits.idleTimeoutMs, m_limits.headerTimeoutMs) / 4));
}

QByteArray ConnectionGuard::errorResponse(int status, const QByteArray &reason,
                                          const QString &code, const QString &message)
{
    const QByteArray body = QJsonDocument(QJsonObject{
                                              {QStringLiteral("error"),
                                               QJsonObject{{QStringLiteral("code"), code},
                                                           {QStringLiteral("message"), message}}}})
                                .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
           "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

void ConnectionGuard::onReadyRead()
{
    // Runs before Qt's parser, which then reads exactly these bytes: peek, never consume,
    // unless the connection is being refused.
    if (m_state == State::Rejected) {
        m_socket->readAll();
        return;
    }
    m_sinceActivity.start();
    scan(m_socket->peek(m_socket->bytesAvailable()));
    const bool betweenRequests = m_state == State::Head && m_line.isEmpty();
    if (betweenRequests)
        m_sinceRequestStart.invalidate();
    else if (!m_sinceRequestStart.isValid())
        m_sinceRequestStart.start();
}

void ConnectionGuard::scan(const QByteArray &data)
{
    QByteArray buffer = data;
    qsizetype i = 0;
    while (i < buffer.size() && m_state != State::Rejected) {
        switch (m_state) {
        case State::Head: {
            m_line.append(buffer.constData() + i, buffer.size() - i);
            i = buffer.size();
            // Blank lines between requests are allowed (RFC 9112, 2.2).
            while (m_line.startsWith("\r\n"))
                m_line.remove(0, 2);
            const qsizetype end = m_line.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_line.size() > m_limits.maxHeaderBytes)
                    reject(431, "Request Header Fields Too Large",
                           QStringLiteral("headers_too_large"),
                           QStringLiteral("The request line and headers exceed %1 bytes.")
                               .arg(m_limits.maxHeaderBytes));
                break;
            }
            if (end + 4 > m_limits.maxHeaderBytes) {
                reject(431, "Request Header Fields Too Large", QStringLiteral("headers_too_large"),
                       QStringLiteral("The request line and headers exceed %1 bytes.")
                           .arg(m_limits.maxHeaderBytes));
                break;
            }
            buffer = m_line.mid(end + 4);
            m_line.truncate(end + 4);
            i = 0;
            if (!finishHead())
                break;
            m_line.clear();
            break;
        }
        case State::Body:
        case State::ChunkData:
        case State::ChunkDataEnd: {
            const qint64 take = qMin<qint64>(m_remaining, buffer.size() - i);
            m_remaining -= take;
            i += take;
            if (m_remaining > 0)
                break;
            if (m_state == State::Body) {
                m_state = State::Head;
            } else if (m_state == State::ChunkData) {
                m_state = State::ChunkDataEnd;
                m_remaining = 2; // the CRLF after each chunk
            } else {
                m_state = State::ChunkSize;
            }
            break;
        }
        case State::ChunkSize:
        case State::Trailers: {
            const qsizetype newline = buffer.indexOf('\n', i);
            const qsizetype stop = newline < 0 ? buffer.size() : newline + 1;
            m_line.append(buffer.constData() + i, stop - i);
            i = stop;
            if (m_line.size() > kMaxChunkLine) {
                reject(400, "Bad Request", QStringLiteral("bad_request"),
                       QStringLiteral("A chunk header or trailer line is too long."));
                break;
            }
            if (newline < 0)
                break;
            const QByteArray line = m_line.trimmed();
            m_line.clear();
            if (m_state == State::Trailers) {
                if (line.isEmpty())
                    m_state = State::Head;
                break;
            }
            bool ok = false;
            const qint64 size = line.split(';').constFirst().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                reject(400, "Bad Request", QStringLiteral("bad_request"),
                       QStringLiteral("The chunked request body is malformed."));
                break;
            }
            if (size == 0) {
                m_state = State::Trailers;
                break;
            }
            // Compare before adding: a huge chunk size must not wrap the sum.
            if (size > m_limits.maxBodyBytes - m_bodyBytes) {
                reject(413, "Payload Too Large", QStringLiteral("payload_too_large"),
                       QStringLiteral("The request body exceeds the limit of %1 bytes.")
                           .arg(m_limits.maxBodyBytes));
                break;
            }
            m_bodyBytes += size;
            m_remaining = size;
            m_state = State::ChunkData;
            break;
        }
        case State::Rejected:
            break;
        }
    }
}

bool ConnectionGuard::finishHead()
{
    qint64 contentLength = 0;
    bool haveLength = false;
    bool chunked = false;
    const QList<QByteArray> lines = m_line.split('\n');
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArray line = lines.at(n).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (haveLength && length != contentLength)) {
                reject(400, "Bad Request", QStringLiteral("bad_request"),
                       QStringLiteral("The Content-Length header is not valid."));
                return false;
            }
            contentLength = length;
            haveLength = true;
        } else if (name == "transfer-encoding") {
            chunked = value.toLower().contains("chunked");
        }
    }
    m_bodyBytes = 0;
    if (chunked) {
        m_state = State::ChunkSize;
        return true;
    }
    if (contentLength > m_limits.maxBodyBytes) {
        reject(413, "Payload Too Large", QStringLiteral("payload_too_large"),
               QStringLiteral("The request body (%1 bytes) exceeds the limit of %2 bytes.")
                   .arg(contentLength)
                   .arg(m_limits.maxBodyBytes));
        return false;
    }
    m_remaining = contentLength;
    m_state = contentLength > 0 ? State::Body : State::Head;
    return true;
}

void ConnectionGuard::reject(int status, const QByteArray &reason, const QString &code,
                             const QString &message)
{
    m_state = State::Rejected;
    m_idle->stop();
    m_socket->readAll(); // Qt's parser, which runs next, must not see this request
    m_socket->write(errorResponse(status, reason, code, message));
    m_socket->disconnectFromHost();
}

void ConnectionGuard::onIdle()
{
    if (m_state == State::Rejected)
        return;
    const bool midRequest = !(m_state == State::Head && m_line.isEmpty());
    // A request must arrive whole within headerTimeoutMs, however slowly its bytes trickle in.
    const qint64 waited = midRequest && m_sinceRequestStart.isValid() ? m_sinceRequestStart.elapsed()
                                                                      : m_sinceActivity.elapsed();
    if (waited < (midRequest ? m_limits.headerTimeoutMs : m_limits.idleTimeoutMs))
        return;
    if (midRequest) {
        reject(408, "Request Timeout", QStringLiteral("request_timeout"),
               QStringLiteral("The request did not arrive completely within %1 ms.")
                   .arg(m_limits.headerTimeoutMs));
        return;
    }
    m_socket->disconnectFromHost();
}

} // namespace botbat
