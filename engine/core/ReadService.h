#pragma once

#include "Service.h"
#include "integrations/IntegrationSummary.h"

namespace botbat {

class ApiKeyStore;
class Database;
class IntegrationRegistry;

// Runs the console's database work off the GUI thread (views never wait on SQL), and the
// engine's housekeeping: the audit log's key.expired entries for keys nobody presents any more.
class ReadService final : public Service
{
    Q_OBJECT
public:
    ReadService(Database &database, IntegrationRegistry &registry, ApiKeyStore &apiKeys);
    static constexpr int kHousekeepingMs = 30 * 1000;

    bool start(QString *error) override;
    void stop() override;

public slots:
    void loadIntegrations();

signals:
    void integrationsLoaded(const QList<botbat::IntegrationSummary> &integrations);

private:
    Database &m_database;
    IntegrationRegistry &m_registry;
    ApiKeyStore &m_apiKeys;
};

} // namespace botbat
