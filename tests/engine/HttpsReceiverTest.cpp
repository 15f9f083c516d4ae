#include "HttpsReceiver.h"

#include "TestCa.h"
#include "TestSupport.h"
#include "ThreadedHttpsReceiver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <memory>

using namespace botbat::test;

namespace {

// Trusts the test CA and nothing else, as the engine does when given --trusted-ca only.
QSslConfiguration trustingOnly(const QSslCertificate &ca)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates({ca});
    return ssl;
}

QNetworkRequest requestTo(const QUrl &url, const QSslCertificate &ca)
{
    QNetworkRequest request(url);
    request.setSslConfiguration(trustingOnly(ca));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(15000);
    return request;
}

struct Outcome
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QList<QSslError> sslErrors;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers)
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        return {};
    }
};

// Waits for a reply created just before (so no signal was missed), then deletes it.
Outcome finish(QNetworkReply *reply)
{
    Outcome outcome;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [&outcome](const QList<QSslError> &errors) { outcome.sslErrors += errors; });
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    outcome.error = reply->error();
    outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    outcome.body = reply->readAll();
    outcome.headers = reply->rawHeaderPairs();
    delete reply;
    return outcome;
}

bool contains(const QList<QSslError> &errors, QSslError::SslError kind)
{
    return std::any_of(errors.cbegin(), errors.cend(),
                       [kind](const QSslError &error) { return error.error() == kind; });
}

QSet<quint64> connectionIds(const QList<ReceivedRequest> &requests)
{
    QSet<quint64> ids;
    for (const ReceivedRequest &request : requests)
        ids.insert(request.connectionId);
    return ids;
}

ScriptedResponse answer(int status, const QByteArray &body = {},
                        const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    ScriptedResponse response;
    response.status = status;
    response.body = body;
    response.headers = headers;
    return response;
}

} // namespace

// The receiver that outgoing-webhook tests deliver to must itself be trustworthy: real TLS
// that fails exactly as a misconfigured endpoint would, exact recording, and faithful scripts.
class HttpsReceiverTest : public QObject
{
    Q_OBJECT
private slots:
    void trustsTheTestCaAndRecordsRequestsExactly();
    void servesSequentialRequestsOnOneKeepAliveConnection();
    void servesManyConcurrentConnections();
    void answersPipelinedRequestsInOrder();
    void expiredCertificateFailsTheHandshake();
    void wrongHostCertificateFailsTheHandshake();
    void selfSignedCertificateIsUntrusted();
    void scriptedAnswersAreConsumedInOrderThenTheDefault();
    void delayedAnswerDoesNotHoldBackOtherConnections();
    void closeWithoutAnswerHangsUp();
    void threadedReceiverServesWhileTheTestThreadBlocks();
    void commandLineReceiverCountsAndReportsOnSigterm();

private:
    Outcome fetchWithCertificate(const IssuedCertificate &certificate);

    TestCa m_ca;
};

