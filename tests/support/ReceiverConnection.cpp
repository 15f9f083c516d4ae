#include "ReceiverConnection.h"

#include "RequestLog.h"
#include "ResponseScript.h"

#include <QHash>
#include <QSslSocket>

namespace botbat::test {

namespace {

QByteArray reasonPhrase(int status)
{
    static const QHash<int, QByteArray> phrases = {
        {200, QByteArrayLiteral("OK")},
        {201, QByteArrayLiteral("Created")},
        {202, QByteArrayLiteral("Accepted")},
        {204, QByteArrayLiteral("No Content")},
        {301, QByteArrayLiteral("Moved Permanently")},
        {302, QByteArrayLiteral("Found")},
        {303, QByteArrayLiteral("See Other")},
        {304, QByteArrayLiteral("Not Modified")},
        {307, QByteArrayLiteral("Temporary Redirect")},
        {308, QByteArrayLiteral("Permanent Redirect")},
        {400, QByteArrayLiteral("Bad Request")},
        {401, QByteArrayLiteral("Unauthorized")},
        {403, QByteArrayLiteral("Forbidden")},
        {404, QByteArrayLiteral("Not Found")},
        {408, QByteArrayLiteral("Request Timeout")},
        {409, QByteArrayLiteral("Conflict")},
        {410, QByteArrayLiteral("Gone")},
        {413, QByteArrayLiteral("Content Too Large")},
        {429, QByteArrayLiteral("Too Many Requests")},
        {431, QByteArrayLiteral("Request Header Fields Too Large")},
        {500, QByteArrayLiteral("Internal Server Error")},
        {501, QByteArrayLiteral("Not Implemented")},
        {502, QByteArrayLiteral("Bad Gateway")},
        {503, QByteArrayLiteral("Service Unavailable")},
        {504, QByteArrayLiteral("Gateway Timeout")},
    };
    return phrases.value(status, QByteArrayLiteral("Status"));
}

QByteArray serialize(const ScriptedResponse &response, bool close, bool omitBody)
{
    // RFC 9110: these statuses never carry a body, so they must not announce one either.
    const bool bodyless = response.status < 200 || response.status == 204 || response.status == 304;
    QByteArray out;
    out.reserve(128 + response.body.size());
    out.append("HTTP/1.1 ").append(QByteArray::number(response.status)).append(' ');
    out.append(reasonPhrase(response.status)).append("\r\n");
    if (!bodyless)
        out.append("Content-Length: ")
            .append(QByteArray::number(response.body.size()))
            .append("\r\n");
    if (close)
        out.append("Connection: close\r\n");
    for (const auto &header : response.headers)
        out.append(header.first).append(": ").append(header.second).append("\r\n");
    out.append("\r\n");
    if (!bodyless && !omitBody)
        out.append(response.body);
    return out;
}

} // namespace

ReceiverConnection::ReceiverConnection(QSslSocket *socket, quint64 id, RequestLog &log,
                                       ResponseScript &script, QObject *parent)
    : QObject(parent), m_socket(socket), m_id(id), m_log(log), m_script(script)
{
    m_socket->setParent(this);
    m_clock.start();
    m_delayTimer.setSingleShot(true);
    m_delayTimer.setTimerType(Qt::PreciseTimer); // a delayed answer must never come early
    connect(&m_delayTimer, &QTimer::timeout, this, &ReceiverConnection::sendDueAnswers);
    connect(m_socket, &QSslSocket::readyRead, this, &ReceiverConnection::readRequests);
    connect(m_socket, &QSslSocket::disconnected, this, &QObject::deleteLater);
    // The client may have sent its request, or even hung up, with the end of the handshake,
    // before these signals were connected.
    if (m_socket->bytesAvailable() > 0)
        readRequests();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
}

void ReceiverConnection::readRequests()
{
    if (m_closing) {
        m_socket->readAll(); // the client is being hung up on; later requests get no answer
        return;
    }
    if (m_buffer.isEmpty())
        m_buffer = m_socket->readAll();
    else
        m_buffer.append(m_socket->readAll());

    qsizetype offset = 0;
    while (offset < m_buffer.size() && !m_closing) {
        const HttpRequestParser::Status status = m_parser.parse(m_buffer, offset);
        if (status == HttpRequestParser::Status::Incomplete)
            break;
        if (status == HttpRequestParser::Status::Malformed) {
            qWarning("HttpsReceiver: answering %d to a malformed request: %s",
                     m_parser.errorStatus(), m_parser.errorReason().constData());
            ScriptedResponse error;
            error.status = m_parser.errorStatus();
            error.body = m_parser.errorReason();
            m_pending.enqueue({error, m_clock.elapsed(), true, false});
            m_closing = true;
            break;
        }
        ReceivedRequest request = m_parser.takeRequest();
        request.receivedAt = QDateTime::currentDateTimeUtc();
        request.connectionId = m_id;
        const bool omitBody = request.method == "HEAD";
        const bool close = !m_parser.keepAlive();
        offset += m_parser.consumed();
        m_log.record(std::move(request));

        const ScriptedResponse response = m_script.next();
        m_pending.enqueue({response, m_clock.elapsed() + response.delayMs, close, omitBody});
        m_closing = close;
    }
    m_buffer.remove(0, offset);
    sendDueAnswers();
}

void ReceiverConnection::sendDueAnswers()
{
    while (!m_pending.isEmpty()) {
        const qint64 waitMs = m_pending.head().dueMs - m_clock.elapsed();
        if (waitMs > 0) {
            m_delayTimer.start(int(waitMs));
            return;
        }
        const PendingAnswer answer = m_pending.dequeue();
        if (answer.response.closeWithoutAnswer) {
            closeConnection();
            return;
        }
        m_socket->write(serialize(answer.response, answer.close, answer.omitBody));
        if (answer.close) {
            closeConnection();
            return;
        }
    }
}

void ReceiverConnection::closeConnection()
{
    m_closing = true;
    m_pending.clear();
    m_delayTimer.stop();
    m_socket->disconnectFromHost(); // after what was written has gone out
}

} // namespace botbat::test
