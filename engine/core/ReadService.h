#pragma once

#include "Service.h"
#include "integrations/IntegrationSummary.h"

namespace botbat {

class IntegrationRegistry;
class Database;

// Runs the console's reads off the GUI thread: views never wait on SQL.
class ReadService final : public Service
{
    Q_OBJECT
public:
    ReadService(Database &database, IntegrationRegistry &registry);

    bool start(QString *error) override;
    void stop() override;

public slots:
    void loadIntegrations();

signals:
    void integrationsLoaded(const QList<botbat::IntegrationSummary> &integrations);

private:
    Database &m_database;
    IntegrationRegistry &m_registry;
};

} // namespace botbat
