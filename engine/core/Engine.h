#pragma once

#include "BackgroundCall.h"
#include "EngineConfig.h"
#include "EngineStatus.h"
#include "Event.h"
#include "alerts/Alert.h"
#include "alerts/AlertSettings.h"
#include "integrations/IntegrationSummary.h"
#include "webhooks/WebhookAttempt.h"
#include "webhooks/WebhookEndpoint.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <vector>

namespace botbat {

class AlertService;
class AlertStore;
class ApiKeyStore;
class Clock;
class Database;
class Domain;
class EventBus;
class IntegrationRegistry;
class RateLimiter;
class ReadService;
class Router;
class SecretStore;
class WebhookDispatcher;
class WebhookStore;
class WorkerThread;

// The engine facade: owns the database, the secret store, the event bus, the domain and the
// background services (each in its own named thread). Lives in the thread that creates it;
// status() and the accessors are safe from any thread once start() returned true.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(EngineConfig config, QObject *parent = nullptr);
    ~Engine() override;

    // Opens storage (applying migrations), the secret store, and starts the services.
    // On failure everything started is stopped again, and *error says what to do.
    bool start(QString *error);
    // Stops the services, joins their threads and closes every database connection.
    void stop();

    EngineStatus status() const;
    quint16 httpPort() const;
    const EngineConfig &config() const { return m_config; }

    Clock &clock() const { return *m_clock; }
    Database &database() const { return *m_database; }
    EventBus &eventBus() const { return *m_bus; }
    SecretStore &secrets() const { return *m_secrets; }
    Domain &domain() const { return *m_domain; }
    IntegrationRegistry &integrations() const { return *m_integrations; }
    ApiKeyStore &apiKeys() const { return *m_apiKeys; }
    WebhookStore &webhooks() const { return *m_webhooks; }
    AlertStore &alerts() const { return *m_alerts; }
    // Identifies this engine among several sharing a database (stable per data directory).
    QString engineId() const { return m_engineId; }

    // Runs work() on the engine's background worker thread, then done(result) in context's
    // thread (skipped if context is gone). How the console does database work without blocking
    // its event loop.
    template<typename Work, typename Done>
    void runInBackground(QObject *context, Work work, Done done);

    QStringList serviceThreadNames() const;

    // Sends a sample alert to url (empty: the alert webhook set in Alerts… or at start) from the
    // alert service's thread; done(ok, message) runs in context's thread (skipped if it is gone).
    void sendTestAlert(const QString &url, QObject *context,
                       std::function<void(bool ok, const QString &message)> done);

public slots:
    // Answers asynchronously with integrationsLoaded (read on a worker thread).
    void requestIntegrations();

signals:
    void statusChanged(const botbat::EngineStatus &status);
    void eventsPersisted(const QList<botbat::Event> &events);
    void integrationsLoaded(const QList<botbat::IntegrationSummary> &integrations);
    void integrationChanged(const botbat::IntegrationSummary &integration);
    void integrationRemoved(qint64 id);
    // A batch of API key uses was stored: key id -> last use (ms since epoch).
    void apiKeysUsed(const QHash<qint64, qint64> &lastUsed);
    // New webhook attempts (without headers and bodies; load those by id), in batches.
    void webhookAttemptsRecorded(const QList<botbat::WebhookAttempt> &attempts);
    void webhookEndpointChanged(const botbat::WebhookEndpoint &endpoint);
    void webhookEndpointRemoved(qint64 id);
    void trustedCertificatesChanged();
    // A stored alert became due (permanent failure, entered Error, or a burst's summary).
    void alertRaised(const botbat::Alert &alert);
    void alertsAcknowledged();
    void alertSettingsChanged(const botbat::AlertSettings &settings);

private:
    void setState(EngineState state, const QString &message);
    bool startServices(QString *error);
    void installHttpRoutes(Router &router, QObject *owner,
                           const std::shared_ptr<RateLimiter> &limits);

    EngineConfig m_config;
    std::shared_ptr<Clock> m_clock;
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Domain> m_domain;
    std::unique_ptr<IntegrationRegistry> m_integrations;
    std::unique_ptr<ApiKeyStore> m_apiKeys;
    std::unique_ptr<WebhookStore> m_webhooks;
    std::unique_ptr<AlertStore> m_alerts;
    QString m_engineId;
    std::vector<std::unique_ptr<WorkerThread>> m_threads;
    ReadService *m_readService = nullptr;   // lives in its worker thread
    QObject *m_worker = nullptr;            // the same object, for runInBackground()
    AlertService *m_alertService = nullptr; // lives in its worker thread
    quint16 m_httpPort = 0;
    mutable QMutex m_statusMutex;
    EngineStatus m_status;
};

template<typename Work, typename Done>
void Engine::runInBackground(QObject *context, Work work, Done done)
{
    runInThreadOf(m_worker, context, std::move(work), std::move(done));
}

} // namespace botbat
