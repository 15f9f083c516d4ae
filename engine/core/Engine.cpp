#include "Engine.h"

#include "Clock.h"
#include "EventBus.h"
#include "ReadService.h"
#include "WorkerThread.h"
#include "alerts/AlertService.h"
#include "alerts/AlertStore.h"
#include "api/ApiAuthenticator.h"
#include "api/ApiRoutes.h"
#include "api/ConnectionCounter.h"
#include "api/HealthRoutes.h"
#include "api/HttpService.h"
#include "api/RateLimiter.h"
#include "api/ResourceRoutes.h"
#include "apikeys/ApiKeyStore.h"
#include "domain/Domain.h"
#include "integrations/IntegrationRegistry.h"
#include "security/SecretStoreFactory.h"
#include "storage/Database.h"
#include "webhooks/WebhookDispatcher.h"
#include "webhooks/WebhookStore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QUuid>

namespace botbat {

namespace {
void registerMetaTypes()
{
    qRegisterMetaType<botbat::Event>();
    qRegisterMetaType<QList<botbat::Event>>();
    qRegisterMetaType<botbat::EngineStatus>();
    qRegisterMetaType<botbat::IntegrationSummary>();
    qRegisterMetaType<QList<botbat::IntegrationSummary>>();
    qRegisterMetaType<QHash<qint64, qint64>>();
    qRegisterMetaType<botbat::WebhookAttempt>();
    qRegisterMetaType<QList<botbat::WebhookAttempt>>();
    qRegisterMetaType<botbat::WebhookEndpoint>();
    qRegisterMetaType<botbat::Alert>();
    qRegisterMetaType<botbat::AlertSettings>();
}
// A stable identity for this engine's data directory, so that after a crash it can take back
// the webhook deliveries it had claimed instead of waiting for their lease to run out.
QString loadEngineId(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("engine-id"));
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromLatin1(file.readAll()).trimmed();
        if (!id.isEmpty())
            return id;
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(id.toLatin1()) < 0 || !out.commit())
        qWarning("Cannot store the engine id in %s; webhook claims of a crashed run will wait "
                 "for their lease.",
                 qPrintable(path));
    return id;
}
} // namespace

