#include "ReadService.h"

#include "apikeys/ApiKeyStore.h"
#include "integrations/IntegrationRegistry.h"
#include "storage/Database.h"

#include <QTimer>

namespace botbat {

ReadService::ReadService(Database &database, IntegrationRegistry &registry,
                         ApiKeyStore &apiKeys)
    : m_database(database), m_registry(registry), m_apiKeys(apiKeys)
{
}

bool ReadService::start(QString *error)
{
    if (!m_database.connection(error).isOpen())
        return false;
    auto *housekeeping = new QTimer(this);
    connect(housekeeping, &QTimer::timeout, this, [this] { m_apiKeys.auditNewlyExpired(); });
    housekeeping->start(kHousekeepingMs);
    m_apiKeys.auditNewlyExpired();
    return true;
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
