#include "Message.h"

#include "JsonValues.h"

namespace botbat {

QString Message::directionKey(Direction direction)
{
    return direction == Direction::Outbound ? QStringLiteral("outbound")
                                            : QStringLiteral("inbound");
}

std::optional<Message::Direction> Message::directionFromKey(const QString &key)
{
    if (key == QLatin1String("inbound"))
        return Direction::Inbound;
    if (key == QLatin1String("outbound"))
        return Direction::Outbound;
    return std::nullopt;
}

QString Message::statusKey(Status status)
{
    switch (status) {
    case Status::Received:
        return QStringLiteral("received");
    case Status::Queued:
        return QStringLiteral("queued");
    case Status::Delivered:
        return QStringLiteral("delivered");
    case Status::Read:
        return QStringLiteral("read");
    }
    return QStringLiteral("received");
}

std::optional<Message::Status> Message::statusFromKey(const QString &key)
{
    for (Status status : {Status::Received, Status::Queued, Status::Delivered, Status::Read}) {
        if (statusKey(status) == key)
            return status;
    }
    return std::nullopt;
}

QJsonObject Message::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("direction"), directionKey(direction)},
            {QStringLiteral("body"), body},
            {QStringLiteral("status"), statusKey(status)},
            {QStringLiteral("created_at"), JsonValues::time(createdAt)},
            {QStringLiteral("updated_at"), JsonValues::time(updatedAt)},
            {QStringLiteral("delivered_at"), JsonValues::time(deliveredAt)},
            {QStringLiteral("read_at"), JsonValues::time(readAt)}};
}

} // namespace botbat
