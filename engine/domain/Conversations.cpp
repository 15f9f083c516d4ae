#include "Conversations.h"

#include "Contacts.h"
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

const QString kColumns =
    QStringLiteral("id, contact_id, channel, subject, status, created_at, updated_at, closed_at");

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

const QString kSave = QStringLiteral("save the conversation");

} // namespace

Conversations::Conversations(const DomainContext &context) : m_context(context) {}

std::optional<Conversation> Conversations::find(QSqlDatabase &db, qint64 id, bool lock,
                                                QString *error)
{
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM conversations WHERE id = ?") +
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
    QString error;
    if (!transaction.begin(&error))
        return DomainSql::abort(transaction, DomainError::storage(kSave, error));
    // Locking the contact keeps a concurrent delete from removing it under the new row.
    const std::optional<Contact> contact =
        Contacts::find(transaction.db(), input.contactId, true, &error);
    if (!error.isEmpty())
        return DomainSql::abort(transaction, DomainError::storage(kSave, error));
    if (!contact)
        return DomainError::notFound(QStringLiteral("contact"), input.contactId);

    conversation.createdAt = conversation.updatedAt = m_context.clock.now();
    QSqlQuery query(transaction.db());
    query.prepare(QStringLiteral("INSERT INTO conversations (contact_id, channel, subject, "
                                 "status, created_at, updated_at, closed_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query.addBindValue(conversation.contactId);
    query.addBindValue(conversation.channel);
    query.addBindValue(DomainSql::text(conversation.subject));
    query.addBindValue(Conversation::statusKey(conversation.status));
    query.addBindValue(DomainSql::time(conversation.createdAt));
    query.addBindValue(DomainSql::time(conversation.updatedAt));
    query.addBindValue(DomainSql::time(conversation.closedAt));
    if (!query.exec() || !query.next())
        return DomainSql::abort(transaction, DomainError::storage(kSave, sqlErrorText(query)));
    conversation.id = query.value(0).toLongLong();
    query.finish(); // SQLite cannot COMMIT while a RETURNING statement is still open
    if (auto failure = DomainSql::finish(transaction, EventType::ConversationCreated,
                                         conversation.toJson(), kSave))
        return *failure;
    return conversation;
}

DomainResult<Conversation> Conversations::close(qint64 id)
{
    const QString action = QStringLiteral("close the conversation");
    WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
    QString error;
    if (!transaction.begin(&error))
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    std::optional<Conversation> conversation = find(transaction.db(), id, true, &error);
    if (!error.isEmpty())
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    if (!conversation)
        return DomainError::notFound(QStringLiteral("conversation"), id);
    if (conversation->status == Conversation::Status::Closed)
        return *conversation; // already closed: nothing to do, no second event

    const QDateTime now = m_context.clock.now();
    conversation->status = Conversation::Status::Closed;
    conversation->closedAt = now;
    conversation->updatedAt = now;
    QSqlQuery query(transaction.db());
    query.prepare(QStringLiteral(
        "UPDATE conversations SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(Conversation::statusKey(conversation->status));
    query.addBindValue(DomainSql::time(conversation->closedAt));
    query.addBindValue(DomainSql::time(conversation->updatedAt));
    query.addBindValue(id);
    if (!query.exec())
        return DomainSql::abort(transaction, DomainError::storage(action, sqlErrorText(query)));
    if (auto failure = DomainSql::finish(transaction, EventType::ConversationClosed,
                                         conversation->toJson(), action))
        return *failure;
    return *conversation;
}

DomainResult<Conversation> Conversations::get(qint64 id) const
{
    const QString action = QStringLiteral("read the conversation");
    QString error;
    QSqlDatabase db = m_context.database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    const std::optional<Conversation> conversation = find(db, id, false, &error);
    if (!error.isEmpty())
        return DomainError::storage(action, error);
    if (!conversation)
        return DomainError::notFound(QStringLiteral("conversation"), id);
    return *conversation;
}

DomainResult<Page<Conversation>> Conversations::list(const PageQuery &page,
                                                     std::optional<qint64> contactId) const
{
    if (auto invalid = DomainSql::checkPage(page))
        return *invalid;
    const QString action = QStringLiteral("list the conversations");
    QString error;
    QSqlDatabase db = m_context.database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    QString filter;
    QVariantList values;
    if (contactId) {
        // An unknown contact is a mistake worth reporting, not an empty list.
        const std::optional<Contact> contact = Contacts::find(db, *contactId, false, &error);
        if (!error.isEmpty())
            return DomainError::storage(action, error);
        if (!contact)
            return DomainError::notFound(QStringLiteral("contact"), *contactId);
        filter = QStringLiteral("contact_id = ?");
        values.append(*contactId);
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
        DomainSql::pageSql(kColumns, QStringLiteral("conversations"), filter, page, &values));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
        return DomainError::storage(action, sqlErrorText(query));
    Page<Conversation> result;
    while (query.next())
        result.items.append(fromRow(query));
    if (result.items.size() > page.limit) {
        result.items.removeLast();
        result.nextCursor = result.items.constLast().id;
    }
    return result;
}

} // namespace botbat
