// The dispatcher against a real HTTPS receiver on loopback with a test CA: payload, headers and
// both signatures (verified here with QMessageAuthenticationCode, not the engine's OpenSSL
// code), the retry schedule on a ManualClock, Retry-After, 410, timeouts, refused connections,
// bad certificates, redirects, rotation overlap, tests, resends, throttle and auto-disable.
#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "domain/Domain.h"
#include "webhooks/RetryPolicy.h"
#include "webhooks/WebhookSecret.h"
#include "webhooks/WebhookStore.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;
using namespace botbat::test;

namespace {

QByteArray hmac(const QByteArray &key, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
}

} // namespace

class WebhookDeliveryTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void deliversSignedPayload();
    void unsignedEndpointSendsIdentityHeaders();
    void retriesOnScheduleThenFailsPermanently();
    void honorsLongerRetryAfter();
    void goneDisablesEndpoint();
    void timeoutIsRetried();
    void refusedConnectionIsClassified();
    void badCertificatesAreRefused_data();
    void badCertificatesAreRefused();
    void redirectIsNotFollowed();
    void rotationOverlapSignsWithBoth();
    void testDeliveryIsNeverRetried();
    void resendAndRetryFailedSince();
    void throttleSpacesDeliveries();
    void sustainedFailureDisablesEndpoint();
    void deliversConcurrentlyOverKeepAlive();

private:
    void startEngine(WebhookSettings settings = {});
    WebhookStore::Saved addEndpoint(
        const QUrl &url, const QStringList &events,
        WebhookEndpointInput::SecretAction secret = WebhookEndpointInput::SecretAction::Generate);
    qint64 emitContact(const QString &name);
    QList<WebhookAttempt> attemptsOf(qint64 deliveryId);
    WebhookDelivery onlyDelivery(qint64 endpointId);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_receiver;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
};

void WebhookDeliveryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ca = std::make_unique<TestCa>();
    m_receiver = std::make_unique<HttpsReceiver>();
    m_receiver->setCertificate(m_ca->issue());
    QVERIFY2(m_receiver->listen(), qPrintable(m_receiver->errorString()));
    m_clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
}

void WebhookDeliveryTest::cleanup()
{
    m_engine.reset();
    m_receiver.reset();
    m_ca.reset();
    m_dir.reset();
}