void HttpsReceiverTest::trustsTheTestCaAndRecordsRequestsExactly()
{
    HttpsReceiver receiver;
    receiver.setCertificate(m_ca.issue());
    QVERIFY2(receiver.listen(), qPrintable(receiver.errorString()));
    receiver.setDefaultResponse(
        answer(202, QByteArrayLiteral("accepted"),
               {{QByteArrayLiteral("X-Answer"), QByteArrayLiteral("yes")}}));

    QNetworkAccessManager manager;
    QNetworkRequest request =
        requestTo(receiver.url(QStringLiteral("/hooks/orders?tenant=7")), m_ca.caCertificate());
    request.setRawHeader("X-BotBat-Delivery", "dlv-1");
    request.setRawHeader("X-Mixed-CASE", "Value  with spaces");
    const QByteArray body = QByteArrayLiteral(R"({"event":"order.created","id":42})");
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Outcome outcome = finish(manager.post(request, body));

    QCOMPARE(outcome.error, QNetworkReply::NoError);
    QCOMPARE(outcome.status, 202);
    QCOMPARE(outcome.body, QByteArrayLiteral("accepted"));
    QCOMPARE(outcome.header(QByteArrayLiteral("X-Answer")), QByteArrayLiteral("yes"));

    QCOMPARE(receiver.count(), 1);
    const ReceivedRequest received = receiver.requests().constFirst();
    QCOMPARE(received.method, QByteArrayLiteral("POST"));
    QCOMPARE(received.path, QByteArrayLiteral("/hooks/orders?tenant=7"));
    QCOMPARE(received.body, body);
    QCOMPARE(received.header(QByteArrayLiteral("x-botbat-delivery")), QByteArrayLiteral("dlv-1"));
    QCOMPARE(received.header(QByteArrayLiteral("X-Mixed-CASE")),
             QByteArrayLiteral("Value  with spaces"));
    QCOMPARE(received.header(QByteArrayLiteral("Content-Length")), QByteArray::number(body.size()));
    QCOMPARE(received.header(QByteArrayLiteral("Host")),
             QByteArrayLiteral("localhost:") + QByteArray::number(receiver.port()));
    QVERIFY(received.receivedAt >= before.addSecs(-1));
    QVERIFY(received.receivedAt <= QDateTime::currentDateTimeUtc());

    QByteArrayList names;
    for (const auto &header : received.headers)
        names.append(header.first);
    QVERIFY2(names.contains(QByteArrayLiteral("X-Mixed-CASE")), names.join(", ").constData());
    QVERIFY2(names.indexOf(QByteArrayLiteral("X-BotBat-Delivery")) <
                 names.indexOf(QByteArrayLiteral("X-Mixed-CASE")),
             names.join(", ").constData());
}

void HttpsReceiverTest::servesSequentialRequestsOnOneKeepAliveConnection()
{
    HttpsReceiver receiver;
    receiver.setCertificate(m_ca.issue());
    QVERIFY2(receiver.listen(), qPrintable(receiver.errorString()));

    QNetworkAccessManager manager;
    for (int i = 0; i < 50; ++i) {
        const Outcome outcome = finish(manager.post(
            requestTo(receiver.url(QStringLiteral("/seq/%1").arg(i)), m_ca.caCertificate()),
            QByteArray::number(i)));
        QCOMPARE(outcome.error, QNetworkReply::NoError);
        QCOMPARE(outcome.status, 200);
    }

    const QList<ReceivedRequest> requests = receiver.requests();
    QCOMPARE(requests.size(), 50);
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(requests.at(i).path, QByteArrayLiteral("/seq/") + QByteArray::number(i));
        QCOMPARE(requests.at(i).body, QByteArray::number(i));
    }
    QCOMPARE(connectionIds(requests).size(), 1);
}

