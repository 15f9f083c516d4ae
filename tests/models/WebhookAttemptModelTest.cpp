// One endpoint's recent attempts on a real engine delivering to a real HTTPS receiver (test
// CA): newest first, paged back by id, filtered by outcome, live from the dispatcher, bounded;
// details, resend and retry-failed-since through the model; and a Send Test run end to end.
#include "models/WebhookAttemptModel.h"

#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "core/Event.h"
#include "domain/ContactInput.h"
#include "domain/Domain.h"
#include "models/WebhookTestRun.h"
#include "webhooks/RetryPolicy.h"
#include "webhooks/WebhookStore.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace botbat;
using namespace botbat::test;

namespace {
using Model = WebhookAttemptModel;
using Outcome = Model::Outcome;

QByteArray header(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}
} // namespace

class WebhookAttemptModelTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void pagesBackNewestFirst();
    void filtersByOutcomeAlsoLive();
    void liveGrowthIsBounded();
    void removedEndpointEmptiesTheModel();
    void detailsHoldHeadersPayloadAndAnswer();
    void resendAndRetryFailedSince();
    void sendTestRunShowsTheAnswer();
    void sendTestRunTimesOut();
    void sendTestRunSaysWhyItFailed();

private:
    WebhookStore::Saved addEndpoint(const QString &path = QStringLiteral("/hook"));
    void emitContacts(int count);
    int storedAttempts(qint64 endpointId);
    void showEndpoint(qint64 id);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_receiver;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void WebhookAttemptModelTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ca = std::make_unique<TestCa>();
    m_receiver = std::make_unique<HttpsReceiver>();
    m_receiver->setCertificate(m_ca->issue());
    QVERIFY2(m_receiver->listen(), qPrintable(m_receiver->errorString()));
    // A clock that stands still unless moved: retries come only when the test says so.
    m_clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
    const QString caFile = m_dir->filePath(QStringLiteral("test-ca.pem"));
    QVERIFY(m_ca->writeCaPem(caFile));
    EngineConfig config = engineConfig(*m_dir);
    config.clock = m_clock;
    config.webhooks.trustedCaFiles = {caFile};
    config.webhooks.pollIntervalMs = 20;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_model = std::make_unique<Model>(*m_engine);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void WebhookAttemptModelTest::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_engine.reset();
    m_receiver.reset();
    m_ca.reset();
    m_clock.reset();
    m_dir.reset();
}

WebhookStore::Saved WebhookAttemptModelTest::addEndpoint(const QString &path)
{
    WebhookEndpointInput input;
    input.url = m_receiver->url(path).toString();
    input.events = QStringList{EventType::ContactCreated};
    input.secretAction = WebhookEndpointInput::SecretAction::Generate;
    auto saved = m_engine->webhooks().create(input);
    if (!saved)
        qFatal("create failed: %s", qPrintable(saved.error().message()));
    return saved.value();
}

void WebhookAttemptModelTest::emitContacts(int count)
{
    for (int i = 0; i < count; ++i) {
        ContactInput contact;
        contact.name = QStringLiteral("Contact %1").arg(i);
        QVERIFY(m_engine->domain().createContact(contact));
    }
}

int WebhookAttemptModelTest::storedAttempts(qint64 endpointId)
{
    // Counted page by page, as the store pages (at most PageQuery::kMaxLimit at a time).
    WebhookStore::AttemptFilter filter;
    filter.endpointId = endpointId;
    filter.limit = 100;
    int count = 0;
    for (;;) {
        const auto attempts = m_engine->webhooks().recentAttempts(filter);
        if (!attempts)
            return -1;
        count += int(attempts->size());
        if (attempts->size() < filter.limit)
            return count;
        filter.beforeId = attempts->constLast().id;
    }
}

void WebhookAttemptModelTest::showEndpoint(qint64 id)
{
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->setEndpoint(id);
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_model->isLoaded());
}