void WebhookDeliveryTest::startEngine(WebhookSettings settings)
{
    const QString caFile = m_dir->filePath(QStringLiteral("test-ca.pem"));
    QVERIFY(m_ca->writeCaPem(caFile));
    EngineConfig config = engineConfig(*m_dir);
    config.clock = m_clock;
    settings.trustedCaFiles.append(caFile);
    settings.pollIntervalMs = 20;
    config.webhooks = settings;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

WebhookStore::Saved WebhookDeliveryTest::addEndpoint(const QUrl &url, const QStringList &events,
                                                     WebhookEndpointInput::SecretAction secret)
{
    WebhookEndpointInput input;
    input.url = url.toString();
    input.events = events;
    input.secretAction = secret;
    auto saved = m_engine->webhooks().create(input);
    if (!saved)
        qFatal("create failed: %s", qPrintable(saved.error().message()));
    return saved.value();
}

qint64 WebhookDeliveryTest::emitContact(const QString &name)
{
    ContactInput input;
    input.name = name;
    auto contact = m_engine->domain().createContact(input);
    if (!contact)
        qFatal("contact failed: %s", qPrintable(contact.error().message()));
    return contact->id;
}

QList<WebhookAttempt> WebhookDeliveryTest::attemptsOf(qint64 deliveryId)
{
    auto attempts = m_engine->webhooks().attempts(deliveryId);
    return attempts ? attempts.value() : QList<WebhookAttempt>();
}

WebhookDelivery WebhookDeliveryTest::onlyDelivery(qint64 endpointId)
{
    WebhookStore::DeliveryFilter filter;
    filter.endpointId = endpointId;
    auto page = m_engine->webhooks().deliveries(filter);
    if (!page || page->items.size() != 1)
        return {};
    return page->items.first();
}

void WebhookDeliveryTest::deliversSignedPayload()
{
    startEngine();
    const auto saved =
        addEndpoint(m_receiver->url(QStringLiteral("/hooks/botbat")), {EventType::ContactCreated});
    QVERIFY(saved.generatedSecret.startsWith(QLatin1String("whsec_")));
    const qint64 before = m_clock->now().toSecsSinceEpoch();
    emitContact(QStringLiteral("Ada Lovelace"));
    QVERIFY(m_receiver->waitForCount(1));

    const ReceivedRequest request = m_receiver->requests().constFirst();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/hooks/botbat"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(request.header("User-Agent").startsWith("BotBat-Webhooks/"));
    QCOMPARE(request.header("X-BotBat-Event"), QByteArray("contact.created"));
    const QByteArray messageId = request.header("X-BotBat-Delivery");
    QVERIFY(messageId.startsWith("evt_"));
    QCOMPARE(request.header("webhook-id"), messageId);

    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.keys(), (QStringList{QStringLiteral("data"), QStringLiteral("id"),
                                       QStringLiteral("timestamp"), QStringLiteral("type")}));
    QCOMPARE(body.value(QLatin1String("id")).toString().toLatin1(), messageId);
    QCOMPARE(body.value(QLatin1String("type")).toString(), QStringLiteral("contact.created"));
    QCOMPARE(body.value(QLatin1String("data")).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("Ada Lovelace"));

    // GitHub style: hex HMAC of the raw body keyed with the whole secret string.
    const QByteArray secret = saved.generatedSecret.toLatin1();
    QCOMPARE(request.header("X-BotBat-Signature"), "sha256=" + hmac(secret, request.body).toHex());
    // Standard Webhooks: base64 HMAC of "id.timestamp.body" keyed with the decoded secret.
    const QByteArray timestamp = request.header("webhook-timestamp");
    QVERIFY(qAbs(timestamp.toLongLong() - before) <= 5);
    const QByteArray key = QByteArray::fromBase64(secret.mid(6));
    QCOMPARE(request.header("webhook-signature"),
             "v1," + hmac(key, messageId + '.' + timestamp + '.' + request.body).toBase64());

    // And the Standard Webhooks reference library (npm "standardwebhooks") accepts it with the
    // same secret string, as a receiver would.
    QJsonObject headers;
    for (const auto &[name, value] : request.headers)
        headers.insert(QString::fromLatin1(name).toLower(), QString::fromLatin1(value));
    const QString requestFile = m_dir->filePath(QStringLiteral("request.json"));
    QFile file(requestFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("secret"), saved.generatedSecret},
                                         {QStringLiteral("headers"), headers},
                                         {QStringLiteral("body"), QString::fromUtf8(request.body)}})
                   .toJson());
    file.close();
    QProcess node;
    node.start(QStringLiteral("node"),
               {QStringLiteral(BOTBAT_STANDARD_WEBHOOKS_VERIFIER), requestFile});
    QVERIFY2(node.waitForFinished(30000), "node did not finish");
    QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
    QCOMPARE(node.readAllStandardOutput().trimmed(), "verified " + messageId);

    // The delivery and its attempt are stored with what was sent and answered.
    QTRY_COMPARE(onlyDelivery(saved.endpoint.id).state, WebhookDelivery::State::Succeeded);
    const WebhookDelivery delivery = onlyDelivery(saved.endpoint.id);
    QCOMPARE(delivery.attempts, 1);
    const QList<WebhookAttempt> attempts = attemptsOf(delivery.id);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts[0].httpStatus, 200);
    QVERIFY(attempts[0].succeeded);
    QCOMPARE(attempts[0].errorClass, WebhookAttempt::ErrorClass::None);
    QVERIFY(!attempts[0].nextRetryAt.isValid());
    bool sentSignature = false;
    for (const auto &[name, value] : attempts[0].requestHeaders)
        sentSignature |=
            name == "X-BotBat-Signature" && value == request.header("X-BotBat-Signature");
    QVERIFY(sentSignature);
    // Health reaches the endpoint (and the Overview).
    QTRY_COMPARE(m_engine->webhooks().get(saved.endpoint.id)->health(),
                 WebhookEndpoint::Health::Connected);
}

