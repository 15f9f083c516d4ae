#pragma once

#include "IntegrationSummary.h"

#include <QObject>
#include <optional>

namespace botbat {

class Clock;
class Database;

// The integrations the engine runs (CRM connections, outgoing and incoming webhooks, API keys)
// and their health, as the Overview shows them. Callable from any thread (it uses the calling
// thread's connection); every change is announced with integrationChanged/integrationRemoved.
class IntegrationRegistry : public QObject
{
    Q_OBJECT
public:
    IntegrationRegistry(Database &database, const Clock &clock, QObject *parent = nullptr);

    std::optional<IntegrationSummary> add(const IntegrationSummary &integration, QString *error);
    std::optional<IntegrationSummary> get(qint64 id, QString *error = nullptr);
    QList<IntegrationSummary> list(QString *error = nullptr);
    bool remove(qint64 id, QString *error);

    bool recordSuccess(qint64 id, QString *error = nullptr);
    bool recordError(qint64 id, const QString &message, QString *error = nullptr);
    bool setInactive(qint64 id, const QString &reason, QString *error = nullptr);

    // Channel integrations are managed in BotBat itself; the console lists them for reference.
    static QList<IntegrationSummary> referenceChannels();

signals:
    void integrationChanged(const botbat::IntegrationSummary &integration);
    void integrationRemoved(qint64 id);

private:
    bool updateStatus(qint64 id, const QString &setClause, const QVariantList &values,
                      QString *error);

    Database &m_database;
    const Clock &m_clock;
};

} // namespace botbat