void HttpsReceiverTest::servesManyConcurrentConnections()
{
    HttpsReceiver receiver;
    receiver.setCertificate(m_ca.issue());
    QVERIFY2(receiver.listen(), qPrintable(receiver.errorString()));

    // QNAM opens at most six connections per host, so twenty managers make many more.
    constexpr int kManagers = 20;
    constexpr int kRequests = 200;
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < kManagers; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QList<QNetworkReply *> replies;
    for (int i = 0; i < kRequests; ++i) {
        QNetworkRequest request =
            requestTo(receiver.url(QStringLiteral("/concurrent")), m_ca.caCertificate());
        request.setRawHeader("X-BotBat-Delivery", "c-" + QByteArray::number(i));
        replies.append(managers[size_t(i % kManagers)]->post(request, QByteArray::number(i)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                         [](QNetworkReply *reply) { return reply->isFinished(); }),
                             30000);
    for (QNetworkReply *reply : std::as_const(replies)) {
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    }
    qDeleteAll(replies);

    QCOMPARE(receiver.count(), kRequests);
    QCOMPARE(receiver.distinctHeaderValues(QByteArrayLiteral("X-BotBat-Delivery")).size(),
             kRequests);
    QVERIFY(connectionIds(receiver.requests()).size() > kManagers);
}

void HttpsReceiverTest::answersPipelinedRequestsInOrder()
{
    HttpsReceiver receiver;
    receiver.setCertificate(m_ca.issue());
    QVERIFY2(receiver.listen(), qPrintable(receiver.errorString()));
    // The first answer is slow: the later ones must still wait for it on this connection.
    ScriptedResponse first = answer(200, QByteArrayLiteral("first"));
    first.delayMs = 200;
    receiver.enqueueResponse(first);
    receiver.enqueueResponse(answer(201, QByteArrayLiteral("second")));
    receiver.enqueueResponse(answer(202, QByteArrayLiteral("third")));

    QSslSocket socket;
    socket.setSslConfiguration(trustingOnly(m_ca.caCertificate()));
    QByteArray received;
    connect(&socket, &QSslSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHostEncrypted(QStringLiteral("localhost"), receiver.port());
    QTRY_VERIFY_WITH_TIMEOUT(socket.isEncrypted(), 10000);
    socket.write("POST /p1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\none"
                 "GET /p2 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                 "POST /p3 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
                 "Connection: close\r\n\r\nthree");
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
    received += socket.readAll();

    QCOMPARE(received, QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
                                         "HTTP/1.1 201 Created\r\nContent-Length: 6\r\n\r\nsecond"
                                         "HTTP/1.1 202 Accepted\r\nContent-Length: 5\r\n"
                                         "Connection: close\r\n\r\nthird"));
    const QList<ReceivedRequest> requests = receiver.requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).path, QByteArrayLiteral("/p1"));
    QCOMPARE(requests.at(0).body, QByteArrayLiteral("one"));
    QCOMPARE(requests.at(1).method, QByteArrayLiteral("GET"));
    QCOMPARE(requests.at(1).body, QByteArray());
    QCOMPARE(requests.at(2).body, QByteArrayLiteral("three"));
    QCOMPARE(connectionIds(requests).size(), 1);
}

Outcome HttpsReceiverTest::fetchWithCertificate(const IssuedCertificate &certificate)
{
    HttpsReceiver receiver;
    receiver.setCertificate(certificate);
    if (!receiver.listen())
        qFatal("%s", qPrintable(receiver.errorString()));
    QNetworkAccessManager manager;
    const Outcome outcome =
        finish(manager.get(requestTo(receiver.url(QStringLiteral("/tls")), m_ca.caCertificate())));
    if (receiver.count() != 0)
        qFatal("A request got through a TLS handshake that should have failed.");
    return outcome;
}