void WebhookDeliveryTest::unsignedEndpointSendsIdentityHeaders()
{
    startEngine();
    addEndpoint(m_receiver->url(), {EventType::ContactCreated},
                WebhookEndpointInput::SecretAction::Keep);
    emitContact(QStringLiteral("No Secret"));
    QVERIFY(m_receiver->waitForCount(1));
    const ReceivedRequest request = m_receiver->requests().constFirst();
    QVERIFY(request.header("X-BotBat-Signature").isEmpty());
    QVERIFY(request.header("webhook-signature").isEmpty());
    QVERIFY(request.header("webhook-id").startsWith("evt_"));
    QVERIFY(!request.header("webhook-timestamp").isEmpty());
}

void WebhookDeliveryTest::retriesOnScheduleThenFailsPermanently()
{
    startEngine();
    m_receiver->setDefaultResponse({500, {}, QByteArrayLiteral("{\"error\":\"boom\"}")});
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    emitContact(QStringLiteral("Retry Me"));

    const QList<qint64> nominal = {10'000, 30'000, 120'000, 600'000, 1'800'000};
    QVERIFY(m_receiver->waitForCount(1));
    for (int retry = 0; retry < nominal.size(); ++retry) {
        // The stored attempt says when the next one comes; it is within the jitter.
        WebhookDelivery delivery;
        QTRY_VERIFY((delivery = onlyDelivery(saved.endpoint.id)).attempts == retry + 1 &&
                    delivery.state == WebhookDelivery::State::Retrying);
        const QList<WebhookAttempt> attempts = attemptsOf(delivery.id);
        QCOMPARE(attempts.size(), retry + 1);
        const WebhookAttempt &last = attempts.constLast();
        QCOMPARE(last.httpStatus, 500);
        QCOMPARE(last.errorClass, WebhookAttempt::ErrorClass::Http);
        QVERIFY(last.errorMessage.contains(QLatin1String("500")));
        const qint64 delay = last.startedAt.msecsTo(last.nextRetryAt);
        QVERIFY2(delay >= nominal[retry] * 0.9 - 5 && delay <= nominal[retry] * 1.1 + 5,
                 qPrintable(QString::number(delay)));

        // Nothing before it is due...
        m_clock->set(last.nextRetryAt.addMSecs(-500));
        QTest::qWait(100);
        QCOMPARE(m_receiver->count(), retry + 1);
        // ...and the retry once it is.
        m_clock->set(last.nextRetryAt.addMSecs(10));
        QVERIFY(m_receiver->waitForCount(retry + 2));
    }
    QTRY_COMPARE(onlyDelivery(saved.endpoint.id).state, WebhookDelivery::State::Failed);
    const WebhookDelivery failed = onlyDelivery(saved.endpoint.id);
    QCOMPARE(failed.attempts, RetryPolicy::kMaxAttempts);
    QVERIFY(!failed.nextAttemptAt.isValid());
    QVERIFY(!attemptsOf(failed.id).constLast().nextRetryAt.isValid());
    // Permanently failed: nothing more, however long we wait.
    m_clock->advance(48LL * 3600 * 1000);
    QTest::qWait(200);
    QCOMPARE(m_receiver->count(), RetryPolicy::kMaxAttempts);
    // All retries carried the same delivery id and body.
    QCOMPARE(m_receiver->distinctHeaderValues("X-BotBat-Delivery").size(), 1);
    QCOMPARE(m_engine->webhooks().get(saved.endpoint.id)->health(), WebhookEndpoint::Health::Error);
}

