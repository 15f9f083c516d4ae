#include "HttpsConnection.h"

#include <QSslSocket>

namespace botbat {

namespace {

// The end of a response head: CRLF CRLF, or LF LF from lenient servers. -1 when incomplete;
// *separator gets the separator's length.
qsizetype headEnd(const QByteArray &buffer, int *separator)
{
    const qsizetype crlf = buffer.indexOf("\r\n\r\n");
    const qsizetype lf = buffer.indexOf("\n\n");
    if (lf >= 0 && (crlf < 0 || lf < crlf)) {
        *separator = 2;
        return lf;
    }
    *separator = 4;
    return crlf;
}

bool hasToken(const QByteArray &value, const QByteArray &token)
{
    for (const QByteArray &part : value.split(','))
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

QByteArray HttpsConnection::Response::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpsConnection::HttpsConnection(const QUrl &origin, const QSslConfiguration &ssl,
                                 int maxStoredBody, qint64 maxBody, QObject *parent)
    : QObject(parent), m_origin(origin), m_ssl(ssl), m_maxStoredBody(maxStoredBody),
      m_maxBody(maxBody)
{}

HttpsConnection::~HttpsConnection() = default;

QByteArray HttpsConnection::hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port(443) != 443)
        host += ':' + QByteArray::number(url.port());
    return host;
}

QByteArray HttpsConnection::serialize(const QByteArray &method, const QUrl &url,
                                      const HeaderList &headers, const QByteArray &body)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    qsizetype size = method.size() + target.size() + body.size() + 16;
    for (const auto &[name, value] : headers)
        size += name.size() + value.size() + 4;
    QByteArray request;
    request.reserve(size);
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    for (const auto &[name, value] : headers)
        request.append(name).append(": ").append(value).append("\r\n");
    request.append("\r\n").append(body);
    return request;
}

void HttpsConnection::send(QByteArray request)
{
    Q_ASSERT(idle());
    m_request = std::move(request);
    m_busy = true;
    m_resent = false;
    m_response = Response();
    m_phase = Phase::Head;
    m_gotBytes = false;
    if (!m_socket) {
        m_reused = false;
        open();
        return;
    }
    m_reused = true;
    writeRequest();
}

void HttpsConnection::cancel()
{
    m_busy = false;
    m_dead = true;
    dropSocket();
}

void HttpsConnection::retire()
{
    m_retired = true;
    if (!m_busy) {
        m_dead = true;
        dropSocket();
    }
}

void HttpsConnection::open()
{
    m_socket = new QSslSocket(this);
    m_socket->setSslConfiguration(m_ssl);
    m_socket->setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_encrypted = false;
    m_keepAlive = true;
    m_buffer.clear();
    m_sslErrors.clear();
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        m_encrypted = true;
        // Nagle would hold the body back behind the head's ACK on some stacks.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        writeRequest();
    });
    connect(m_socket, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors.append(errors); });
    connect(m_socket, &QSslSocket::readyRead, this, &HttpsConnection::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, &HttpsConnection::onError);
    connect(m_socket, &QSslSocket::disconnected, this, &HttpsConnection::onClosed);
    m_socket->connectToHostEncrypted(m_origin.host(), static_cast<quint16>(m_origin.port(443)));
}

void HttpsConnection::writeRequest()
{
    if (m_encrypted && m_busy)
        m_socket->write(m_request);
}

void HttpsConnection::onReadyRead()
{
    m_buffer.append(m_socket->readAll());
    if (!m_busy) {
        // Bytes nobody asked for: the connection is out of step, never reuse it.
        m_dead = true;
        dropSocket();
        return;
    }
    m_gotBytes = m_gotBytes || !m_buffer.isEmpty();
    parse();
}

void HttpsConnection::onError(QAbstractSocket::SocketError error)
{
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onClosed();
        return;
    }
    if (!m_busy) {
        m_dead = true;
        dropSocket();
        return;
    }
    fail(error, m_socket->errorString());
}

void HttpsConnection::onClosed()
{
    if (!m_socket)
        return;
    if (!m_busy) {
        m_dead = true;
        dropSocket();
        return;
    }
    // Whatever arrived with the close is still to be read.
    if (m_socket->bytesAvailable() > 0) {
        m_buffer.append(m_socket->readAll());
        m_gotBytes = true;
        parse();
        if (!m_busy)
            return;
    }
    if (m_phase == Phase::UntilClose) {
        complete();
        return;
    }
    if (m_reused && !m_gotBytes && !m_resent) {
        m_resent = true;
        dropSocket();
        m_reused = false;
        open();
        return;
    }
    fail(QAbstractSocket::RemoteHostClosedError,
         m_gotBytes ? QStringLiteral("The connection closed in the middle of the answer")
                    : QStringLiteral("The connection closed before any answer"));
}