Engine::Engine(EngineConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(m_config.clock),
      m_bus(std::make_unique<EventBus>())
{
    registerMetaTypes();
    if (!m_clock)
        m_clock = std::make_shared<SystemClock>();
    connect(m_bus.get(), &EventBus::eventsPersisted, this, &Engine::eventsPersisted);
}

Engine::~Engine()
{
    stop();
}

bool Engine::start(QString *error)
{
    if (m_status.state == EngineState::Running)
        return true;
    setState(EngineState::Starting, tr("Opening the database"));
    auto fail = [this, error](const QString &message) {
        *error = message;
        stop();
        setState(EngineState::Failed, message);
        return false;
    };

    if (m_config.dataDir.isEmpty() || !QDir().mkpath(m_config.dataDir))
        return fail(tr("Cannot create the data directory \"%1\". Choose a writable folder with "
                       "--data-dir.")
                        .arg(m_config.dataDir));
    QString reason;
    const auto dbConfig = DatabaseConfig::parse(
        m_config.databaseSpec, QDir(m_config.dataDir).filePath(QStringLiteral("botbat.db")),
        &reason);
    if (!dbConfig)
        return fail(reason);
    m_database = std::make_unique<Database>(*dbConfig);
    if (!m_database->open(&reason))
        return fail(reason);

    SecretStoreConfig secrets = m_config.secrets;
    if (secrets.filePath.isEmpty())
        secrets.filePath = QDir(m_config.dataDir).filePath(QStringLiteral("secrets.enc"));
    m_secrets = SecretStoreFactory::create(secrets, m_database->instanceId());
    if (!m_secrets->isAvailable())
        qWarning("Secret store unavailable: %s", qPrintable(m_secrets->problem()));

    m_domain = std::make_unique<Domain>(*m_database, *m_bus, *m_clock, m_config.defaultPhoneRegion);
    m_integrations = std::make_unique<IntegrationRegistry>(*m_database, *m_clock);
    m_apiKeys = std::make_unique<ApiKeyStore>(*m_database, *m_clock, m_integrations.get());
    m_webhooks =
        std::make_unique<WebhookStore>(*m_database, *m_secrets, *m_clock, m_integrations.get());
    m_alerts = std::make_unique<AlertStore>(*m_database, *m_secrets, *m_clock);
    m_engineId = loadEngineId(m_config.dataDir);
    connect(m_webhooks.get(), &WebhookStore::endpointChanged, this,
            &Engine::webhookEndpointChanged);
    connect(m_webhooks.get(), &WebhookStore::endpointRemoved, this,
            &Engine::webhookEndpointRemoved);
    connect(m_webhooks.get(), &WebhookStore::trustedCertificatesChanged, this,
            &Engine::trustedCertificatesChanged);
    connect(m_integrations.get(), &IntegrationRegistry::integrationChanged, this,
            &Engine::integrationChanged);
    connect(m_alerts.get(), &AlertStore::alertsAcknowledged, this, &Engine::alertsAcknowledged);
    connect(m_alerts.get(), &AlertStore::settingsChanged, this, &Engine::alertSettingsChanged);
    connect(m_integrations.get(), &IntegrationRegistry::integrationRemoved, this,
            &Engine::integrationRemoved);

    if (!startServices(&reason))
        return fail(reason);

    {
        QMutexLocker lock(&m_statusMutex);
        m_status.databaseBackend = dbConfig->backendName();
        m_status.databaseLocation = dbConfig->displayName();
        m_status.secretStoreBackend = m_secrets->backendName();
        m_status.secretStoreAvailable = m_secrets->isAvailable();
        m_status.secretStoreProblem = m_secrets->problem();
        m_status.startedAt = m_clock->now();
        m_status.httpAddress =
            m_config.httpAddress.toString() + QLatin1Char(':') + QString::number(m_httpPort);
        const QString host =
            m_config.httpAddress.protocol() == QAbstractSocket::IPv6Protocol
                ? QLatin1Char('[') + m_config.httpAddress.toString() + QLatin1Char(']')
                : m_config.httpAddress.toString();
        m_status.httpUrl = (m_config.tlsCertificateFile.isEmpty() ? QStringLiteral("http://")
                                                                  : QStringLiteral("https://")) +
                           host + QLatin1Char(':') + QString::number(m_httpPort);
    }
    setState(EngineState::Running, tr("Running"));
    return true;
}

namespace {
// The server's TLS settings from PEM files, or a message saying what is wrong with them.
std::optional<QSslConfiguration> loadTls(const QString &certificateFile, const QString &keyFile,
                                         QString *error)
{
    if (certificateFile.isEmpty() != keyFile.isEmpty()) {
        *error = QStringLiteral("TLS needs both --tls-cert and --tls-key.");
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("No PEM certificate could be read from %1.").arg(certificateFile);
        return std::nullopt;
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the TLS key %1: %2.").arg(keyFile, file.errorString());
        return std::nullopt;
    }
    const QByteArray pem = file.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("%1 is not an unencrypted PEM RSA or EC private key.").arg(keyFile);
        return std::nullopt;
    }
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc())
        qWarning("The TLS certificate %s expired on %s; clients will refuse it.",
                 qPrintable(certificateFile),
                 qPrintable(chain.first().expiryDate().toString(Qt::ISODate)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with API keys
    return tls;
}
} // namespace

bool Engine::startServices(QString *error)
{
    QSslConfiguration tls;
    if (!m_config.tlsCertificateFile.isEmpty() || !m_config.tlsKeyFile.isEmpty()) {
        const auto loaded = loadTls(m_config.tlsCertificateFile, m_config.tlsKeyFile, error);
        if (!loaded)
            return false;
        tls = *loaded;
    }
    // Every HTTP thread has its own socket on the port and its own routes; the limits
    // (requests per key, failures per address, open connections) are shared by all of them.
    const auto limits = std::make_shared<RateLimiter>(m_config.api);
    const auto connections = std::make_shared<ConnectionCounter>();
    const int httpThreads = std::max(1, m_config.httpThreads);
    for (int i = 0; i < httpThreads; ++i) {
        const bool first = i == 0;
        auto *http =
            new HttpService(m_config.httpAddress, first ? m_config.httpPort : m_httpPort,
                            m_config.httpLimits, {[this, limits](Router &router, QObject *owner) {
                                installHttpRoutes(router, owner, limits);
                            }},
                            tls);
        http->setConnectionCounter(connections);
        http->setJoinsPort(!first); // the first checks the port is free, then the rest join it
        m_threads.push_back(
            std::make_unique<WorkerThread>(QStringLiteral("botbat-http-%1").arg(i + 1), http));
        if (!m_threads.back()->start(error))
            return false;
        if (first)
            m_httpPort = http->port();
    }

    m_readService = new ReadService(*m_database, *m_integrations, *m_apiKeys);
    m_worker = m_readService;
    connect(m_readService, &ReadService::integrationsLoaded, this, &Engine::integrationsLoaded);
    m_threads.push_back(
        std::make_unique<WorkerThread>(QStringLiteral("botbat-read"), m_readService));
    if (!m_threads.back()->start(error))
        return false;

    // Started before the dispatcher and stopped after it, so no alert of its last attempts is
    // lost. Queued connections: its slots run in its own thread.
    m_alertService = new AlertService(*m_database, *m_alerts, *m_webhooks, *m_clock,
                                      m_config.alerts, m_config.webhooks.trustedCaFiles);
    connect(m_alertService, &AlertService::alertRaised, this, &Engine::alertRaised);
    connect(m_webhooks.get(), &WebhookStore::endpointChanged, m_alertService,
            &AlertService::endpointChanged);
    connect(m_webhooks.get(), &WebhookStore::endpointRemoved, m_alertService,
            &AlertService::endpointRemoved);
    connect(m_webhooks.get(), &WebhookStore::trustedCertificatesChanged, m_alertService,
            &AlertService::reloadTrust);
    connect(m_alerts.get(), &AlertStore::settingsChanged, m_alertService,
            &AlertService::settingsChanged);
    m_threads.push_back(
        std::make_unique<WorkerThread>(QStringLiteral("botbat-alerts"), m_alertService));
    if (!m_threads.back()->start(error))
        return false;

    // Queued connections: the dispatcher's slots run in its own thread.
    auto *dispatcher =
        new WebhookDispatcher(*m_database, *m_webhooks, *m_clock, m_config.webhooks, m_engineId);
    connect(m_bus.get(), &EventBus::eventsPersisted, dispatcher, &WebhookDispatcher::eventsArrived);
    connect(m_webhooks.get(), &WebhookStore::deliveriesQueued, dispatcher,
            &WebhookDispatcher::wake);
    connect(m_webhooks.get(), &WebhookStore::endpointChanged, dispatcher,
            &WebhookDispatcher::reloadEndpoints);
    connect(m_webhooks.get(), &WebhookStore::endpointRemoved, dispatcher,
            &WebhookDispatcher::reloadEndpoints);
    connect(m_webhooks.get(), &WebhookStore::trustedCertificatesChanged, dispatcher,
            &WebhookDispatcher::reloadTrust);
    connect(dispatcher, &WebhookDispatcher::attemptsRecorded, this,
            &Engine::webhookAttemptsRecorded);
    connect(dispatcher, &WebhookDispatcher::attemptsRecorded, m_alertService,
            &AlertService::attemptsRecorded);
    m_threads.push_back(
        std::make_unique<WorkerThread>(QStringLiteral("botbat-webhooks"), dispatcher));
    return m_threads.back()->start(error);
}

void Engine::installHttpRoutes(Router &router, QObject *owner,
                               const std::shared_ptr<RateLimiter> &limits)
{
    HealthRoutes::install(router, *this);
    auto *authenticator = new ApiAuthenticator(*m_apiKeys, *m_clock, limits, owner);
    connect(authenticator, &ApiAuthenticator::keysUsed, this, &Engine::apiKeysUsed);
    ApiRoutes api(router, *authenticator);
    ResourceRoutes::install(api, *m_domain, *m_webhooks);
}

void Engine::stop()
{
    const EngineState state = status().state;
    if (state == EngineState::Stopped || state == EngineState::Failed)
        return;
    setState(EngineState::Stopping, tr("Stopping"));
    // Reverse order: consumers stop before what they consume.
    while (!m_threads.empty()) {
        m_threads.back()->stop();
        m_threads.pop_back();
    }
    m_readService = nullptr;
    m_worker = nullptr;
    m_alertService = nullptr;
    m_httpPort = 0;
    if (m_database)
        m_database->closeThreadConnection();
    m_alerts.reset();
    m_webhooks.reset();
    m_apiKeys.reset();
    m_integrations.reset();
    m_domain.reset();
    m_secrets.reset();
    m_database.reset();
    {
        QMutexLocker lock(&m_statusMutex);
        m_status.httpAddress.clear();
        m_status.httpUrl.clear();
    }
    setState(EngineState::Stopped, tr("Stopped"));
}

EngineStatus Engine::status() const
{
    QMutexLocker lock(&m_statusMutex);
    return m_status;
}

quint16 Engine::httpPort() const
{
    return m_httpPort;
}

QStringList Engine::serviceThreadNames() const
{
    QStringList names;
    for (const auto &thread : m_threads)
        names.append(thread->name());
    return names;
}

void Engine::sendTestAlert(const QString &url, QObject *context,
                           std::function<void(bool ok, const QString &message)> done)
{
    QPointer<QObject> guard(context);
    const auto answer = [guard, done](bool ok, const QString &message) {
        if (guard)
            QMetaObject::invokeMethod(
                guard.data(), [done, ok, message] { done(ok, message); }, Qt::QueuedConnection);
    };
    if (!m_alertService) {
        answer(false, tr("The engine is not running, so no alert can be sent. Restart the "
                         "console; if the engine still does not start, the status bar says why."));
        return;
    }
    AlertService *service = m_alertService;
    QMetaObject::invokeMethod(
        service, [service, url, answer] { service->sendTest(url, answer); }, Qt::QueuedConnection);
}

void Engine::requestIntegrations()
{
    if (m_readService)
        QMetaObject::invokeMethod(m_readService, &ReadService::loadIntegrations,
                                  Qt::QueuedConnection);
}

void Engine::setState(EngineState state, const QString &message)
{
    EngineStatus copy;
    {
        QMutexLocker lock(&m_statusMutex);
        m_status.state = state;
        m_status.message = message;
        copy = m_status;
    }
    emit statusChanged(copy);
}

} // namespace botbat
