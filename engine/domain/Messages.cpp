#include "Messages.h"

#include "Conversations.h"
#include "DomainSql.h"
#include "DomainTable.h"
#include "InputValidator.h"
#include "core/Clock.h"
#include "core/Event.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace botbat {

namespace {

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

std::optional<DomainError> store(WriteTransaction &transaction, const Message &message,
                                 const QString &action)
{
    return DomainSql::write(transaction, action,
                            QStringLiteral("UPDATE messages SET status = ?, updated_at = ?, "
                                           "delivered_at = ?, read_at = ? WHERE id = ?"),
                            {Message::statusKey(message.status), DomainSql::time(message.updatedAt),
                             DomainSql::time(message.deliveredAt), DomainSql::time(message.readAt),
                             message.id});
}

const DomainTable<Message> &table()
{
    static const DomainTable<Message> messages(
        QStringLiteral("message"), QStringLiteral("messages"),
        QStringLiteral("id, conversation_id, direction, body, status, created_at, updated_at, "
                       "delivered_at, read_at"),
        &fromRow);
    return messages;
}

} // namespace

Messages::Messages(const DomainContext &context) : m_context(context) {}

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
    if (auto failure = DomainSql::begin(transaction, action))
        return *failure;
    // Locked so that a concurrent close cannot slip in between this check and the insert.
    const DomainResult<Conversation> conversation =
        Conversations::table().lock(transaction, conversationId, action);
    if (!conversation)
        return conversation.error();
    if (conversation->status == Conversation::Status::Closed)
        return DomainError::invalidState(
            QStringLiteral("Conversation %1 is closed, so no message can be added to it; open a "
                           "new conversation with contact %2 instead.")
                .arg(conversationId)
                .arg(conversation->contactId));

    message.createdAt = message.updatedAt = m_context.clock.now();
    if (auto failure = DomainSql::write(
            transaction, action,
            QStringLiteral("INSERT INTO messages (conversation_id, direction, body, status, "
                           "created_at, updated_at, delivered_at, read_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {message.conversationId, Message::directionKey(message.direction), message.body,
             Message::statusKey(message.status), DomainSql::time(message.createdAt),
             DomainSql::time(message.updatedAt), DomainSql::time(message.deliveredAt),
             DomainSql::time(message.readAt)},
            &message.id))
        return *failure;
    // A new message is activity on the conversation: updated_since finds busy conversations.
    if (auto failure =
            DomainSql::write(transaction, action,
                             QStringLiteral("UPDATE conversations SET updated_at = ? WHERE id = ?"),
                             {DomainSql::time(message.createdAt), conversationId}))
        return *failure;

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
    const auto rules = [this, id, target, toRead](Message &message) -> DomainResult<RowChange> {
        if (message.direction == Message::Direction::Inbound)
            return DomainError::invalidState(
                QStringLiteral("Message %1 is inbound (received from the contact), so it cannot "
                               "be marked %2; delivery and read receipts apply only to outbound "
                               "messages.")
                    .arg(id)
                    .arg(Message::statusKey(target)));
        // A receipt that arrives late (delivered after read) or twice changes nothing.
        if (progress(message.status) >= progress(target))
            return RowChange::Unchanged;
        const QDateTime now = m_context.clock.now();
        message.status = target;
        message.updatedAt = now;
        if (!message.deliveredAt)
            message.deliveredAt = now; // a read message was delivered, even if no receipt said so
        if (toRead)
            message.readAt = now;
        return RowChange::Changed;
    };
    return table().change(m_context, id, action, rules, &store,
                          toRead ? EventType::MessageRead : EventType::MessageDelivered);
}

DomainResult<Message> Messages::get(qint64 id) const
{
    return table().get(m_context.database, id, QStringLiteral("read the message"));
}

DomainResult<Page<Message>> Messages::listByConversation(qint64 conversationId,
                                                         const PageQuery &page) const
{
    const QString action = QStringLiteral("list the messages");
    return table().list(m_context.database, page, action, QStringLiteral("conversation_id = ?"),
                        {conversationId}, Conversations::table().mustExist(conversationId, action));
}

} // namespace botbat
