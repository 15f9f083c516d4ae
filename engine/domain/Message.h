#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <optional>

namespace botbat {

// One message in a conversation. Inbound messages are "received"; outbound ones go
// queued -> delivered -> read as the channel reports back.
struct Message
{
    enum class Direction
    {
        Inbound,
        Outbound
    };
    enum class Status
    {
        Received,
        Queued,
        Delivered,
        Read
    };

    qint64 id = 0;
    qint64 conversationId = 0;
    Direction direction = Direction::Inbound;
    QString body;
    Status status = Status::Received;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<QDateTime> deliveredAt;
    std::optional<QDateTime> readAt;

    static QString directionKey(Direction direction); // "inbound", "outbound"
    static std::optional<Direction> directionFromKey(const QString &key);
    static QString statusKey(Status status); // "received", "queued", "delivered", "read"
    static std::optional<Status> statusFromKey(const QString &key);

    // {"id", "conversation_id", "direction", "body", "status", "created_at", "updated_at",
    //  "delivered_at", "read_at"}
    QJsonObject toJson() const;
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::Message)
