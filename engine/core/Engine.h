#pragma once

#include "EngineConfig.h"
#include "EngineStatus.h"
#include "Event.h"
#include "integrations/IntegrationSummary.h"

#include <QMutex>
#include <QObject>
#include <memory>
#include <vector>

namespace botbat {

class Clock;
class Database;
class Domain;
class EventBus;
class IntegrationRegistry;
class ReadService;
class SecretStore;
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

    QStringList serviceThreadNames() const;

public slots:
    // Answers asynchronously with integrationsLoaded (read on a worker thread).
    void requestIntegrations();

signals:
    void statusChanged(const botbat::EngineStatus &status);
    void eventsPersisted(const QList<botbat::Event> &events);
    void integrationsLoaded(const QList<botbat::IntegrationSummary> &integrations);
    void integrationChanged(const botbat::IntegrationSummary &integration);
    void integrationRemoved(qint64 id);

private:
    void setState(EngineState state, const QString &message);
    bool startServices(QString *error);

    EngineConfig m_config;
    std::shared_ptr<Clock> m_clock;
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Domain> m_domain;
    std::unique_ptr<IntegrationRegistry> m_integrations;
    std::vector<std::unique_ptr<WorkerThread>> m_threads;
    ReadService *m_readService = nullptr; // lives in its worker thread
    quint16 m_httpPort = 0;
    mutable QMutex m_statusMutex;
    EngineStatus m_status;
};

} // namespace botbat