void WebhookDeliveryTest::honorsLongerRetryAfter()
{
    startEngine();
    m_receiver->enqueueResponse({429, {{"Retry-After", "300"}}, {}});
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    emitContact(QStringLiteral("Slow Down"));
    WebhookDelivery delivery;
    QTRY_VERIFY((delivery = onlyDelivery(saved.endpoint.id)).state ==
                WebhookDelivery::State::Retrying);
    const WebhookAttempt attempt = attemptsOf(delivery.id).constFirst();
    QCOMPARE(attempt.httpStatus, 429);
    QCOMPARE(attempt.startedAt.msecsTo(attempt.nextRetryAt), 300'000);
    // A Retry-After shorter than the schedule does not shorten it.
    m_receiver->enqueueResponse({503, {{"Retry-After", "1"}}, {}});
    m_clock->set(attempt.nextRetryAt.addMSecs(10));
    QVERIFY(m_receiver->waitForCount(2));
    QTRY_COMPARE(attemptsOf(delivery.id).size(), 2);
    const WebhookAttempt second = attemptsOf(delivery.id).constLast();
    QVERIFY(second.startedAt.msecsTo(second.nextRetryAt) >= 27'000);
}

void WebhookDeliveryTest::goneDisablesEndpoint()
{
    startEngine();
    m_receiver->setDefaultResponse({410, {}, {}});
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    emitContact(QStringLiteral("Gone"));
    QTRY_COMPARE(onlyDelivery(saved.endpoint.id).state, WebhookDelivery::State::Failed);
    QTRY_VERIFY(!m_engine->webhooks().get(saved.endpoint.id)->enabled);
    const WebhookEndpoint endpoint = m_engine->webhooks().get(saved.endpoint.id).value();
    QCOMPARE(endpoint.health(), WebhookEndpoint::Health::Inactive);
    QVERIFY2(endpoint.disabledReason.contains(QLatin1String("410")),
             qPrintable(endpoint.disabledReason));
    // Disabled: later events are not sent, and the failed delivery is not retried.
    emitContact(QStringLiteral("After Gone"));
    m_clock->advance(3600LL * 1000);
    QTest::qWait(200);
    QCOMPARE(m_receiver->count(), 1);
}

void WebhookDeliveryTest::timeoutIsRetried()
{
    WebhookSettings settings;
    settings.requestTimeoutMs = 600;
    startEngine(settings);
    m_receiver->enqueueResponse({200, {}, {}, 3000});
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    emitContact(QStringLiteral("Too Slow"));
    WebhookDelivery delivery;
    QTRY_VERIFY((delivery = onlyDelivery(saved.endpoint.id)).state ==
                WebhookDelivery::State::Retrying);
    const WebhookAttempt attempt = attemptsOf(delivery.id).constFirst();
    QCOMPARE(attempt.errorClass, WebhookAttempt::ErrorClass::Timeout);
    QCOMPARE(attempt.httpStatus, 0);
    QVERIFY(attempt.durationMs >= 500 && attempt.durationMs < 2500);
    QVERIFY(attempt.errorMessage.contains(QLatin1String("within")));
}

void WebhookDeliveryTest::refusedConnectionIsClassified()
{
    startEngine();
    QTcpServer probe; // a port that was free a moment ago and has no listener now
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    const auto saved = addEndpoint(QUrl(QStringLiteral("https://localhost:%1/").arg(port)),
                                   {EventType::ContactCreated});
    emitContact(QStringLiteral("Nobody Home"));
    WebhookDelivery delivery;
    QTRY_VERIFY((delivery = onlyDelivery(saved.endpoint.id)).state ==
                WebhookDelivery::State::Retrying);
    const WebhookAttempt attempt = attemptsOf(delivery.id).constFirst();
    QCOMPARE(attempt.errorClass, WebhookAttempt::ErrorClass::Connect);
    QVERIFY2(attempt.errorMessage.contains(QLatin1String("refused")),
             qPrintable(attempt.errorMessage));
    QTRY_VERIFY(
        m_engine->webhooks().get(saved.endpoint.id)->lastError.contains(QLatin1String("refused")));
}

void WebhookDeliveryTest::badCertificatesAreRefused_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("expired") << 0 << QStringLiteral("expired");
    QTest::newRow("wrong host") << 1 << QStringLiteral("not issued for localhost");
    QTest::newRow("self-signed") << 2 << QStringLiteral("trusted certificate authority");
}

void WebhookDeliveryTest::badCertificatesAreRefused()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    m_receiver = std::make_unique<HttpsReceiver>();
    m_receiver->setCertificate(kind == 0   ? m_ca->issueExpired()
                               : kind == 1 ? m_ca->issueForWrongHost()
                                           : TestCa::selfSigned());
    QVERIFY(m_receiver->listen());
    startEngine();
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    emitContact(QStringLiteral("Certificate Check"));
    WebhookDelivery delivery;
    QTRY_VERIFY((delivery = onlyDelivery(saved.endpoint.id)).state ==
                WebhookDelivery::State::Retrying);
    const WebhookAttempt attempt = attemptsOf(delivery.id).constFirst();
    QCOMPARE(attempt.errorClass, WebhookAttempt::ErrorClass::Tls);
    QVERIFY2(attempt.errorMessage.contains(expected), qPrintable(attempt.errorMessage));
    QCOMPARE(m_receiver->count(), 0); // nothing was sent over the refused connection
}

