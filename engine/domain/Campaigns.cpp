#include "Campaigns.h"

#include "DomainSql.h"
#include "DomainTable.h"
#include "InputValidator.h"
#include "core/Clock.h"
#include "core/Event.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace botbat {

namespace {

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

std::optional<DomainError> store(WriteTransaction &transaction, const Campaign &campaign,
                                 const QString &action)
{
    return DomainSql::write(
        transaction, action,
        QStringLiteral(
            "UPDATE campaigns SET status = ?, updated_at = ?, completed_at = ? WHERE id = ?"),
        {Campaign::statusKey(campaign.status), DomainSql::time(campaign.updatedAt),
         DomainSql::time(campaign.completedAt), campaign.id});
}

const DomainTable<Campaign> &table()
{
    static const DomainTable<Campaign> campaigns(
        QStringLiteral("campaign"), QStringLiteral("campaigns"),
        QStringLiteral("id, name, message, status, scheduled_at, recipients, created_at, "
                       "updated_at, completed_at"),
        &fromRow);
    return campaigns;
}

} // namespace

Campaigns::Campaigns(const DomainContext &context) : m_context(context) {}

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
    if (auto failure = DomainSql::begin(transaction, action))
        return *failure;
    campaign.createdAt = campaign.updatedAt = m_context.clock.now();
    if (auto failure = DomainSql::write(
            transaction, action,
            QStringLiteral("INSERT INTO campaigns (name, message, status, scheduled_at, "
                           "recipients, created_at, updated_at, completed_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {campaign.name, campaign.message, Campaign::statusKey(campaign.status),
             DomainSql::time(campaign.scheduledAt), campaign.recipients,
             DomainSql::time(campaign.createdAt), DomainSql::time(campaign.updatedAt),
             DomainSql::time(campaign.completedAt)},
            &campaign.id))
        return *failure;
    // Event.h has no campaign.created type: creation is committed without an event.
    if (auto failure = DomainSql::finish(transaction, QString(), {}, action))
        return *failure;
    return campaign;
}

DomainResult<Campaign> Campaigns::start(qint64 id)
{
    const auto rules = [this, id](Campaign &campaign) -> DomainResult<RowChange> {
        if (campaign.status == Campaign::Status::Sending)
            return RowChange::Unchanged; // already started
        if (campaign.status == Campaign::Status::Completed)
            return DomainError::invalidState(
                QStringLiteral("Campaign %1 is already completed, so it cannot start again; "
                               "create a new campaign to send the message again.")
                    .arg(id));
        campaign.status = Campaign::Status::Sending;
        campaign.updatedAt = m_context.clock.now();
        return RowChange::Changed;
    };
    // Event.h has no campaign.started type: the start is committed without an event.
    return table().change(m_context, id, QStringLiteral("start the campaign"), rules, &store,
                          QString());
}

DomainResult<Campaign> Campaigns::complete(qint64 id)
{
    const auto rules = [this](Campaign &campaign) -> DomainResult<RowChange> {
        if (campaign.status == Campaign::Status::Completed)
            return RowChange::Unchanged; // already completed: no second event
        const QDateTime now = m_context.clock.now();
        campaign.status = Campaign::Status::Completed;
        campaign.updatedAt = now;
        campaign.completedAt = now;
        return RowChange::Changed;
    };
    return table().change(m_context, id, QStringLiteral("complete the campaign"), rules, &store,
                          EventType::CampaignCompleted);
}

DomainResult<Campaign> Campaigns::get(qint64 id) const
{
    return table().get(m_context.database, id, QStringLiteral("read the campaign"));
}

DomainResult<Page<Campaign>> Campaigns::list(const PageQuery &page) const
{
    return table().list(m_context.database, page, QStringLiteral("list the campaigns"));
}

} // namespace botbat