void WebhookAttemptModelTest::pagesBackNewestFirst()
{
    const auto saved = addEndpoint();
    emitContacts(250);
    QVERIFY(m_receiver->waitForCount(250, 30000));
    QTRY_COMPARE_WITH_TIMEOUT(storedAttempts(saved.endpoint.id), 250, 10000);

    showEndpoint(saved.endpoint.id);
    QCOMPARE(m_model->rowCount(), Model::kPageSize);
    QVERIFY(m_model->canLoadMore());
    for (int row = 1; row < m_model->rowCount(); ++row)
        QVERIFY(m_model->attemptAt(row - 1).id > m_model->attemptAt(row).id);
    QCOMPARE(m_model->index(0, Model::StatusColumn).data().toString(), QStringLiteral("200"));
    QCOMPARE(m_model->index(0, Model::ResultColumn).data().toString(), QStringLiteral("Delivered"));
    QCOMPARE(m_model->index(0, Model::EventColumn).data().toString(),
             QStringLiteral("contact.created"));
    QCOMPARE(m_model->index(0, Model::AttemptColumn).data().toString(), QStringLiteral("1"));
    QVERIFY(
        m_model->index(0, Model::DurationColumn).data().toString().endsWith(QStringLiteral(" ms")));

    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->loadMore();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(m_model->rowCount(), 2 * Model::kPageSize);
    QVERIFY(m_model->canLoadMore());
    m_model->loadMore();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(m_model->rowCount(), 250);
    QVERIFY(!m_model->canLoadMore());
    for (int row = 1; row < m_model->rowCount(); ++row)
        QVERIFY(m_model->attemptAt(row - 1).id > m_model->attemptAt(row).id);
}

void WebhookAttemptModelTest::filtersByOutcomeAlsoLive()
{
    const auto saved = addEndpoint();
    for (int status : {200, 500, 200, 500})
        m_receiver->enqueueResponse({status, {}, QByteArrayLiteral("{}")});
    emitContacts(4);
    QVERIFY(m_receiver->waitForCount(4));
    QTRY_COMPARE(storedAttempts(saved.endpoint.id), 4);

    showEndpoint(saved.endpoint.id);
    QCOMPARE(m_model->rowCount(), 4);
    QVERIFY(!m_model->canLoadMore());

    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->setOutcome(Outcome::Failed);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(m_model->rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
        QVERIFY(!m_model->attemptAt(row).succeeded);
        QCOMPARE(m_model->index(row, Model::StatusColumn).data().toString(), QStringLiteral("500"));
        QCOMPARE(Model::Result(m_model->index(row, 0).data(Model::ResultRole).toInt()),
                 Model::Result::Retrying);
        QVERIFY(!m_model->index(row, Model::NextRetryColumn).data().toString().isEmpty());
    }

    // A new success does not show under Failed...
    emitContacts(1);
    QVERIFY(m_receiver->waitForCount(5));
    QTRY_COMPARE(storedAttempts(saved.endpoint.id), 5);
    QTest::qWait(100);
    QCOMPARE(m_model->rowCount(), 2);
    // ...and shows at the top under Succeeded, then live as well.
    m_model->setOutcome(Outcome::Succeeded);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(m_model->rowCount(), 3);
    emitContacts(1);
    QTRY_COMPARE(m_model->rowCount(), 4);
    QVERIFY(m_model->attemptAt(0).succeeded);
    QVERIFY(m_model->attemptAt(0).id > m_model->attemptAt(1).id);
}

void WebhookAttemptModelTest::liveGrowthIsBounded()
{
    const auto saved = addEndpoint();
    showEndpoint(saved.endpoint.id);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->canLoadMore());

    // A burst bigger than the bound, in the light form the engine announces.
    QList<WebhookAttempt> burst;
    for (int i = 1; i <= Model::kMaxLiveRows + 100; ++i) {
        WebhookAttempt attempt;
        attempt.id = 1'000'000 + i;
        attempt.deliveryId = i;
        attempt.endpointId = saved.endpoint.id;
        attempt.eventType = EventType::ContactCreated;
        attempt.startedAt = m_clock->now();
        attempt.httpStatus = 200;
        attempt.succeeded = true;
        burst.append(attempt);
    }
    WebhookAttempt other = burst.first();
    other.id = 5'000'000;
    other.endpointId = saved.endpoint.id + 1000;
    burst.append(other);
    emit m_engine->webhookAttemptsRecorded(burst);
    QCOMPARE(m_model->rowCount(), Model::kMaxLiveRows);
    QCOMPARE(m_model->attemptAt(0).id, 1'000'000 + Model::kMaxLiveRows + 100);
    QVERIFY(m_model->canLoadMore());
    QCOMPARE(m_model->rowOf(5'000'000), -1);
    // The same attempts again (a late page, a repeated batch) add nothing.
    emit m_engine->webhookAttemptsRecorded(burst.mid(0, 600));
    QCOMPARE(m_model->rowCount(), Model::kMaxLiveRows);
}