void WebhookDeliveryTest::redirectIsNotFollowed()
{
    startEngine();
    m_receiver->setDefaultResponse(
        {301, {{"Location", m_receiver->url(QStringLiteral("/moved")).toEncoded()}}, {}});
    const auto saved =
        addEndpoint(m_receiver->url(QStringLiteral("/old")), {EventType::ContactCreated});
    emitContact(QStringLiteral("Moved"));
    WebhookDelivery delivery;
    QTRY_VERIFY((delivery = onlyDelivery(saved.endpoint.id)).state ==
                WebhookDelivery::State::Retrying);
    QTest::qWait(100);
    QCOMPARE(m_receiver->count(), 1); // /moved was never requested
    const WebhookAttempt attempt = attemptsOf(delivery.id).constFirst();
    QCOMPARE(attempt.httpStatus, 301);
    QCOMPARE(attempt.errorClass, WebhookAttempt::ErrorClass::Http);
    QVERIFY2(attempt.errorMessage.contains(QLatin1String("/moved")),
             qPrintable(attempt.errorMessage));
}

void WebhookDeliveryTest::rotationOverlapSignsWithBoth()
{
    startEngine();
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    const QByteArray oldSecret = saved.generatedSecret.toLatin1();
    auto rotated = m_engine->webhooks().rotateSecret(saved.endpoint.id, 3600 * 1000);
    QVERIFY2(rotated, rotated ? "" : qPrintable(rotated.error().message()));
    const QByteArray newSecret = rotated->generatedSecret.toLatin1();
    QVERIFY(newSecret != oldSecret);

    emitContact(QStringLiteral("During Overlap"));
    QVERIFY(m_receiver->waitForCount(1));
    ReceivedRequest request = m_receiver->requests().constLast();
    const QByteArray id = request.header("webhook-id");
    QByteArray signedContent = id + '.' + request.header("webhook-timestamp") + '.' + request.body;
    const QList<QByteArray> signatures = request.header("webhook-signature").split(' ');
    QCOMPARE(signatures.size(), 2);
    QCOMPARE(signatures[0],
             "v1," + hmac(QByteArray::fromBase64(newSecret.mid(6)), signedContent).toBase64());
    QCOMPARE(signatures[1],
             "v1," + hmac(QByteArray::fromBase64(oldSecret.mid(6)), signedContent).toBase64());
    QCOMPARE(request.header("X-BotBat-Signature"),
             "sha256=" + hmac(newSecret, request.body).toHex());
    QCOMPARE(request.header("X-BotBat-Signature-Previous"),
             "sha256=" + hmac(oldSecret, request.body).toHex());

    // After the overlap only the new secret signs.
    m_clock->advance(3600LL * 1000 + 1000);
    QTest::qWait(100); // the dispatcher notices at its next poll
    emitContact(QStringLiteral("After Overlap"));
    QVERIFY(m_receiver->waitForCount(2));
    request = m_receiver->requests().constLast();
    signedContent = request.header("webhook-id") + '.' + request.header("webhook-timestamp") + '.' +
                    request.body;
    QCOMPARE(request.header("webhook-signature"),
             "v1," + hmac(QByteArray::fromBase64(newSecret.mid(6)), signedContent).toBase64());
    QVERIFY(request.header("X-BotBat-Signature-Previous").isEmpty());
}

