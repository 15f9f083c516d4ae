// Alerts against real HTTPS receivers with a test CA, on a ManualClock: one for the webhook
// endpoint that fails, one standing in for the alert webhook (e.g. Slack). A burst of permanent
// failures is one alert at once and one summary when the window closes; entering Error is one
// alert; alerts survive a restart and unsent ones go out after it; the alert webhook URL is a
// credential and is never in the database or the log; http:// is refused.
#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "alerts/AlertStore.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "core/LogSink.h"
#include "domain/Domain.h"
#include "storage/Database.h"
#include "webhooks/WebhookStore.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;
using namespace botbat::test;

namespace {
constexpr qint64 kMinute = 60 * 1000;
// A Slack-style URL: the path is the credential.
const QString kAlertPath = QStringLiteral("/services/T0ALERT/B0ALERT/xoxAlertToken4f9c2d7e");
const QByteArray kAlertToken = "xoxAlertToken4f9c2d7e";
} // namespace

class AlertTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void burstIsOneAlertThenOneSummary();
    void enteringErrorRaisesOneAlert();
    void alertsSurviveRestartAndUnsentAreSent();
    void webhookUrlIsNeverStoredOrLogged();
    void httpAlertUrlIsRefused();
    void sendTestAlertReachesTheWebhook();
    void headlessEngineSendsToTheUrlFile();
    void worksOnPostgres();

private:
    void startEngine(AlertConfig alerts = {});
    void setWindow(qint64 ms);
    WebhookStore::Saved addEndpoint(const QString &description);
    void emitContact(const QString &name);
    QList<WebhookDelivery> deliveriesOf(qint64 endpointId);
    // Advances the clock retry by retry until every delivery of the endpoint failed for good.
    void failAllPermanently(qint64 endpointId, int expected);
    QJsonObject alertBody(int index) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_endpoint; // the failing webhook receiver
    std::unique_ptr<HttpsReceiver> m_alerts;   // the alert webhook
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    QString m_databaseSpec; // empty: SQLite in m_dir
};

void AlertTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ca = std::make_unique<TestCa>();
    m_endpoint = std::make_unique<HttpsReceiver>();
    m_endpoint->setCertificate(m_ca->issue());
    QVERIFY2(m_endpoint->listen(), qPrintable(m_endpoint->errorString()));
    m_endpoint->setDefaultResponse({500, {}, QByteArrayLiteral("{\"error\":\"down\"}")});
    m_alerts = std::make_unique<HttpsReceiver>();
    m_alerts->setCertificate(m_ca->issue());
    QVERIFY2(m_alerts->listen(), qPrintable(m_alerts->errorString()));
    m_clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
}

void AlertTest::cleanup()
{
    m_engine.reset();
    if (!m_databaseSpec.isEmpty())
        dropPostgresDatabase(m_databaseSpec);
    m_databaseSpec.clear();
    m_endpoint.reset();
    m_alerts.reset();
    m_ca.reset();
    m_dir.reset();
}