void WebhookAttemptModelTest::removedEndpointEmptiesTheModel()
{
    const auto saved = addEndpoint();
    emitContacts(2);
    QVERIFY(m_receiver->waitForCount(2));
    QTRY_COMPARE(storedAttempts(saved.endpoint.id), 2);
    showEndpoint(saved.endpoint.id);
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(m_engine->webhooks().remove(saved.endpoint.id));
    QTRY_COMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->endpointId(), 0);
}

void WebhookAttemptModelTest::detailsHoldHeadersPayloadAndAnswer()
{
    m_receiver->setDefaultResponse({202,
                                    {{QByteArrayLiteral("X-Receiver"), QByteArrayLiteral("test")}},
                                    QByteArrayLiteral("{\"ok\":true}")});
    const auto saved = addEndpoint(QStringLiteral("/details"));
    emitContacts(1);
    QVERIFY(m_receiver->waitForCount(1));
    QTRY_COMPARE(storedAttempts(saved.endpoint.id), 1);
    showEndpoint(saved.endpoint.id);
    QCOMPARE(m_model->rowCount(), 1);

    std::optional<DomainResult<WebhookAttemptDetails>> details;
    m_model->loadDetails(
        m_model->attemptAt(0).id,
        [&details](const DomainResult<WebhookAttemptDetails> &result) { details = result; });
    QTRY_VERIFY(details.has_value());
    QVERIFY(details->ok());
    const WebhookAttemptDetails &d = details->value();
    QCOMPARE(d.attempt.httpStatus, 202);
    QCOMPARE(d.attempt.requestUrl, m_receiver->url(QStringLiteral("/details")).toString());
    QVERIFY(header(d.attempt.requestHeaders, "X-BotBat-Signature").startsWith("sha256="));
    QCOMPARE(header(d.attempt.requestHeaders, "X-BotBat-Event"), QByteArray("contact.created"));
    QCOMPARE(header(d.attempt.responseHeaders, "X-Receiver"), QByteArray("test"));
    QCOMPARE(d.attempt.responseBody, QByteArray("{\"ok\":true}"));
    const QJsonObject payload = QJsonDocument::fromJson(d.delivery.payload).object();
    QCOMPARE(payload.value(QLatin1String("type")).toString(), QStringLiteral("contact.created"));
    QCOMPARE(m_receiver->requests().constFirst().body, d.delivery.payload);
}

void WebhookAttemptModelTest::resendAndRetryFailedSince()
{
    m_receiver->setDefaultResponse({500, {}, QByteArrayLiteral("{\"error\":\"boom\"}")});
    const auto saved = addEndpoint();
    emitContacts(1);
    QVERIFY(m_receiver->waitForCount(1));
    QTRY_COMPARE(storedAttempts(saved.endpoint.id), 1);
    showEndpoint(saved.endpoint.id);
    QCOMPARE(m_model->rowCount(), 1);
    const qint64 deliveryId = m_model->attemptAt(0).deliveryId;

    // Resend: now, not at the scheduled retry; the new attempt arrives live on top.
    std::optional<DomainResult<WebhookDelivery>> resent;
    m_model->resend(deliveryId,
                    [&resent](const DomainResult<WebhookDelivery> &result) { resent = result; });
    QTRY_VERIFY(resent.has_value());
    QVERIFY(resent->ok());
    QVERIFY(m_receiver->waitForCount(2));
    QTRY_COMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->attemptAt(0).attempt, 2);
    QCOMPARE(m_model->attemptAt(0).deliveryId, deliveryId);

    // Use up the retries on the clock until the delivery fails for good.
    for (int attempt = 3; attempt <= RetryPolicy::kMaxAttempts; ++attempt) {
        QTRY_VERIFY(m_model->attemptAt(0).nextRetryAt.isValid());
        m_clock->set(m_model->attemptAt(0).nextRetryAt.addMSecs(10));
        QVERIFY(m_receiver->waitForCount(attempt));
        QTRY_COMPARE(m_model->rowCount(), attempt);
    }
    QCOMPARE(m_model->attemptAt(0).attempt, RetryPolicy::kMaxAttempts);
    QVERIFY(!m_model->attemptAt(0).nextRetryAt.isValid());
    QCOMPARE(Model::Result(m_model->index(0, 0).data(Model::ResultRole).toInt()),
             Model::Result::Failed);
    QTRY_COMPARE(m_engine->webhooks().delivery(deliveryId)->state, WebhookDelivery::State::Failed);

    std::optional<DomainResult<int>> retried;
    m_model->retryFailedSince(m_clock->now().addSecs(-3600),
                              [&retried](const DomainResult<int> &result) { retried = result; });
    QTRY_VERIFY(retried.has_value());
    QVERIFY2(retried->ok(), retried->ok() ? "" : qPrintable(retried->error().message()));
    QCOMPARE(retried->value(), 1);
    QVERIFY(m_receiver->waitForCount(RetryPolicy::kMaxAttempts + 1));
    QTRY_COMPARE(m_model->rowCount(), RetryPolicy::kMaxAttempts + 1);
}

