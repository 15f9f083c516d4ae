#include "Messages.h"

#include "Conversations.h"
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

const QString kColumns = QStringLiteral("id, conversation_id, direction, body, status, "
                                        "created_at, updated_at, delivered_at, read_at");

Message fromRow(const QSqlQuery &query)
{
    Message message;
    message.id = query.value(0).toLongLong();
    message.conversationId = query.value(1).toLongLong();
    message.direction =
        Message::directionFromKey(query.value(2).toString()).value_or(Message::Direction::Inbound);
    message.body = query.value(3).toString();
    message.status =
        Message::statusFromKey(query.value(4).toString()).value_or(Message::Status::Received);
    message.createdAt = DomainSql::toTime(query.value(5));
    message.updatedAt = DomainSql::toTime(query.value(6));
    message.deliveredAt = DomainSql::optionalTime(query.value(7));
    message.readAt = DomainSql::optionalTime(query.value(8));
    return message;
}

// How far an outbound message has come; a receipt never moves it back.
int progress(Message::Status status)
{
    switch (status) {
    case Message::Status::Received:
    case Message::Status::Queued:
        return 0;
    case Message::Status::Delivered:
        return 1;
    case Message::Status::Read:
        return 2;
    }
    return 0;
}

} // namespace

Messages::Messages(const DomainContext &context) : m_context(context) {}