void WebhookDeliveryTest::testDeliveryIsNeverRetried()
{
    startEngine();
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    m_receiver->enqueueResponse({200, {{"X-Receiver", "yes"}}, QByteArrayLiteral("{\"ok\":true}")});
    auto test = m_engine->webhooks().createTest(saved.endpoint.id, EventType::MessageReceived);
    QVERIFY(test);
    QVERIFY(m_receiver->waitForCount(1));
    const ReceivedRequest request = m_receiver->requests().constFirst();
    QCOMPARE(request.header("X-BotBat-Event"), QByteArray("message.received"));
    QVERIFY(request.header("X-BotBat-Delivery").startsWith("test_"));
    QTRY_COMPARE(attemptsOf(test->id).size(), 1);
    const WebhookAttempt ok = attemptsOf(test->id).constFirst();
    QVERIFY(ok.isTest);
    QCOMPARE(ok.responseBody, QByteArray("{\"ok\":true}"));
    bool receiverHeader = false;
    for (const auto &[name, value] : ok.responseHeaders)
        receiverHeader |= name.compare("X-Receiver", Qt::CaseInsensitive) == 0 && value == "yes";
    QVERIFY(receiverHeader);

    // A failing test is recorded as failed and never tried again.
    m_receiver->setDefaultResponse({500, {}, {}});
    auto failing = m_engine->webhooks().createTest(saved.endpoint.id, EventType::ContactCreated);
    QVERIFY(failing);
    QTRY_COMPARE(m_engine->webhooks().delivery(failing->id)->state, WebhookDelivery::State::Failed);
    m_clock->advance(3600LL * 1000);
    QTest::qWait(200);
    QCOMPARE(m_receiver->count(), 2);
    QCOMPARE(attemptsOf(failing->id).size(), 1);
}

void WebhookDeliveryTest::resendAndRetryFailedSince()
{
    startEngine();
    m_receiver->setDefaultResponse({400, {}, {}});
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    const QDateTime start = m_clock->now();
    emitContact(QStringLiteral("One"));
    emitContact(QStringLiteral("Two"));
    // Run both through the whole schedule.
    for (int attempt = 1; attempt <= RetryPolicy::kMaxAttempts; ++attempt) {
        QVERIFY(m_receiver->waitForCount(2 * attempt));
        QTest::qWait(50);
        m_clock->advance(3LL * 3600 * 1000);
    }
    WebhookStore::DeliveryFilter failedOnly;
    failedOnly.endpointId = saved.endpoint.id;
    failedOnly.state = WebhookDelivery::State::Failed;
    QTRY_COMPARE(m_engine->webhooks().deliveries(failedOnly)->items.size(), 2);
    const qint64 first = m_engine->webhooks().deliveries(failedOnly)->items.constLast().id;

    m_receiver->setDefaultResponse({204, {}, {}});
    QVERIFY(m_engine->webhooks().resend(first));
    QVERIFY(m_receiver->waitForCount(13));
    QTRY_COMPARE(m_engine->webhooks().delivery(first)->state, WebhookDelivery::State::Succeeded);
    QCOMPARE(m_engine->webhooks().delivery(first)->attempts, RetryPolicy::kMaxAttempts + 1);

    auto requeued = m_engine->webhooks().retryFailedSince(saved.endpoint.id, start);
    QVERIFY(requeued);
    QCOMPARE(requeued.value(), 1);
    QVERIFY(m_receiver->waitForCount(14));
    QTRY_COMPARE(m_engine->webhooks().deliveries(failedOnly)->items.size(), 0);
}