void HttpsConnection::parse()
{
    while (m_busy) {
        if (m_phase != Phase::Head && m_response.received > m_maxBody) {
            // Keep what the log stores; the rest is not worth reading.
            m_keepAlive = false;
            complete();
            return;
        }
        switch (m_phase) {
        case Phase::Head: {
            int separator = 0;
            const qsizetype end = headEnd(m_buffer, &separator);
            if (end < 0) {
                if (m_buffer.size() > kMaxHeadBytes)
                    fail(QAbstractSocket::UnknownSocketError,
                         QStringLiteral("The answer's headers are larger than %1 KiB")
                             .arg(kMaxHeadBytes / 1024));
                return;
            }
            const QByteArray head = m_buffer.left(end);
            m_buffer.remove(0, end + separator);
            if (!parseHead(head)) {
                fail(QAbstractSocket::UnknownSocketError,
                     QStringLiteral("The answer is not HTTP/1.x: %1")
                         .arg(QString::fromLatin1(head.left(80).simplified())));
                return;
            }
            break;
        }
        case Phase::Length: {
            const qsizetype take = std::min<qint64>(m_remaining, m_buffer.size());
            appendBody(m_buffer.left(take));
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return;
            complete();
            return;
        }
        case Phase::ChunkSize: {
            const qsizetype end = m_buffer.indexOf('\n');
            if (end < 0) {
                if (m_buffer.size() > 1024)
                    fail(QAbstractSocket::UnknownSocketError,
                         QStringLiteral("The answer's chunked body is malformed"));
                return;
            }
            QByteArray line = m_buffer.left(end).trimmed();
            m_buffer.remove(0, end + 1);
            if (const qsizetype extension = line.indexOf(';'); extension >= 0)
                line.truncate(extension);
            bool ok = false;
            m_remaining = line.trimmed().toLongLong(&ok, 16);
            if (!ok || m_remaining < 0) {
                fail(QAbstractSocket::UnknownSocketError,
                     QStringLiteral("The answer's chunked body is malformed"));
                return;
            }
            m_phase = m_remaining == 0 ? Phase::Trailer : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData: {
            const qsizetype take = std::min<qint64>(m_remaining, m_buffer.size());
            appendBody(m_buffer.left(take));
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return;
            m_phase = Phase::ChunkEnd;
            break;
        }
        case Phase::ChunkEnd: {
            const qsizetype end = m_buffer.indexOf('\n');
            if (end < 0)
                return;
            m_buffer.remove(0, end + 1);
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::Trailer: {
            const qsizetype end = m_buffer.indexOf('\n');
            if (end < 0)
                return;
            const bool last = m_buffer.left(end).trimmed().isEmpty();
            m_buffer.remove(0, end + 1);
            if (last) {
                complete();
                return;
            }
            break;
        }
        case Phase::UntilClose:
            appendBody(m_buffer);
            m_buffer.clear();
            return;
        }
    }
}

bool HttpsConnection::parseHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray statusLine = lines.first().trimmed();
    // "HTTP/1.1 200 OK"
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine.at(8) != ' ')
        return false;
    bool ok = false;
    const int status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 999)
        return false;
    const bool http10 = statusLine.at(7) == '0';
    if (status >= 100 && status < 200 && status != 101)
        return true; // an interim answer (100 Continue): the real one follows; Phase stays Head

    m_response.status = status;
    m_response.reason = statusLine.mid(13).trimmed();
    m_response.headers.clear();
    QByteArray connection;
    QByteArray transferEncoding;
    qint64 contentLength = -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        m_response.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (contentLength >= 0 && contentLength != length))
                return false;
            contentLength = length;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            transferEncoding = value;
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            connection = value;
        }
    }
    m_keepAlive = http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
    if (status == 204 || status == 304 || status == 101) {
        m_phase = Phase::Length;
        m_remaining = 0;
    } else if (hasToken(transferEncoding, "chunked")) {
        m_phase = Phase::ChunkSize;
    } else if (contentLength >= 0) {
        m_phase = Phase::Length;
        m_remaining = contentLength;
    } else {
        m_phase = Phase::UntilClose;
        m_keepAlive = false;
    }
    return true;
}

void HttpsConnection::appendBody(const QByteArray &bytes)
{
    m_response.received += bytes.size();
    const qsizetype room = m_maxStoredBody - m_response.body.size();
    if (room > 0)
        m_response.body.append(bytes.left(room));
}

void HttpsConnection::complete()
{
    m_busy = false;
    // Leftover bytes mean the server sent more than one answer: the stream is out of step.
    if (!m_keepAlive || m_retired || !m_buffer.isEmpty()) {
        m_dead = true;
        dropSocket();
    }
    const Response response = std::move(m_response);
    m_response = Response();
    emit finished(response);
}

void HttpsConnection::fail(QAbstractSocket::SocketError error, const QString &message)
{
    m_busy = false;
    m_dead = true;
    Response response;
    response.error = error;
    response.errorString = message;
    response.sslErrors = m_sslErrors;
    dropSocket();
    emit finished(response);
}

void HttpsConnection::dropSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
    m_encrypted = false;
    m_buffer.clear();
}

} // namespace botbat
