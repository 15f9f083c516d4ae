// The dispatcher's HTTPS/1.1 client against a raw TLS server on loopback that writes answers
// byte for byte (test CA): Content-Length bodies split across writes, chunked bodies with
// extensions and trailers, read-until-close bodies, an interim 100 Continue, keep-alive reuse of
// one connection, the one resend when a kept-alive connection was closed under a request, bodies
// cut at the limits, and clear failures for answers that are not HTTP or whose head is too big.
#include "webhooks/HttpsConnection.h"

#include "TestCa.h"

#include <QSignalSpy>
#include <QSslServer>
#include <QSslSocket>
#include <QtTest>
#include <functional>
#include <memory>

using namespace botbat;
using namespace botbat::test;

namespace {

// Answers each complete request head + body (Content-Length) with the next scripted chunks of
// bytes, written one by one with a short pause, then optionally closes.
class RawServer : public QObject
{
public:
    struct Answer
    {
        QList<QByteArray> chunks;
        bool closeAfter = false;
        bool closeBeforeAnswer = false;
    };

    explicit RawServer(const IssuedCertificate &certificate)
    {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificate(certificate.certificate);
        ssl.setPrivateKey(certificate.key);
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(ssl);
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (m_server.hasPendingConnections()) {
                auto *socket = static_cast<QSslSocket *>(m_server.nextPendingConnection());
                ++m_connections;
                QObject::connect(socket, &QSslSocket::readyRead, this,
                                 [this, socket] { onRead(socket); });
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return m_server.serverPort(); }
    void enqueue(Answer answer) { m_answers.append(std::move(answer)); }
    int connections() const { return m_connections; }
    int requests() const { return m_requests; }
    QList<QByteArray> received() const { return m_received; }

private:
    void onRead(QSslSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(end).split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            m_received.append(buffer.left(end + 4 + length));
            buffer.remove(0, end + 4 + length);
            ++m_requests;
            const Answer answer = m_answers.isEmpty() ? Answer{{"HTTP/1.1 204 No Content\r\n\r\n"}}
                                                      : m_answers.takeFirst();
            if (answer.closeBeforeAnswer) {
                socket->disconnectFromHost();
                return;
            }
            int delay = 0;
            for (const QByteArray &chunk : answer.chunks) {
                QTimer::singleShot(delay, socket, [socket, chunk] { socket->write(chunk); });
                delay += 5;
            }
            if (answer.closeAfter)
                QTimer::singleShot(delay + 5, socket, [socket] { socket->disconnectFromHost(); });
        }
    }

    QSslServer m_server;
    QList<Answer> m_answers;
    QHash<QSslSocket *, QByteArray> m_buffers;
    QList<QByteArray> m_received;
    int m_connections = 0;
    int m_requests = 0;
};

} // namespace

class HttpsConnectionTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void contentLengthSplitAcrossWrites();
    void chunkedWithExtensionsAndTrailers();
    void readUntilClose();
    void interimContinueThenAnswer();
    void keepAliveReusesOneConnection();
    void resendsOnceWhenAKeptAliveConnectionWasClosed();
    void closedBeforeAnswerOnAFreshConnectionFails();
    void storedBodyIsCutAndHugeBodiesStop();
    void notHttpFails();
    void oversizedHeadFails();
    void serializesTheRequest();

private:
    HttpsConnection::Response send(HttpsConnection &connection, const QByteArray &body = "{}");
    std::unique_ptr<HttpsConnection> connection(int maxStored = 1024, qint64 maxBody = 1 << 20);

    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<RawServer> m_server;
    QSslConfiguration m_ssl;
    QUrl m_url;
};

void HttpsConnectionTest::init()
{
    m_ca = std::make_unique<TestCa>();
    m_server = std::make_unique<RawServer>(m_ca->issue());
    QVERIFY(m_server->port() != 0);
    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl.setCaCertificates({m_ca->caCertificate()});
    m_url = QUrl(QStringLiteral("https://localhost:%1/hook?x=1").arg(m_server->port()));
}

void HttpsConnectionTest::cleanup()
{
    m_server.reset();
    m_ca.reset();
}

std::unique_ptr<HttpsConnection> HttpsConnectionTest::connection(int maxStored, qint64 maxBody)
{
    return std::make_unique<HttpsConnection>(m_url, m_ssl, maxStored, maxBody);
}

HttpsConnection::Response HttpsConnectionTest::send(HttpsConnection &connection,
                                                    const QByteArray &body)
{
    HeaderList headers{{"Host", HttpsConnection::hostHeader(m_url)},
                       {"Content-Type", "application/json"},
                       {"Content-Length", QByteArray::number(body.size())}};
    QSignalSpy finished(&connection, &HttpsConnection::finished);
    connection.send(HttpsConnection::serialize("POST", m_url, headers, body));
    if (!finished.wait(10000))
        qFatal("no answer");
    return finished.first().first().value<HttpsConnection::Response>();
}

void HttpsConnectionTest::contentLengthSplitAcrossWrites()
{
    m_server->enqueue(
        {{"HTTP/1.1 200 OK\r\nContent-Len", "gth: 11\r\nX-A: 1\r\n\r\nhello", " world"}});
    auto c = connection();
    const auto response = send(*c);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.reason, QByteArray("OK"));
    QCOMPARE(response.body, QByteArray("hello world"));
    QCOMPARE(response.header("x-a"), QByteArray("1"));
    QVERIFY(c->idle());
}

