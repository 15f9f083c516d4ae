#include "IntegrationRegistry.h"

#include "core/Clock.h"
#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/SqlRows.h"
#include "storage/SqlTime.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace botbat {

namespace {

const QString kColumns = QStringLiteral(
    "id, category, kind, name, status, detail, last_error, last_success_at, updated_at");

IntegrationSummary fromRow(const QSqlQuery &query)
{
    IntegrationSummary row;
    row.id = query.value(0).toLongLong();
    row.category = IntegrationSummary::categoryFromKey(query.value(1).toString())
                       .value_or(IntegrationSummary::Category::Crm);
    row.kind = query.value(2).toString();
    row.name = query.value(3).toString();
    row.status = IntegrationSummary::statusFromKey(query.value(4).toString())
                     .value_or(IntegrationSummary::Status::Inactive);
    row.detail = query.value(5).toString();
    row.lastError = query.value(6).toString();
    row.lastSuccessAt = timeFromSql(query.value(7));
    row.updatedAt = timeFromSql(query.value(8));
    return row;
}

} // namespace

IntegrationRegistry::IntegrationRegistry(Database &database, const Clock &clock, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock)
{}

std::optional<IntegrationSummary> IntegrationRegistry::add(const IntegrationSummary &integration,
                                                           QString *error)
{
    if (integration.category == IntegrationSummary::Category::Channel ||
        integration.status == IntegrationSummary::Status::ReferenceOnly) {
        *error = QStringLiteral("Channel integrations are managed in BotBat, not stored here.");
        return std::nullopt;
    }
    if (integration.name.trimmed().isEmpty()) {
        *error = QStringLiteral("An integration needs a name.");
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    // Writes go through WriteTransaction so they queue with the process's other SQLite writers.
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return std::nullopt;
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral(
        "INSERT INTO integrations (category, kind, name, status, detail, last_error, "
        "last_success_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
        "id"));
    query.addBindValue(IntegrationSummary::categoryKey(integration.category));
    query.addBindValue(integration.kind);
    query.addBindValue(integration.name.trimmed());
    query.addBindValue(IntegrationSummary::statusKey(integration.status));
    query.addBindValue(notNull(integration.detail));
    query.addBindValue(notNull(integration.lastError));
    query.addBindValue(sqlTime(integration.lastSuccessAt));
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec() || !query.next()) {
        *error = QStringLiteral("Cannot save the integration: ") + sqlErrorText(query);
        return std::nullopt;
    }
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    if (!tx.commit(error))
        return std::nullopt;
    auto stored = get(id, error);
    if (stored)
        emit integrationChanged(*stored);
    return stored;
}

std::optional<IntegrationSummary> IntegrationRegistry::get(qint64 id, QString *error)
{
    QSqlQuery query(m_database.connection(error));
    query.prepare(QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM integrations WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        if (error)
            *error =
                QStringLiteral("Cannot read integration %1: %2").arg(id).arg(sqlErrorText(query));
        return std::nullopt;
    }
    if (!query.next()) {
        if (error)
            *error = QStringLiteral("There is no integration %1.").arg(id);
        return std::nullopt;
    }
    return fromRow(query);
}

QList<IntegrationSummary> IntegrationRegistry::list(QString *error)
{
    QSqlQuery query(m_database.connection(error));
    return selectRows<IntegrationSummary>(
        query,
        QStringLiteral("SELECT ") + kColumns +
            QStringLiteral(" FROM integrations ORDER BY category, name, id"),
        fromRow, QStringLiteral("Cannot list integrations: "), error);
}

bool IntegrationRegistry::remove(qint64 id, QString *error)
{
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return false;
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("DELETE FROM integrations WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        *error =
            QStringLiteral("Cannot delete integration %1: %2").arg(id).arg(sqlErrorText(query));
        return false;
    }
    const bool removed = query.numRowsAffected() > 0;
    if (!tx.commit(error))
        return false;
    if (removed)
        emit integrationRemoved(id);
    return true;
}

bool IntegrationRegistry::recordSuccess(qint64 id, QString *error)
{
    const qint64 now = m_clock.nowMs();
    return updateStatus(
        id, QStringLiteral("status = 'connected', last_error = '', last_success_at = ?"), {now},
        error);
}

bool IntegrationRegistry::recordError(qint64 id, const QString &message, QString *error)
{
    return updateStatus(id, QStringLiteral("status = 'error', last_error = ?"), {message}, error);
}

bool IntegrationRegistry::setInactive(qint64 id, const QString &reason, QString *error)
{
    return updateStatus(id, QStringLiteral("status = 'inactive', last_error = ?"), {reason}, error);
}

bool IntegrationRegistry::updateStatus(qint64 id, const QString &setClause,
                                       const QVariantList &values, QString *error)
{
    QString reason;
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(&reason)) {
        if (error)
            *error = reason;
        return false;
    }
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE integrations SET ") + setClause +
                  QStringLiteral(", updated_at = ? WHERE id = ?"));
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.addBindValue(m_clock.nowMs());
    query.addBindValue(id);
    if (!query.exec() || query.numRowsAffected() != 1) {
        reason = query.lastError().isValid()
                     ? QStringLiteral("Cannot update integration %1: %2")
                           .arg(id)
                           .arg(sqlErrorText(query))
                     : QStringLiteral("There is no integration %1.").arg(id);
        if (error)
            *error = reason;
        return false;
    }
    if (!tx.commit(&reason)) {
        if (error)
            *error = reason;
        return false;
    }
    if (auto stored = get(id, error))
        emit integrationChanged(*stored);
    return true;
}

QList<IntegrationSummary> IntegrationRegistry::referenceChannels()
{
    QList<IntegrationSummary> channels;
    const struct
    {
        const char *kind;
        const char *name;
        const char *detail;
    } catalog[] = {
        {"whatsapp", "WhatsApp Business", "Connected in BotBat under Channels"},
        {"instagram", "Instagram", "Connected in BotBat under Channels"},
        {"messenger", "Facebook Messenger", "Connected in BotBat under Channels"},
        {"telegram", "Telegram", "Connected in BotBat under Channels"},
        {"sms", "SMS", "Connected in BotBat under Channels"},
        {"email", "Email", "Connected in BotBat under Channels"},
        {"webchat", "Website chat widget", "Connected in BotBat under Channels"},
    };
    for (const auto &entry : catalog) {
        IntegrationSummary channel;
        channel.category = IntegrationSummary::Category::Channel;
        channel.kind = QString::fromLatin1(entry.kind);
        channel.name = QString::fromLatin1(entry.name);
        channel.status = IntegrationSummary::Status::ReferenceOnly;
        channel.detail = QString::fromLatin1(entry.detail);
        channels.append(channel);
    }
    return channels;
}

} // namespace botbat