void AlertTest::startEngine(AlertConfig alerts)
{
    const QString caFile = m_dir->filePath(QStringLiteral("test-ca.pem"));
    QVERIFY(m_ca->writeCaPem(caFile));
    EngineConfig config = engineConfig(*m_dir);
    config.clock = m_clock;
    config.databaseSpec = m_databaseSpec;
    config.webhooks.trustedCaFiles.append(caFile);
    config.webhooks.pollIntervalMs = 20;
    alerts.pollIntervalMs = 20;
    alerts.requestTimeoutMs = 3000;
    config.alerts = alerts;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void AlertTest::setWindow(qint64 ms)
{
    QString error;
    AlertSettings settings = m_engine->alerts().settings(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    settings.burstWindowMs = ms;
    QVERIFY2(m_engine->alerts().setSettings(settings, &error), qPrintable(error));
    QCOMPARE(m_engine->alerts().settings().burstWindowMs, ms);
}

WebhookStore::Saved AlertTest::addEndpoint(const QString &description)
{
    WebhookEndpointInput input;
    input.url = m_endpoint->url(QStringLiteral("/hooks")).toString();
    input.description = description;
    input.events = {EventType::ContactCreated};
    auto saved = m_engine->webhooks().create(input);
    if (!saved)
        qFatal("create failed: %s", qPrintable(saved.error().message()));
    return saved.value();
}

void AlertTest::emitContact(const QString &name)
{
    ContactInput input;
    input.name = name;
    if (!m_engine->domain().createContact(input))
        qFatal("contact failed");
}

QList<WebhookDelivery> AlertTest::deliveriesOf(qint64 endpointId)
{
    WebhookStore::DeliveryFilter filter;
    filter.endpointId = endpointId;
    auto page = m_engine->webhooks().deliveries(filter);
    return page ? page->items : QList<WebhookDelivery>();
}

void AlertTest::failAllPermanently(qint64 endpointId, int expected)
{
    for (int step = 0; step < 100; ++step) {
        QList<WebhookDelivery> deliveries;
        // Wait until none is being attempted: each is either retrying (with a due time) or done.
        QTRY_VERIFY((deliveries = deliveriesOf(endpointId)).size() == expected &&
                    std::all_of(deliveries.cbegin(), deliveries.cend(), [](const auto &d) {
                        return d.state == WebhookDelivery::State::Failed ||
                               (d.state == WebhookDelivery::State::Retrying &&
                                d.nextAttemptAt.isValid());
                    }));
        QDateTime next;
        qint64 nextId = 0;
        int attemptsBefore = 0;
        for (const WebhookDelivery &delivery : deliveries)
            if (delivery.state == WebhookDelivery::State::Retrying &&
                (!next.isValid() || delivery.nextAttemptAt < next)) {
                next = delivery.nextAttemptAt;
                nextId = delivery.id;
                attemptsBefore = delivery.attempts;
            }
        if (!nextId)
            return;
        if (next > m_clock->now())
            m_clock->set(next.addMSecs(10));
        QTRY_VERIFY(m_engine->webhooks().delivery(nextId)->attempts > attemptsBefore);
    }
    QFAIL("the deliveries did not fail permanently");
}

QJsonObject AlertTest::alertBody(int index) const
{
    const QList<ReceivedRequest> requests = m_alerts->requests();
    if (index >= requests.size())
        return {};
    return QJsonDocument::fromJson(requests.at(index).body).object();
}

void AlertTest::burstIsOneAlertThenOneSummary()
{
    startEngine();
    setWindow(20 * kMinute);
    QString error;
    QVERIFY2(m_engine->alerts().setWebhookUrl(m_alerts->url(kAlertPath).toString(), &error),
             qPrintable(error));
    QSignalSpy raised(m_engine.get(), &Engine::alertRaised);
    const auto saved = addEndpoint(QStringLiteral("Orders to ERP"));
    for (int i = 0; i < 3; ++i)
        emitContact(QStringLiteral("Burst %1").arg(i));

    // The first failed attempts put the endpoint in Error: that is the first alert.
    QVERIFY(m_alerts->waitForCount(1));
    QCOMPARE(alertBody(0).value(QLatin1String("kind")).toString(), QStringLiteral("entered_error"));
    const ReceivedRequest first = m_alerts->requests().constFirst();
    QCOMPARE(first.method, QByteArray("POST"));
    QCOMPARE(first.path, kAlertPath.toUtf8());
    QCOMPARE(first.header("Content-Type"), QByteArray("application/json"));

    // About 43 minutes of retries later all three fail for good, within about 9 minutes of
    // each other: one alert at once, the other two held back.
    failAllPermanently(saved.endpoint.id, 3);
    QVERIFY(m_alerts->waitForCount(2));
    QTest::qWait(300);
    QCOMPARE(m_alerts->count(), 2);
    const QJsonObject immediate = alertBody(1);
    QCOMPARE(immediate.value(QLatin1String("kind")).toString(),
             QStringLiteral("permanent_failure"));
    QCOMPARE(immediate.value(QLatin1String("failures")).toInt(), 1);
    QVERIFY(
        immediate.value(QLatin1String("text")).toString().contains(QLatin1String("Orders to ERP")));
    QVERIFY(immediate.value(QLatin1String("reason")).toString().contains(QLatin1String("500")));
    const QJsonObject integration = immediate.value(QLatin1String("integration")).toObject();
    QCOMPARE(integration.value(QLatin1String("name")).toString(), QStringLiteral("Orders to ERP"));
    QCOMPARE(integration.value(QLatin1String("kind")).toString(), QStringLiteral("webhook_out"));
    QCOMPARE(integration.value(QLatin1String("id")).toInteger(), saved.endpoint.id);
    QVERIFY(!immediate.value(QLatin1String("hint")).toString().isEmpty());
    QVERIFY(!immediate.value(QLatin1String("first_at")).toString().isEmpty());

    // The other two are counted in a summary that is not due yet...
    const auto heldBack = [this] {
        for (const Alert &alert : m_engine->alerts().openBursts(m_clock->now().addDays(-1)))
            if (alert.kind == Alert::Kind::Summary)
                return alert.failures;
        return 0;
    };
    QTRY_COMPARE(heldBack(), 2);
    QCOMPARE(m_engine->alerts().recent(10).size(), 2);
    // ...until the window closes: one summary counting them.
    m_clock->advance(21 * kMinute);
    QVERIFY(m_alerts->waitForCount(3));
    const QJsonObject summary = alertBody(2);
    QCOMPARE(summary.value(QLatin1String("kind")).toString(), QStringLiteral("summary"));
    QCOMPARE(summary.value(QLatin1String("failures")).toInt(), 2);
    QVERIFY(summary.value(QLatin1String("text")).toString().contains(QLatin1String("2 more")));
    QVERIFY(summary.value(QLatin1String("first_at")).toString() <=
            summary.value(QLatin1String("last_at")).toString());
    QTest::qWait(200);
    QCOMPARE(m_alerts->count(), 3);

    // The console heard of each once, in order.
    QTRY_COMPARE(raised.size(), 3);
    QCOMPARE(raised.at(0).at(0).value<Alert>().kind, Alert::Kind::EnteredError);
    QCOMPARE(raised.at(1).at(0).value<Alert>().kind, Alert::Kind::PermanentFailure);
    QCOMPARE(raised.at(1).at(0).value<Alert>().sourceId, saved.endpoint.id);
    QCOMPARE(raised.at(2).at(0).value<Alert>().kind, Alert::Kind::Summary);
    QCOMPARE(m_engine->alerts().unacknowledgedCount(), 3);
    QTRY_VERIFY(m_engine->alerts().dueForSending(10).isEmpty());
    for (const Alert &alert : m_engine->alerts().recent(10))
        QCOMPARE(alert.sendState, Alert::SendState::Sent);

    // A later burst: a resend that fails again is a new alert at once.
    const qint64 failed = deliveriesOf(saved.endpoint.id).constFirst().id;
    QVERIFY(m_engine->webhooks().resend(failed));
    QVERIFY(m_alerts->waitForCount(4));
    QCOMPARE(alertBody(3).value(QLatin1String("kind")).toString(),
             QStringLiteral("permanent_failure"));
    QTRY_COMPARE(raised.size(), 4);

    QVERIFY2(m_engine->alerts().acknowledgeAll(&error), qPrintable(error));
    QCOMPARE(m_engine->alerts().unacknowledgedCount(), 0);
}

void AlertTest::enteringErrorRaisesOneAlert()
{
    startEngine();
    QString error;
    QVERIFY2(m_engine->alerts().setWebhookUrl(m_alerts->url(kAlertPath).toString(), &error),
             qPrintable(error));
    QSignalSpy raised(m_engine.get(), &Engine::alertRaised);
    const auto saved = addEndpoint(QString());
    emitContact(QStringLiteral("One"));
    emitContact(QStringLiteral("Two"));
    QTRY_COMPARE(m_engine->webhooks().get(saved.endpoint.id)->health(),
                 WebhookEndpoint::Health::Error);
    QVERIFY(m_alerts->waitForCount(1));
    QTRY_COMPARE(raised.size(), 1);
    // Its retries keep failing within the window: no more alerts at once.
    QTest::qWait(300);
    QCOMPARE(m_alerts->count(), 1);
    QCOMPARE(raised.size(), 1);

    const Alert alert = raised.at(0).at(0).value<Alert>();
    QCOMPARE(alert.kind, Alert::Kind::EnteredError);
    QCOMPARE(alert.sourceId, saved.endpoint.id);
    QCOMPARE(alert.integrationId, saved.endpoint.integrationId);
    QCOMPARE(alert.integrationName, QStringLiteral("localhost")); // no description: the host
    QVERIFY2(alert.reason.contains(QLatin1String("500")), qPrintable(alert.reason));
    QVERIFY(alert.title().contains(QLatin1String("localhost")));
    const QList<Alert> stored = m_engine->alerts().recent(10);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.constFirst().id, alert.id);
    QCOMPARE(alertBody(0).value(QLatin1String("alert_id")).toInteger(), alert.id);
}

void AlertTest::alertsSurviveRestartAndUnsentAreSent()
{
    // The alert webhook holds its answer: the engine stops with the alert in flight.
    m_alerts->enqueueResponse({200, {}, {}, 10000});
    startEngine();
    QString error;
    QVERIFY2(m_engine->alerts().setWebhookUrl(m_alerts->url(kAlertPath).toString(), &error),
             qPrintable(error));
    const auto saved = addEndpoint(QStringLiteral("CRM bridge"));
    emitContact(QStringLiteral("Before restart"));
    QVERIFY(m_alerts->waitForCount(1));
    const qint64 alertId = alertBody(0).value(QLatin1String("alert_id")).toInteger();
    QVERIFY(alertId > 0);
    m_engine.reset();

    // After the restart it is still there, still unread, and is sent again: at least once.
    m_endpoint->setDefaultResponse({200, {}, {}});
    startEngine();
    QCOMPARE(m_engine->alerts().unacknowledgedCount(), 1);
    const QList<Alert> stored = m_engine->alerts().recent(10);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.constFirst().integrationName, QStringLiteral("CRM bridge"));
    QCOMPARE(stored.constFirst().sourceId, saved.endpoint.id);
    QVERIFY(m_alerts->waitForCount(2));
    QCOMPARE(alertBody(1).value(QLatin1String("alert_id")).toInteger(), alertId);
    QTRY_COMPARE(m_engine->alerts().get(alertId)->sendState, Alert::SendState::Sent);
    QTest::qWait(200);
    QCOMPARE(m_alerts->count(), 2);

    // Read stays read across a restart too.
    QVERIFY2(m_engine->alerts().acknowledgeAll(&error), qPrintable(error));
    m_engine.reset();
    startEngine();
    QCOMPARE(m_engine->alerts().unacknowledgedCount(), 0);
    QVERIFY(m_engine->alerts().get(alertId)->isAcknowledged());
}