void WebhookDeliveryTest::throttleSpacesDeliveries()
{
    startEngine();
    WebhookEndpointInput input;
    input.url = m_receiver->url().toString();
    input.events = QStringList{EventType::ContactCreated};
    input.ratePerSecond = 10;
    QVERIFY(m_engine->webhooks().create(input));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 12; ++i)
        emitContact(QStringLiteral("Throttled %1").arg(i));
    QVERIFY(m_receiver->waitForCount(12));
    // One at once, then ten per second: eleven more take about 1.1 s.
    QVERIFY2(timer.elapsed() >= 950, qPrintable(QString::number(timer.elapsed())));
}

void WebhookDeliveryTest::sustainedFailureDisablesEndpoint()
{
    WebhookSettings settings;
    settings.autoDisableAfterMs = 5LL * 24 * 3600 * 1000;
    settings.warnBeforeDisableMs = 4LL * 24 * 3600 * 1000;
    startEngine(settings);
    m_receiver->setDefaultResponse({502, {}, {}});
    const auto saved = addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    // A new failing event each day: every attempt fails for days.
    for (int day = 0; day < 4; ++day) {
        emitContact(QStringLiteral("Day %1").arg(day));
        QTRY_VERIFY(m_engine->webhooks().get(saved.endpoint.id)->lastStatus == 502);
        m_clock->advance(24LL * 3600 * 1000 + 1000);
        QTest::qWait(60);
    }
    const qint64 sent = m_receiver->count();
    emitContact(QStringLiteral("Warning"));
    QVERIFY(m_receiver->waitForCount(sent + 1));
    QTRY_VERIFY2(
        m_engine->webhooks()
            .get(saved.endpoint.id)
            ->lastError.contains(QLatin1String("disabled automatically on")),
        qPrintable(
            m_engine->webhooks().get(saved.endpoint.id)->lastError + QLatin1Char(' ') +
            m_engine->webhooks().get(saved.endpoint.id)->failingSince.toString(Qt::ISODate)));
    QVERIFY(m_engine->webhooks().get(saved.endpoint.id)->enabled);
    m_clock->advance(24LL * 3600 * 1000 + 1000);
    QTest::qWait(60);
    emitContact(QStringLiteral("Last Straw"));
    QTRY_VERIFY(!m_engine->webhooks().get(saved.endpoint.id)->enabled);
    QVERIFY(m_engine->webhooks()
                .get(saved.endpoint.id)
                ->disabledReason.contains(QLatin1String("disabled automatically")));
}

void WebhookDeliveryTest::deliversConcurrentlyOverKeepAlive()
{
    startEngine();
    m_receiver->setDefaultResponse({200, {}, {}, 50});
    addEndpoint(m_receiver->url(), {EventType::ContactCreated});
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 40; ++i)
        emitContact(QStringLiteral("Burst %1").arg(i));
    QVERIFY(m_receiver->waitForCount(40));
    // 40 answers that each take 50 ms: one at a time would need 2 s.
    QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
    QSet<quint64> connections;
    for (const ReceivedRequest &request : m_receiver->requests())
        connections.insert(request.connectionId);
    QVERIFY2(connections.size() > 1 &&
                 connections.size() <= WebhookEndpoint::kDefaultMaxConcurrency,
             qPrintable(QString::number(connections.size())));
}

QTEST_GUILESS_MAIN(WebhookDeliveryTest)
#include "WebhookDeliveryTest.moc"
