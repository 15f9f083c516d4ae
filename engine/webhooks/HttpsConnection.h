#pragma once

#include "WebhookSigner.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QSslError>
#include <QUrl>

class QSslSocket;

namespace botbat {

// One keep-alive HTTPS/1.1 connection to one origin, carrying one request at a time, in the
// thread that owns it. The dispatcher keeps up to an endpoint's concurrency of these; a request
// is one write of bytes built beforehand, and the answer is parsed here (status line, headers,
// Content-Length, chunked or read-until-close bodies), so an attempt costs no QObject and no
// thread hop. TLS errors are never ignored. A request on a reused connection that the server
// closed before any byte of an answer (it timed the idle connection out as we wrote) is sent
// once more on a new connection; anything else is reported as it happened.
class HttpsConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxHeadBytes = 64 * 1024;

    struct Response
    {
        int status = 0; // 0 when no complete answer arrived
        QByteArray reason;
        HeaderList headers;
        QByteArray body;     // the first maxStoredBody bytes
        qint64 received = 0; // body bytes received in all
        QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
        QString errorString; // set when status is 0
        QList<QSslError> sslErrors;

        QByteArray header(const QByteArray &name) const;
    };

    HttpsConnection(const QUrl &origin, const QSslConfiguration &ssl, int maxStoredBody,
                    qint64 maxBody, QObject *parent = nullptr);
    ~HttpsConnection() override;

    // The Host header's value for url.
    static QByteArray hostHeader(const QUrl &url);
    // A whole request as it goes on the wire: request line, headers (Host and Content-Length
    // among them, as the caller lists them), blank line, body.
    static QByteArray serialize(const QByteArray &method, const QUrl &url,
                                const HeaderList &headers, const QByteArray &body);

    // Sends request (head and body, ready to write); finished() follows exactly once, unless
    // cancel() comes first. Only when idle().
    void send(QByteArray request);
    // Drops the request in flight and the connection, without finished().
    void cancel();

    bool idle() const { return !m_busy && !m_dead; }
    bool busy() const { return m_busy; }
    // Closed, or not to be reused: the owner deletes it.
    bool dead() const { return m_dead; }
    // The next answer ends this connection (new trust settings, a changed URL).
    void retire();

signals:
    void finished(const botbat::HttpsConnection::Response &response);

private:
    enum class Phase
    {
        Head,
        Length,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailer,
        UntilClose
    };

    void open();
    void writeRequest();
    void onReadyRead();
    void onError(QAbstractSocket::SocketError error);
    void onClosed();
    void parse();
    bool parseHead(const QByteArray &head);
    void appendBody(const QByteArray &bytes);
    void complete();
    void fail(QAbstractSocket::SocketError error, const QString &message);
    void dropSocket();

    QUrl m_origin;
    QSslConfiguration m_ssl;
    int m_maxStoredBody;
    qint64 m_maxBody;
    QSslSocket *m_socket = nullptr;
    bool m_encrypted = false;
    bool m_busy = false;
    bool m_dead = false;
    bool m_retired = false;
    bool m_reused = false; // the request went out on a connection that carried one before
    bool m_resent = false; // already sent once more after an early close
    bool m_keepAlive = true;
    bool m_gotBytes = false;
    QByteArray m_request;
    QByteArray m_buffer;
    Phase m_phase = Phase::Head;
    qint64 m_remaining = 0;
    Response m_response;
    QList<QSslError> m_sslErrors;
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::HttpsConnection::Response)