void HttpsConnectionTest::chunkedWithExtensionsAndTrailers()
{
    m_server->enqueue(
        {{"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n", "5;ext=1\r\nhello\r\n",
          "5\r\n worl\r\n1\r\nd\r\n0\r\nX-Trailer: t\r\n\r\n"}});
    auto c = connection();
    const auto response = send(*c);
    QCOMPARE(response.status, 201);
    QCOMPARE(response.body, QByteArray("hello world"));
    QCOMPARE(response.received, 11);
    QVERIFY(c->idle()); // kept alive after a complete chunked body
}

void HttpsConnectionTest::readUntilClose()
{
    m_server->enqueue({{"HTTP/1.0 500 Internal Server Error\r\n\r\npart one ", "part two"}, true});
    auto c = connection();
    const auto response = send(*c);
    QCOMPARE(response.status, 500);
    QCOMPARE(response.body, QByteArray("part one part two"));
    QVERIFY(c->dead()); // never reused
}

void HttpsConnectionTest::interimContinueThenAnswer()
{
    m_server->enqueue({{"HTTP/1.1 100 Continue\r\n\r\n",
                        "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok"}});
    auto c = connection();
    const auto response = send(*c);
    QCOMPARE(response.status, 202);
    QCOMPARE(response.body, QByteArray("ok"));
}

void HttpsConnectionTest::keepAliveReusesOneConnection()
{
    auto c = connection();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(send(*c, QByteArray::number(i)).status, 204);
    QCOMPARE(m_server->requests(), 5);
    QCOMPARE(m_server->connections(), 1);
    const QByteArray first = m_server->received().first();
    QVERIFY(first.startsWith("POST /hook?x=1 HTTP/1.1\r\nHost: localhost:"));
    QVERIFY(first.endsWith("\r\n\r\n0"));
}

void HttpsConnectionTest::resendsOnceWhenAKeptAliveConnectionWasClosed()
{
    auto c = connection();
    QCOMPARE(send(*c).status, 204);
    // The server drops the kept-alive connection as the next request arrives, before answering:
    // the request goes once more on a new connection.
    m_server->enqueue({{}, false, true});
    QCOMPARE(send(*c).status, 204);
    QCOMPARE(m_server->connections(), 2);
    QCOMPARE(m_server->requests(), 3);
}

void HttpsConnectionTest::closedBeforeAnswerOnAFreshConnectionFails()
{
    m_server->enqueue({{}, false, true});
    auto c = connection();
    const auto response = send(*c);
    QCOMPARE(response.status, 0);
    QCOMPARE(response.error, QAbstractSocket::RemoteHostClosedError);
    QVERIFY(response.errorString.contains(QStringLiteral("before any answer")));
    QCOMPARE(m_server->requests(), 1); // not sent twice
}

void HttpsConnectionTest::storedBodyIsCutAndHugeBodiesStop()
{
    const QByteArray big(5000, 'x');
    m_server->enqueue({{"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + big}});
    auto c = connection(100, 1 << 20);
    auto response = send(*c);
    QCOMPARE(response.body.size(), 100);
    QCOMPARE(response.received, 5000);
    QVERIFY(c->idle());
    // Past maxBody the rest is not read: complete with what was kept, connection dropped.
    m_server->enqueue({{"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n" + big, big, big}});
    auto limited = connection(100, 8000);
    response = send(*limited);
    QCOMPARE(response.status, 200);
    QVERIFY(response.received > 8000);
    QVERIFY(limited->dead());
}

void HttpsConnectionTest::notHttpFails()
{
    m_server->enqueue({{"SSH-2.0-OpenSSH_9.2\r\n\r\n"}});
    auto c = connection();
    const auto response = send(*c);
    QCOMPARE(response.status, 0);
    QVERIFY2(response.errorString.contains(QStringLiteral("not HTTP/1.x")),
             qPrintable(response.errorString));
    QVERIFY(c->dead());
}

void HttpsConnectionTest::oversizedHeadFails()
{
    m_server->enqueue(
        {{"HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(HttpsConnection::kMaxHeadBytes + 10, 'a')}});
    auto c = connection();
    const auto response = send(*c);
    QCOMPARE(response.status, 0);
    QVERIFY2(response.errorString.contains(QStringLiteral("headers are larger")),
             qPrintable(response.errorString));
}

void HttpsConnectionTest::serializesTheRequest()
{
    QCOMPARE(HttpsConnection::hostHeader(QUrl(QStringLiteral("https://example.com/a"))),
             QByteArray("example.com"));
    QCOMPARE(HttpsConnection::hostHeader(QUrl(QStringLiteral("https://[::1]:8443/a"))),
             QByteArray("[::1]:8443"));
    QCOMPARE(
        HttpsConnection::serialize("POST", QUrl(QStringLiteral("https://h")), {{"A", "b"}}, "x"),
        QByteArray("POST / HTTP/1.1\r\nA: b\r\n\r\nx"));
}

QTEST_GUILESS_MAIN(HttpsConnectionTest)
#include "HttpsConnectionTest.moc"
