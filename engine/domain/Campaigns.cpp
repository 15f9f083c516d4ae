#include "Campaigns.h"

#include "DomainSql.h"
#include "InputValidator.h"
#include "core/Clock.h"
#include "core/Event.h"
#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace botbat {

namespace {

const QString kColumns = QStringLiteral("id, name, message, status, scheduled_at, recipients, "
                                        "created_at, updated_at, completed_at");

Campaign fromRow(const QSqlQuery &query)
{
    Campaign campaign;
    campaign.id = query.value(0).toLongLong();
    campaign.name = query.value(1).toString();
    campaign.message = query.value(2).toString();
    campaign.status =
        Campaign::statusFromKey(query.value(3).toString()).value_or(Campaign::Status::Scheduled);
    campaign.scheduledAt = DomainSql::optionalTime(query.value(4));
    campaign.recipients = query.value(5).toLongLong();
    campaign.createdAt = DomainSql::toTime(query.value(6));
    campaign.updatedAt = DomainSql::toTime(query.value(7));
    campaign.completedAt = DomainSql::optionalTime(query.value(8));
    return campaign;
}

bool store(QSqlDatabase &db, const Campaign &campaign, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "UPDATE campaigns SET status = ?, updated_at = ?, completed_at = ? WHERE id = ?"));
    query.addBindValue(Campaign::statusKey(campaign.status));
    query.addBindValue(DomainSql::time(campaign.updatedAt));
    query.addBindValue(DomainSql::time(campaign.completedAt));
    query.addBindValue(campaign.id);
    if (query.exec())
        return true;
    *error = sqlErrorText(query);
    return false;
}

} // namespace

Campaigns::Campaigns(const DomainContext &context) : m_context(context) {}

std::optional<Campaign> Campaigns::find(QSqlDatabase &db, qint64 id, bool lock, QString *error)
{
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM campaigns WHERE id = ?") +
                  (lock ? DomainSql::forUpdate(sqlite) : QString()));
    query.addBindValue(id);
    if (!query.exec()) {
        *error = sqlErrorText(query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return fromRow(query);
}

DomainResult<Campaign> Campaigns::create(const CampaignInput &input)
{
    const QString action = QStringLiteral("save the campaign");
    InputValidator check;
    Campaign campaign;
    campaign.name =
        check.requiredText(QStringLiteral("name"), input.name, InputValidator::kNameMax);
    campaign.message = check.body(QStringLiteral("message"), input.message);
    if (input.scheduledAt && !input.scheduledAt->isValid())
        check.addError(QStringLiteral("scheduled_at"), QStringLiteral("invalid_time"),
                       QStringLiteral("is not a valid time; use ISO-8601 such as "
                                      "2024-03-01T12:00:00Z, or leave it empty"));
    campaign.scheduledAt = input.scheduledAt;
    if (input.recipients < 0)
        check.addError(QStringLiteral("recipients"), QStringLiteral("out_of_range"),
                       QStringLiteral("is %1; use 0 or more").arg(input.recipients));
    campaign.recipients = input.recipients;
    if (!check.ok())
        return check.error();

    WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
    QString error;
    if (!transaction.begin(&error))
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    campaign.createdAt = campaign.updatedAt = m_context.clock.now();
    QSqlQuery query(transaction.db());
    query.prepare(QStringLiteral("INSERT INTO campaigns (name, message, status, scheduled_at, "
                                 "recipients, created_at, updated_at, completed_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query.addBindValue(campaign.name);
    query.addBindValue(campaign.message);
    query.addBindValue(Campaign::statusKey(campaign.status));
    query.addBindValue(DomainSql::time(campaign.scheduledAt));
    query.addBindValue(campaign.recipients);
    query.addBindValue(DomainSql::time(campaign.createdAt));
    query.addBindValue(DomainSql::time(campaign.updatedAt));
    query.addBindValue(DomainSql::time(campaign.completedAt));
    if (!query.exec() || !query.next())
        return DomainSql::abort(transaction, DomainError::storage(action, sqlErrorText(query)));
    campaign.id = query.value(0).toLongLong();
    query.finish(); // SQLite cannot COMMIT while a RETURNING statement is still open
    // Event.h has no campaign.created type: creation is committed without an event.
    if (auto failure = DomainSql::finish(transaction, QString(), {}, action))
        return *failure;
    return campaign;
}

DomainResult<Campaign> Campaigns::start(qint64 id)
{
    const QString action = QStringLiteral("start the campaign");
    WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
    QString error;
    if (!transaction.begin(&error))
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    std::optional<Campaign> campaign = find(transaction.db(), id, true, &error);
    if (!error.isEmpty())
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    if (!campaign)
        return DomainError::notFound(QStringLiteral("campaign"), id);
    if (campaign->status == Campaign::Status::Sending)
        return *campaign; // already started
    if (campaign->status == Campaign::Status::Completed)
        return DomainError::invalidState(
            QStringLiteral("Campaign %1 is already completed, so it cannot start again; create "
                           "a new campaign to send the message again.")
                .arg(id));
    campaign->status = Campaign::Status::Sending;
    campaign->updatedAt = m_context.clock.now();
    if (!store(transaction.db(), *campaign, &error))
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    // Event.h has no campaign.started type: the start is committed without an event.
    if (auto failure = DomainSql::finish(transaction, QString(), {}, action))
        return *failure;
    return *campaign;
}

DomainResult<Campaign> Campaigns::complete(qint64 id)
{
    const QString action = QStringLiteral("complete the campaign");
    WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
    QString error;
    if (!transaction.begin(&error))
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    std::optional<Campaign> campaign = find(transaction.db(), id, true, &error);
    if (!error.isEmpty())
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    if (!campaign)
        return DomainError::notFound(QStringLiteral("campaign"), id);
    if (campaign->status == Campaign::Status::Completed)
        return *campaign; // already completed: no second event
    const QDateTime now = m_context.clock.now();
    campaign->status = Campaign::Status::Completed;
    campaign->updatedAt = now;
    campaign->completedAt = now;
    if (!store(transaction.db(), *campaign, &error))
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    if (auto failure = DomainSql::finish(transaction, EventType::CampaignCompleted,
                                         campaign->toJson(), action))
        return *failure;
    return *campaign;
}

DomainResult<Campaign> Campaigns::get(qint64 id) const
{
    const QString action = QStringLiteral("read the campaign");
    QString error;
    QSqlDatabase db = m_context.database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    const std::optional<Campaign> campaign = find(db, id, false, &error);
    if (!error.isEmpty())
        return DomainError::storage(action, error);
    if (!campaign)
        return DomainError::notFound(QStringLiteral("campaign"), id);
    return *campaign;
}

DomainResult<Page<Campaign>> Campaigns::list(const PageQuery &page) const
{
    if (auto invalid = DomainSql::checkPage(page))
        return *invalid;
    const QString action = QStringLiteral("list the campaigns");
    QString error;
    QSqlDatabase db = m_context.database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    QVariantList values;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(DomainSql::pageSql(kColumns, QStringLiteral("campaigns"), {}, page, &values));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
        return DomainError::storage(action, sqlErrorText(query));
    Page<Campaign> result;
    while (query.next())
        result.items.append(fromRow(query));
    if (result.items.size() > page.limit) {
        result.items.removeLast();
        result.nextCursor = result.items.constLast().id;
    }
    return result;
}

} // namespace botbat
