#include "ReadService.h"

#include "integrations/IntegrationRegistry.h"
#include "storage/Database.h"

namespace botbat {

ReadService::ReadService(Database &database, IntegrationRegistry &registry)
    : m_database(database), m_registry(registry)
{
}

bool ReadService::start(QString *error)
{
    return m_database.connection(error).isOpen();
}

void ReadService::stop()
{
    m_database.closeThreadConnection();
}

void ReadService::loadIntegrations()
{
    QString error;
    QList<IntegrationSummary> rows = m_registry.list(&error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    rows.append(IntegrationRegistry::referenceChannels());
    emit integrationsLoaded(rows);
}

} // namespace botbat