void HttpsReceiverTest::expiredCertificateFailsTheHandshake()
{
    const Outcome outcome = fetchWithCertificate(m_ca.issueExpired());
    QCOMPARE(outcome.error, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(contains(outcome.sslErrors, QSslError::CertificateExpired));
}

void HttpsReceiverTest::wrongHostCertificateFailsTheHandshake()
{
    const Outcome outcome = fetchWithCertificate(m_ca.issueForWrongHost());
    QCOMPARE(outcome.error, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(contains(outcome.sslErrors, QSslError::HostNameMismatch));
    QVERIFY(!contains(outcome.sslErrors, QSslError::CertificateExpired));
}

void HttpsReceiverTest::selfSignedCertificateIsUntrusted()
{
    const Outcome outcome = fetchWithCertificate(TestCa::selfSigned());
    QCOMPARE(outcome.error, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(contains(outcome.sslErrors, QSslError::SelfSignedCertificate));
    QVERIFY(!contains(outcome.sslErrors, QSslError::HostNameMismatch));
}

void HttpsReceiverTest::scriptedAnswersAreConsumedInOrderThenTheDefault()
{
    HttpsReceiver receiver;
    receiver.setCertificate(m_ca.issue());
    QVERIFY2(receiver.listen(), qPrintable(receiver.errorString()));
    const QByteArray location = receiver.url(QStringLiteral("/moved")).toEncoded();
    receiver.enqueueResponse(
        answer(429, QByteArrayLiteral(R"({"error":"slow down"})"),
               {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("120")}}));
    receiver.enqueueResponse(answer(301, {}, {{QByteArrayLiteral("Location"), location}}));

    QNetworkAccessManager manager;
    const Outcome limited = finish(
        manager.post(requestTo(receiver.url(QStringLiteral("/hook")), m_ca.caCertificate()), "{}"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header(QByteArrayLiteral("Retry-After")), QByteArrayLiteral("120"));
    QCOMPARE(limited.body, QByteArrayLiteral(R"({"error":"slow down"})"));

    QNetworkRequest manual = requestTo(receiver.url(QStringLiteral("/hook")), m_ca.caCertificate());
    manual.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                        QNetworkRequest::ManualRedirectPolicy);
    const Outcome redirected = finish(manager.post(manual, "{}"));
    QCOMPARE(redirected.status, 301);
    QCOMPARE(redirected.header(QByteArrayLiteral("Location")), location);
    QCOMPARE(receiver.count(), 2); // not followed

    const Outcome normal = finish(
        manager.post(requestTo(receiver.url(QStringLiteral("/hook")), m_ca.caCertificate()), "{}"));
    QCOMPARE(normal.error, QNetworkReply::NoError);
    QCOMPARE(normal.status, 200);
}

void HttpsReceiverTest::delayedAnswerDoesNotHoldBackOtherConnections()
{
    constexpr int kDelayMs = 700;
    HttpsReceiver receiver;
    receiver.setCertificate(m_ca.issue());
    QVERIFY2(receiver.listen(), qPrintable(receiver.errorString()));
    ScriptedResponse slow = answer(200, QByteArrayLiteral("slow"));
    slow.delayMs = kDelayMs;
    receiver.enqueueResponse(slow);

    QNetworkAccessManager slowClient;
    QNetworkAccessManager fastClient; // its own connection
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *slowReply =
        slowClient.get(requestTo(receiver.url(QStringLiteral("/slow")), m_ca.caCertificate()));
    QVERIFY(receiver.waitForCount(1, 10000)); // the slow request has taken the delayed answer
    const Outcome fast = finish(
        fastClient.get(requestTo(receiver.url(QStringLiteral("/fast")), m_ca.caCertificate())));
    QCOMPARE(fast.status, 200);
    QVERIFY2(clock.elapsed() < kDelayMs, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!slowReply->isFinished());

    const Outcome slowOutcome = finish(slowReply);
    QCOMPARE(slowOutcome.status, 200);
    QCOMPARE(slowOutcome.body, QByteArrayLiteral("slow"));
    QVERIFY(clock.elapsed() >= kDelayMs);
}

void HttpsReceiverTest::closeWithoutAnswerHangsUp()
{
    HttpsReceiver receiver;
    receiver.setCertificate(m_ca.issue());
    QVERIFY2(receiver.listen(), qPrintable(receiver.errorString()));
    ScriptedResponse hangUp;
    hangUp.closeWithoutAnswer = true;

    // QNAM quietly resends a request whose connection closed before any answer, so one
    // hang-up is invisible to it: the resend takes the next answer. Webhook tests counting
    // deliveries at the receiver must expect this.
    receiver.enqueueResponse(hangUp);
    QNetworkAccessManager manager;
    const Outcome retried = finish(
        manager.post(requestTo(receiver.url(QStringLiteral("/once")), m_ca.caCertificate()), "{}"));
    QCOMPARE(retried.error, QNetworkReply::NoError);
    QCOMPARE(retried.status, 200);
    QCOMPARE(receiver.count(), 2);

    receiver.clear();
    receiver.setDefaultResponse(hangUp);
    QNetworkAccessManager fresh;
    const Outcome closed = finish(
        fresh.post(requestTo(receiver.url(QStringLiteral("/always")), m_ca.caCertificate()), "{}"));
    QCOMPARE(closed.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(closed.status, 0);
    QVERIFY(receiver.count() >= 1);
}

namespace {

// A blocking HTTP exchange: possible only because the receiver runs in another thread.
QByteArray blockingExchange(QSslSocket &socket, const QByteArray &delivery)
{
    socket.write("POST /threaded HTTP/1.1\r\nHost: localhost\r\nX-BotBat-Delivery: " + delivery +
                 "\r\nContent-Length: 2\r\n\r\n{}");
    QByteArray response;
    while (!response.contains("\r\n\r\n") && socket.waitForReadyRead(10000))
        response += socket.readAll();
    return response;
}

} // namespace

void HttpsReceiverTest::threadedReceiverServesWhileTheTestThreadBlocks()
{
    ThreadedHttpsReceiver receiver;
    receiver.setCertificate(m_ca.issue());
    QVERIFY2(receiver.start(), qPrintable(receiver.errorString()));
    QVERIFY(threadNames(QStringLiteral("test-receiver")).size() == 1);
    receiver.setDefaultResponse(answer(204));

    QSslSocket socket;
    socket.setSslConfiguration(trustingOnly(m_ca.caCertificate()));
    socket.connectToHostEncrypted(QStringLiteral("localhost"), receiver.port());
    QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
    for (int i = 0; i < 20; ++i) {
        if (i == 10) // takes effect for the very next request: the script is shared, not posted
            receiver.setDefaultResponse(answer(503));
        const QByteArray response = blockingExchange(socket, "t-" + QByteArray::number(i % 5));
        QVERIFY2(response.startsWith(i < 10 ? "HTTP/1.1 204 " : "HTTP/1.1 503 "),
                 response.constData());
    }

    QCOMPARE(receiver.count(), 20);
    QCOMPARE(receiver.distinctHeaderValues(QByteArrayLiteral("X-BotBat-Delivery")),
             QSet<QByteArray>({"t-0", "t-1", "t-2", "t-3", "t-4"}));
    receiver.stop();
    QCOMPARE(receiver.requests().size(), 20); // still readable after stop
}

void HttpsReceiverTest::commandLineReceiverCountsAndReportsOnSigterm()
{
    QTemporaryDir dir;
    const QString caFile = dir.filePath(QStringLiteral("ca.pem"));
    QProcess process;
    process.start(
        QStringLiteral(BOTBAT_TEST_RECEIVER_BINARY),
        {QStringLiteral("--ca-out"), caFile, QStringLiteral("--status"), QStringLiteral("201")});
    QByteArray output;
    QDeadlineTimer deadline(20000);
    while (!output.contains('\n') && !deadline.hasExpired() &&
           process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(200);
        output += process.readAllStandardOutput();
    }
    QVERIFY2(output.startsWith("PORT "),
             QByteArray(output + process.readAllStandardError()).constData());
    const quint16 port = quint16(output.mid(5).trimmed().toUInt());
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(caFile);
    QCOMPARE(ca.size(), 1);

    QNetworkAccessManager manager;
    for (const char *delivery : {"d-1", "d-2", "d-1"}) {
        QNetworkRequest request(
            requestTo(QUrl(QStringLiteral("https://localhost:%1/hook").arg(port)), ca.first()));
        request.setRawHeader("X-BotBat-Delivery", delivery);
        const Outcome outcome = finish(manager.post(request, "{}"));
        QCOMPARE(outcome.error, QNetworkReply::NoError);
        QCOMPARE(outcome.status, 201);
    }

    process.terminate(); // SIGTERM
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    output += process.readAllStandardOutput();
    QVERIFY2(output.endsWith("RECEIVED 3 DISTINCT 2\n"), output.constData());
}

QTEST_GUILESS_MAIN(HttpsReceiverTest)
#include "HttpsReceiverTest.moc"