void WebhookAttemptModelTest::sendTestRunShowsTheAnswer()
{
    m_receiver->setDefaultResponse({200, {}, QByteArrayLiteral("{\"received\":true}")});
    const auto saved = addEndpoint(QStringLiteral("/test"));
    showEndpoint(saved.endpoint.id);
    WebhookTestRun run(*m_engine);
    QSignalSpy queued(&run, &WebhookTestRun::queued);
    std::optional<WebhookAttemptDetails> finished;
    connect(&run, &WebhookTestRun::finished, this,
            [&finished](const WebhookAttemptDetails &details) { finished = details; });
    run.start(saved.endpoint.id, EventType::MessageReceived);
    QVERIFY(run.isRunning());
    QTRY_VERIFY(finished.has_value());
    QCOMPARE(queued.size(), 1);
    QVERIFY(!run.isRunning());
    QVERIFY(finished->attempt.isTest);
    QVERIFY(finished->attempt.succeeded);
    QCOMPARE(finished->attempt.httpStatus, 200);
    QCOMPARE(finished->attempt.responseBody, QByteArray("{\"received\":true}"));
    QVERIFY(header(finished->attempt.requestHeaders, "X-BotBat-Signature").startsWith("sha256="));
    QVERIFY(header(finished->attempt.requestHeaders, "X-BotBat-Delivery").startsWith("test_"));
    QCOMPARE(m_receiver->count(), 1);
    QCOMPARE(m_receiver->requests().constFirst().header("X-BotBat-Event"),
             QByteArray("message.received"));
    // The test shows with the endpoint's attempts, marked as such.
    QTRY_COMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, Model::EventColumn).data().toString(),
             QStringLiteral("message.received (test)"));
    QVERIFY(m_model->index(0, Model::NextRetryColumn).data().toString().isEmpty());

    // A failing test says it is not retried.
    m_receiver->setDefaultResponse({500, {}, QByteArrayLiteral("{}")});
    finished.reset();
    run.start(saved.endpoint.id, EventType::ContactCreated);
    QTRY_VERIFY(finished.has_value());
    QVERIFY(!finished->attempt.succeeded);
    QVERIFY(!finished->attempt.nextRetryAt.isValid());
    QTRY_COMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(0, Model::NextRetryColumn).data().toString(),
             QStringLiteral("Not retried (test)"));
    QCOMPARE(Model::Result(m_model->index(0, 0).data(Model::ResultRole).toInt()),
             Model::Result::Failed);
}

void WebhookAttemptModelTest::sendTestRunTimesOut()
{
    m_receiver->setDefaultResponse({200, {}, {}, 3000});
    const auto saved = addEndpoint();
    WebhookTestRun run(*m_engine);
    run.setTimeoutMs(300);
    QSignalSpy timedOut(&run, &WebhookTestRun::timedOut);
    QSignalSpy finished(&run, &WebhookTestRun::finished);
    run.start(saved.endpoint.id, EventType::ContactCreated);
    QVERIFY(timedOut.wait(5000));
    QVERIFY(!run.isRunning());
    QVERIFY(run.deliveryId() != 0);
    // The late answer does not come back as a result of a run that gave up.
    QTest::qWait(3500);
    QCOMPARE(finished.size(), 0);
}

void WebhookAttemptModelTest::sendTestRunSaysWhyItFailed()
{
    const auto saved = addEndpoint();
    WebhookTestRun run(*m_engine);
    QSignalSpy failed(&run, &WebhookTestRun::failed);
    run.start(saved.endpoint.id, QStringLiteral("no.such.event"));
    QVERIFY(failed.wait(5000));
    QVERIFY(!failed.first().first().toString().isEmpty());
    run.start(saved.endpoint.id + 99, EventType::ContactCreated);
    QVERIFY(failed.wait(5000));
    QVERIFY(!run.isRunning());
}

QTEST_MAIN(WebhookAttemptModelTest)
#include "WebhookAttemptModelTest.moc"