std::optional<Message> Messages::find(QSqlDatabase &db, qint64 id, bool lock, QString *error)
{
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM messages WHERE id = ?") +
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

DomainResult<Message> Messages::recordInbound(qint64 conversationId, const QString &body)
{
    return add(conversationId, Message::Direction::Inbound, body);
}

DomainResult<Message> Messages::sendOutbound(qint64 conversationId, const QString &body)
{
    return add(conversationId, Message::Direction::Outbound, body);
}

DomainResult<Message> Messages::add(qint64 conversationId, Message::Direction direction,
                                    const QString &body)
{
    const bool inbound = direction == Message::Direction::Inbound;
    const QString action =
        inbound ? QStringLiteral("record the message") : QStringLiteral("send the message");
    InputValidator check;
    Message message;
    message.conversationId = conversationId;
    message.direction = direction;
    message.body = check.body(QStringLiteral("body"), body);
    message.status = inbound ? Message::Status::Received : Message::Status::Queued;
    if (!check.ok())
        return check.error();

    WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
    QString error;
    if (!transaction.begin(&error))
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    // Locked so that a concurrent close cannot slip in between this check and the insert.
    const std::optional<Conversation> conversation =
        Conversations::find(transaction.db(), conversationId, true, &error);
    if (!error.isEmpty())
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    if (!conversation)
        return DomainError::notFound(QStringLiteral("conversation"), conversationId);
    if (conversation->status == Conversation::Status::Closed)
        return DomainError::invalidState(
            QStringLiteral("Conversation %1 is closed, so no message can be added to it; open a "
                           "new conversation with contact %2 instead.")
                .arg(conversationId)
                .arg(conversation->contactId));

    message.createdAt = message.updatedAt = m_context.clock.now();
    QSqlQuery insert(transaction.db());
    insert.prepare(QStringLiteral("INSERT INTO messages (conversation_id, direction, body, "
                                  "status, created_at, updated_at, delivered_at, read_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    insert.addBindValue(message.conversationId);
    insert.addBindValue(Message::directionKey(message.direction));
    insert.addBindValue(message.body);
    insert.addBindValue(Message::statusKey(message.status));
    insert.addBindValue(DomainSql::time(message.createdAt));
    insert.addBindValue(DomainSql::time(message.updatedAt));
    insert.addBindValue(DomainSql::time(message.deliveredAt));
    insert.addBindValue(DomainSql::time(message.readAt));
    if (!insert.exec() || !insert.next())
        return DomainSql::abort(transaction, DomainError::storage(action, sqlErrorText(insert)));
    message.id = insert.value(0).toLongLong();
    insert.finish(); // SQLite cannot COMMIT while a RETURNING statement is still open

    // A new message is activity on the conversation: updated_since finds busy conversations.
    QSqlQuery touch(transaction.db());
    touch.prepare(QStringLiteral("UPDATE conversations SET updated_at = ? WHERE id = ?"));
    touch.addBindValue(DomainSql::time(message.createdAt));
    touch.addBindValue(conversationId);
    if (!touch.exec())
        return DomainSql::abort(transaction, DomainError::storage(action, sqlErrorText(touch)));

    // Outbound messages get their events from the channel's receipts (delivered, read).
    if (auto failure =
            DomainSql::finish(transaction, inbound ? EventType::MessageReceived : QString(),
                              message.toJson(), action))
        return *failure;
    return message;
}

DomainResult<Message> Messages::markDelivered(qint64 id)
{
    return advance(id, Message::Status::Delivered);
}

DomainResult<Message> Messages::markRead(qint64 id)
{
    return advance(id, Message::Status::Read);
}

DomainResult<Message> Messages::advance(qint64 id, Message::Status target)
{
    const bool toRead = target == Message::Status::Read;
    const QString action = toRead ? QStringLiteral("mark the message as read")
                                  : QStringLiteral("mark the message as delivered");
    WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
    QString error;
    if (!transaction.begin(&error))
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    std::optional<Message> message = find(transaction.db(), id, true, &error);
    if (!error.isEmpty())
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    if (!message)
        return DomainError::notFound(QStringLiteral("message"), id);
    if (message->direction == Message::Direction::Inbound)
        return DomainError::invalidState(
            QStringLiteral("Message %1 is inbound (received from the contact), so it cannot be "
                           "marked %2; delivery and read receipts apply only to outbound "
                           "messages.")
                .arg(id)
                .arg(Message::statusKey(target)));
    // A receipt that arrives late (delivered after read) or twice changes nothing.
    if (progress(message->status) >= progress(target))
        return *message;

    const QDateTime now = m_context.clock.now();
    message->status = target;
    message->updatedAt = now;
    if (!message->deliveredAt)
        message->deliveredAt = now; // a read message was delivered, even if no receipt said so
    if (toRead)
        message->readAt = now;
    QSqlQuery query(transaction.db());
    query.prepare(QStringLiteral("UPDATE messages SET status = ?, updated_at = ?, "
                                 "delivered_at = ?, read_at = ? WHERE id = ?"));
    query.addBindValue(Message::statusKey(message->status));
    query.addBindValue(DomainSql::time(message->updatedAt));
    query.addBindValue(DomainSql::time(message->deliveredAt));
    query.addBindValue(DomainSql::time(message->readAt));
    query.addBindValue(id);
    if (!query.exec())
        return DomainSql::abort(transaction, DomainError::storage(action, sqlErrorText(query)));
    if (auto failure = DomainSql::finish(
            transaction, toRead ? EventType::MessageRead : EventType::MessageDelivered,
            message->toJson(), action))
        return *failure;
    return *message;
}

DomainResult<Message> Messages::get(qint64 id) const
{
    const QString action = QStringLiteral("read the message");
    QString error;
    QSqlDatabase db = m_context.database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    const std::optional<Message> message = find(db, id, false, &error);
    if (!error.isEmpty())
        return DomainError::storage(action, error);
    if (!message)
        return DomainError::notFound(QStringLiteral("message"), id);
    return *message;
}

DomainResult<Page<Message>> Messages::listByConversation(qint64 conversationId,
                                                         const PageQuery &page) const
{
    if (auto invalid = DomainSql::checkPage(page))
        return *invalid;
    const QString action = QStringLiteral("list the messages");
    QString error;
    QSqlDatabase db = m_context.database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    const std::optional<Conversation> conversation =
        Conversations::find(db, conversationId, false, &error);
    if (!error.isEmpty())
        return DomainError::storage(action, error);
    if (!conversation)
        return DomainError::notFound(QStringLiteral("conversation"), conversationId);
    QVariantList values{conversationId};
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(DomainSql::pageSql(kColumns, QStringLiteral("messages"),
                                     QStringLiteral("conversation_id = ?"), page, &values));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
        return DomainError::storage(action, sqlErrorText(query));
    Page<Message> result;
    while (query.next())
        result.items.append(fromRow(query));
    if (result.items.size() > page.limit) {
        result.items.removeLast();
        result.nextCursor = result.items.constLast().id;
    }
    return result;
}

} // namespace botbat
