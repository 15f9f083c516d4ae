#include "TestSupport.h"
#include "core/Engine.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

// Raw sockets against the real server: the limits are about bytes on the wire.
class HttpLimitsTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void oversizedContentLengthIs413();
    void oversizedChunkedBodyIs413();
    void chunkedAndSizedBodiesKeepTheConnectionInStep();
    void hugeHeadersAre431();
    void connectionsPastTheLimitGet503();
    void idleKeepAliveConnectionsAreClosed();
    void slowRequestHeadIs408();

private:
    QTcpSocket *connectToEngine();
    static QByteArray readResponse(QTcpSocket *socket, int timeoutMs = 5000);
    static int statusOf(const QByteArray &response);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Engine> m_engine;
    QList<QTcpSocket *> m_sockets;
};

void HttpLimitsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    EngineConfig config = test::engineConfig(*m_dir);
    config.httpLimits.maxBodyBytes = 64 * 1024;
    config.httpLimits.maxHeaderBytes = 4096;
    config.httpLimits.maxConnections = 3;
    config.httpLimits.idleTimeoutMs = 300;
    config.httpLimits.headerTimeoutMs = 300;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void HttpLimitsTest::cleanup()
{
    qDeleteAll(m_sockets);
    m_sockets.clear();
    m_engine.reset();
    m_dir.reset();
}

QTcpSocket *HttpLimitsTest::connectToEngine()
{
    auto *socket = new QTcpSocket;
    m_sockets.append(socket);
    socket->connectToHost(QHostAddress::LocalHost, m_engine->httpPort());
    socket->waitForConnected(5000);
    return socket;
}

QByteArray HttpLimitsTest::readResponse(QTcpSocket *socket, int timeoutMs)
{
    QByteArray data;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const qsizetype at = data.toLower().indexOf("content-length:");
            const qsizetype lineEnd = data.indexOf("\r\n", at);
            const qint64 length = data.mid(at + 15, lineEnd - at - 15).trimmed().toLongLong();
            if (data.size() >= headEnd + 4 + length)
                return data;
        }
        if (!socket->waitForReadyRead(100) && socket->state() != QAbstractSocket::ConnectedState)
            break;
        data.append(socket->readAll());
    }
    return data;
}

int HttpLimitsTest::statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

void HttpLimitsTest::oversizedContentLengthIs413()
{
    QTcpSocket *socket = connectToEngine();
    socket->write("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: 2000000\r\n\r\n" + QByteArray(1000, 'x'));
    const QByteArray response = readResponse(socket);
    QCOMPARE(statusOf(response), 413);
    QVERIFY(response.contains("\"code\":\"payload_too_large\""));
    QVERIFY(socket->waitForDisconnected(3000));
}

void HttpLimitsTest::oversizedChunkedBodyIs413()
{
    QTcpSocket *socket = connectToEngine();
    socket->write("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = QByteArray::number(16 * 1024, 16) + "\r\n" +
                             QByteArray(16 * 1024, 'y') + "\r\n";
    for (int i = 0; i < 5; ++i) // 80 KiB > 64 KiB
        socket->write(chunk);
    const QByteArray response = readResponse(socket);
    QCOMPARE(statusOf(response), 413);

    // A chunk size near 2^63 must not wrap the running total past the check.
    QTcpSocket *wrap = connectToEngine();
    wrap->write("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                "1\r\nA\r\n7fffffffffffffff\r\n");
    QCOMPARE(statusOf(readResponse(wrap)), 413);
}

void HttpLimitsTest::chunkedAndSizedBodiesKeepTheConnectionInStep()
{
    QTcpSocket *socket = connectToEngine();
    socket->write("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "5\r\nhello\r\n0\r\n\r\n");
    QCOMPARE(statusOf(readResponse(socket)), 405);
    const QByteArray body(60 * 1024, 'z'); // under the limit
    socket->write("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QCOMPARE(statusOf(readResponse(socket)), 405);
    socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(statusOf(readResponse(socket)), 200);
}

void HttpLimitsTest::hugeHeadersAre431()
{
    QTcpSocket *socket = connectToEngine();
    socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(8000, 'a') +
                  "\r\n\r\n");
    const QByteArray response = readResponse(socket);
    QCOMPARE(statusOf(response), 431);
    QVERIFY(response.contains("headers_too_large"));
}

void HttpLimitsTest::connectionsPastTheLimitGet503()
{
    for (int i = 0; i < 3; ++i) {
        QTcpSocket *socket = connectToEngine();
        socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(statusOf(readResponse(socket)), 200);
    }
    QTcpSocket *fourth = connectToEngine();
    const QByteArray response = readResponse(fourth);
    QCOMPARE(statusOf(response), 503);
    QVERIFY(response.contains("too_many_connections"));
}

void HttpLimitsTest::idleKeepAliveConnectionsAreClosed()
{
    QTcpSocket *socket = connectToEngine();
    socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(statusOf(readResponse(socket)), 200);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(socket->waitForDisconnected(5000));
    QVERIFY2(timer.elapsed() >= 200, qPrintable(QString::number(timer.elapsed())));
}

void HttpLimitsTest::slowRequestHeadIs408()
{
    QTcpSocket *socket = connectToEngine();
    socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\n"); // never finished
    const QByteArray response = readResponse(socket);
    QCOMPARE(statusOf(response), 408);

    // Trickling a byte now and then does not keep a request open past the limit.
    QTcpSocket *trickle = connectToEngine();
    QElapsedTimer timer;
    timer.start();
    QByteArray answer;
    for (int i = 0; i < 40 && statusOf(answer) == 0; ++i) {
        trickle->write("X");
        trickle->waitForBytesWritten(100);
        if (trickle->waitForReadyRead(100))
            answer.append(trickle->readAll());
    }
    QCOMPARE(statusOf(answer), 408);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(HttpLimitsTest)
#include "HttpLimitsTest.moc"
