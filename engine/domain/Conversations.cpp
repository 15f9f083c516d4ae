#include "Conversations.h"

#include "Contacts.h"
#include "DomainSql.h"
#include "DomainTable.h"
#include "InputValidator.h"
#include "core/Clock.h"
#include "core/Event.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace botbat {

namespace {

Conversation fromRow(const QSqlQuery &query)
{
    Conversation conversation;
    conversation.id = query.value(0).toLongLong();
    conversation.contactId = query.value(1).toLongLong();
    conversation.channel = query.value(2).toString();
    conversation.subject = DomainSql::optionalText(query.value(3));
    conversation.status =
        Conversation::statusFromKey(query.value(4).toString()).value_or(Conversation::Status::Open);
    conversation.createdAt = DomainSql::toTime(query.value(5));
    conversation.updatedAt = DomainSql::toTime(query.value(6));
    conversation.closedAt = DomainSql::optionalTime(query.value(7));
    return conversation;
}

std::optional<DomainError> store(WriteTransaction &transaction, const Conversation &conversation,
                                 const QString &action)
{
    return DomainSql::write(
        transaction, action,
        QStringLiteral(
            "UPDATE conversations SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?"),
        {Conversation::statusKey(conversation.status), DomainSql::time(conversation.closedAt),
         DomainSql::time(conversation.updatedAt), conversation.id});
}

const QString kSave = QStringLiteral("save the conversation");

} // namespace

Conversations::Conversations(const DomainContext &context) : m_context(context) {}

const DomainTable<Conversation> &Conversations::table()
{
    static const DomainTable<Conversation> conversations(
        QStringLiteral("conversation"), QStringLiteral("conversations"),
        QStringLiteral("id, contact_id, channel, subject, status, created_at, updated_at, "
                       "closed_at"),
        &fromRow);
    return conversations;
}

std::optional<Conversation> Conversations::find(QSqlDatabase &db, qint64 id, bool lock,
                                                QString *error)
{
    return table().find(db, id, lock, error);
}

DomainResult<Conversation> Conversations::create(const ConversationInput &input)
{
    InputValidator check;
    Conversation conversation;
    conversation.contactId = input.contactId;
    conversation.channel = check.channel(QStringLiteral("channel"), input.channel);
    conversation.subject =
        check.optionalText(QStringLiteral("subject"), input.subject, InputValidator::kSubjectMax);
    if (!check.ok())
        return check.error();

    WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
    if (auto failure = DomainSql::begin(transaction, kSave))
        return *failure;
    // Locking the contact keeps a concurrent delete from removing it under the new row.
    const DomainResult<Contact> contact =
        Contacts::table().lock(transaction, input.contactId, kSave);
    if (!contact)
        return contact.error();

    conversation.createdAt = conversation.updatedAt = m_context.clock.now();
    if (auto failure = DomainSql::write(
            transaction, kSave,
            QStringLiteral("INSERT INTO conversations (contact_id, channel, subject, status, "
                           "created_at, updated_at, closed_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {conversation.contactId, conversation.channel, DomainSql::text(conversation.subject),
             Conversation::statusKey(conversation.status), DomainSql::time(conversation.createdAt),
             DomainSql::time(conversation.updatedAt), DomainSql::time(conversation.closedAt)},
            &conversation.id))
        return *failure;
    if (auto failure = DomainSql::finish(transaction, EventType::ConversationCreated,
                                         conversation.toJson(), kSave))
        return *failure;
    return conversation;
}

DomainResult<Conversation> Conversations::close(qint64 id)
{
    const auto rules = [this](Conversation &conversation) -> DomainResult<RowChange> {
        if (conversation.status == Conversation::Status::Closed)
            return RowChange::Unchanged; // already closed: nothing to do, no second event
        const QDateTime now = m_context.clock.now();
        conversation.status = Conversation::Status::Closed;
        conversation.closedAt = now;
        conversation.updatedAt = now;
        return RowChange::Changed;
    };
    return table().change(m_context, id, QStringLiteral("close the conversation"), rules, &store,
                          EventType::ConversationClosed);
}

DomainResult<Conversation> Conversations::get(qint64 id) const
{
    return table().get(m_context.database, id, QStringLiteral("read the conversation"));
}

DomainResult<Page<Conversation>> Conversations::list(const PageQuery &page,
                                                     std::optional<qint64> contactId) const
{
    const QString action = QStringLiteral("list the conversations");
    if (!contactId)
        return table().list(m_context.database, page, action);
    // An unknown contact is a mistake worth reporting, not an empty list.
    return table().list(m_context.database, page, action, QStringLiteral("contact_id = ?"),
                        {*contactId}, Contacts::table().mustExist(*contactId, action));
}

} // namespace botbat