void AlertTest::webhookUrlIsNeverStoredOrLogged()
{
    const QString logFile = m_dir->filePath(QStringLiteral("logs/botbat-console.log"));
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("logs"))));
    LogSink::install(logFile);
    // The alert webhook refuses everything: every try is logged, and then it gives up.
    m_alerts->setDefaultResponse({500, {}, QByteArrayLiteral("no")});
    AlertConfig config;
    config.retryDelaysMs = {1000, 1000};
    startEngine(config);
    QString error;
    QVERIFY2(m_engine->alerts().setWebhookUrl(m_alerts->url(kAlertPath).toString(), &error),
             qPrintable(error));
    QVERIFY(m_engine->alerts().settings().webhookConfigured);
    QCOMPARE(m_engine->alerts().webhookUrl(&error), m_alerts->url(kAlertPath).toString());
    addEndpoint(QStringLiteral("Logged"));
    emitContact(QStringLiteral("Log me"));
    // Each retry is due a second after the failed try was recorded.
    const auto triesRecorded = [this] {
        const QList<Alert> alerts = m_engine->alerts().recent(1);
        return alerts.isEmpty() ? 0 : alerts.constFirst().sendAttempts;
    };
    QVERIFY(m_alerts->waitForCount(1));
    QTRY_COMPARE(triesRecorded(), 1);
    m_clock->advance(1500);
    QVERIFY(m_alerts->waitForCount(2));
    QTRY_COMPARE(triesRecorded(), 2);
    m_clock->advance(1500);
    QVERIFY(m_alerts->waitForCount(3));
    QTRY_COMPARE(m_engine->alerts().recent(1).constFirst().sendState, Alert::SendState::Failed);
    QVERIFY(m_engine->alerts().recent(1).constFirst().sendError.contains(QLatin1String("500")));

    // Nowhere in the database: no column of any table, not the file, not the WAL.
    QSqlQuery dump(m_engine->database().connection());
    QVERIFY(dump.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")));
    QStringList tables;
    while (dump.next())
        tables.append(dump.value(0).toString());
    QVERIFY(tables.contains(QLatin1String("alerts")));
    for (const QString &table : tables) {
        QVERIFY(dump.exec(QStringLiteral("SELECT * FROM ") + table));
        while (dump.next())
            for (int i = 0; i < dump.record().count(); ++i)
                QVERIFY2(!dump.value(i).toString().contains(QLatin1String(kAlertToken)),
                         qPrintable(table));
    }
    m_engine.reset();
    LogSink::uninstall();
    QByteArray bytes;
    for (const QString &name : {QStringLiteral("botbat.db"), QStringLiteral("botbat.db-wal"),
                                QStringLiteral("secrets.enc")}) {
        QFile file(m_dir->filePath(name));
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    QVERIFY(bytes.size() > 0);
    QVERIFY(!bytes.contains(kAlertToken));

    // The log says what went wrong, without the URL.
    QFile log(logFile);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray logged = log.readAll();
    QVERIFY2(logged.contains("could not be sent to the alert webhook"), logged.constData());
    QVERIFY(logged.contains("giving up"));
    QVERIFY(!logged.contains(kAlertToken));
    QVERIFY(!logged.contains("/services/"));
}

void AlertTest::httpAlertUrlIsRefused()
{
    startEngine();
    QString error;
    QVERIFY(
        !m_engine->alerts().setWebhookUrl(QStringLiteral("http://hooks.example.com/x"), &error));
    QVERIFY2(error.contains(QLatin1String("http://")) && error.contains(QLatin1String("https://")),
             qPrintable(error));
    QCOMPARE(m_engine->alerts().webhookUrl(&error), QString());
    QVERIFY(!m_engine->alerts().settings().webhookConfigured);
    for (const QString &bad :
         {QStringLiteral("hooks.example.com/x"), QStringLiteral("ftp://x/y"),
          QStringLiteral("https://"), QStringLiteral("https://user:pw@hooks.example.com/x")}) {
        const auto problem = AlertStore::validateWebhookUrl(bad);
        QVERIFY2(problem.has_value(), qPrintable(bad));
        QVERIFY2(problem->contains(QLatin1String("https://")) ||
                     problem->contains(QLatin1String("password")),
                 qPrintable(*problem));
    }
    QVERIFY(!AlertStore::validateWebhookUrl(QStringLiteral("https://hooks.slack.com/services/a")));
    // An out-of-range window is refused with what to give instead.
    AlertSettings settings;
    settings.burstWindowMs = 1000;
    QVERIFY(!m_engine->alerts().setSettings(settings, &error));
    QVERIFY2(error.contains(QLatin1String("1 minute")), qPrintable(error));
}

void AlertTest::sendTestAlertReachesTheWebhook()
{
    startEngine();
    bool done = false;
    bool ok = false;
    QString message;
    m_engine->sendTestAlert(m_alerts->url(kAlertPath).toString(), this,
                            [&](bool success, const QString &text) {
                                done = true;
                                ok = success;
                                message = text;
                            });
    QTRY_VERIFY(done);
    QVERIFY2(ok, qPrintable(message));
    QCOMPARE(m_alerts->count(), 1);
    QCOMPARE(alertBody(0).value(QLatin1String("kind")).toString(), QStringLiteral("test"));
    QVERIFY(m_engine->alerts().recent(10).isEmpty()); // a test is not stored

    // Nothing configured: says so.
    done = false;
    m_engine->sendTestAlert(QString(), this, [&](bool success, const QString &text) {
        done = true;
        ok = success;
        message = text;
    });
    QTRY_VERIFY(done);
    QVERIFY(!ok);
    QVERIFY2(message.contains(QLatin1String("No alert webhook URL")), qPrintable(message));

    // A failing one: the status and what to do.
    m_alerts->setDefaultResponse({404, {}, QByteArrayLiteral("no_service")});
    done = false;
    m_engine->sendTestAlert(m_alerts->url(kAlertPath).toString(), this,
                            [&](bool success, const QString &text) {
                                done = true;
                                ok = success;
                                message = text;
                            });
    QTRY_VERIFY(done);
    QVERIFY(!ok);
    QVERIFY2(message.contains(QLatin1String("404")) && !message.contains(kAlertPath),
             qPrintable(message));
}

void AlertTest::headlessEngineSendsToTheUrlFile()
{
    // An endpoint that fails and an API key, stored by an engine that then stops.
    startEngine();
    addEndpoint(QStringLiteral("Headless hook"));
    QString error;
    const auto key =
        m_engine->apiKeys().create(QStringLiteral("alert test"), {ApiKeyScopes::ContactsWrite}, {},
                                   QStringLiteral("test"), &error);
    QVERIFY2(key, qPrintable(error));
    m_engine.reset();

    const EngineConfig config = engineConfig(*m_dir);
    const QStringList common{QStringLiteral("--data-dir"),
                             m_dir->path(),
                             QStringLiteral("--secret-store"),
                             QStringLiteral("file"),
                             QStringLiteral("--secrets-passphrase-file"),
                             config.secrets.passphraseFile,
                             QStringLiteral("--trusted-ca"),
                             m_dir->filePath(QStringLiteral("test-ca.pem"))};
    const QString urlFile = m_dir->filePath(QStringLiteral("alert-url"));
    const auto writeUrl = [&urlFile](const QString &url) {
        QFile file(urlFile);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
               file.write(url.toUtf8() + '\n') > 0;
    };

    // http:// is refused before anything starts, without echoing the URL.
    QVERIFY(writeUrl(QStringLiteral("http://hooks.example.com/services/") +
                     QLatin1String(kAlertToken)));
    QProcess refused;
    refused.start(qEnvironmentVariable("BOTBAT_CONSOLE_BINARY"),
                  QStringList{QStringLiteral("--headless"), QStringLiteral("--port"),
                              QStringLiteral("0"), QStringLiteral("--alert-webhook-url-file"),
                              urlFile} +
                      common);
    QVERIFY(refused.waitForFinished(20000));
    QCOMPARE(refused.exitCode(), 2);
    const QByteArray refusal = refused.readAllStandardError();
    QVERIFY2(refusal.contains("http://, which is refused"), refusal.constData());
    QVERIFY(!refusal.contains(kAlertToken));

    // A good one: the headless engine sends its alerts there.
    QVERIFY(writeUrl(m_alerts->url(kAlertPath).toString()));
    QProcess process;
    const quint16 port = startHeadless(
        process, QStringList{QStringLiteral("--alert-webhook-url-file"), urlFile} + common);
    QVERIFY(port > 0);
    const auto created =
        httpRequest("POST", QUrl(QStringLiteral("http://127.0.0.1:%1/v1/contacts").arg(port)),
                    QByteArrayLiteral("{\"name\":\"Headless Ada\"}"),
                    {{"Content-Type", "application/json"},
                     {"Authorization", "Bearer " + key->token.toLatin1()}});
    QVERIFY2(created.status == 201, created.body.constData());
    QVERIFY(m_alerts->waitForCount(1, 20000));
    const QJsonObject body = alertBody(0);
    QCOMPARE(body.value(QLatin1String("kind")).toString(), QStringLiteral("entered_error"));
    QVERIFY(body.value(QLatin1String("text")).toString().contains(QLatin1String("Headless hook")));
    process.terminate();
    QVERIFY(process.waitForFinished(15000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(!process.readAllStandardError().contains(kAlertToken));
    QFile log(m_dir->filePath(QStringLiteral("logs/botbat-console.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(!log.readAll().contains(kAlertToken));
}

void AlertTest::worksOnPostgres()
{
    if (postgresUrl().isEmpty())
        QSKIP("No PostgreSQL: run through ctest, which starts one.");
    QString error;
    m_databaseSpec = createPostgresDatabase(&error);
    QVERIFY2(!m_databaseSpec.isEmpty(), qPrintable(error));
    startEngine();
    setWindow(15 * kMinute);
    QVERIFY2(m_engine->alerts().setWebhookUrl(m_alerts->url(kAlertPath).toString(), &error),
             qPrintable(error));
    const auto saved = addEndpoint(QStringLiteral("On PostgreSQL"));
    emitContact(QStringLiteral("Pg"));
    QVERIFY(m_alerts->waitForCount(1));
    QCOMPARE(alertBody(0).value(QLatin1String("kind")).toString(), QStringLiteral("entered_error"));
    QTRY_COMPARE(m_engine->alerts().recent(10).value(0).sendState, Alert::SendState::Sent);

    // A summary row counts, and is due only when its window closes.
    Alert summary;
    summary.raisedAt = m_clock->now();
    summary.dueAt = m_clock->now().addSecs(60);
    summary.integrationKind = QStringLiteral("webhook_out");
    summary.sourceId = saved.endpoint.id;
    summary.integrationName = QStringLiteral("On PostgreSQL");
    summary.kind = Alert::Kind::Summary;
    summary.burstId = m_engine->alerts().recent(1).value(0).id;
    const auto stored = m_engine->alerts().insert(summary, &error);
    QVERIFY2(stored, qPrintable(error));
    QVERIFY2(
        m_engine->alerts().countInSummary(stored->id, m_clock->now(), QStringLiteral("x"), &error),
        qPrintable(error));
    QCOMPARE(m_engine->alerts().get(stored->id)->failures, 2);
    QCOMPARE(m_engine->alerts().recent(10).size(), 1);
    QCOMPARE(m_engine->alerts().unacknowledgedCount(), 1);
    QVERIFY2(m_engine->alerts().acknowledgeAll(&error), qPrintable(error));
    QCOMPARE(m_engine->alerts().unacknowledgedCount(), 0);
    m_clock->advance(61 * 1000);
    QCOMPARE(m_engine->alerts().unacknowledgedCount(), 1); // the summary, now due
    QVERIFY(m_alerts->waitForCount(2));
    QCOMPARE(alertBody(1).value(QLatin1String("kind")).toString(), QStringLiteral("summary"));
    QCOMPARE(m_engine->alerts().settings().burstWindowMs, 15 * kMinute);
}

QTEST_GUILESS_MAIN(AlertTest)
#include "AlertTest.moc"
