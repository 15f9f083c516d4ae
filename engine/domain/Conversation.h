#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace botbat {

// A thread of messages with one contact on one channel.
struct Conversation
{
    enum class Status
    {
        Open,
        Closed
    };

    qint64 id = 0;
    qint64 contactId = 0;
    QString channel; // one of channels()
    std::optional<QString> subject;
    Status status = Status::Open;
    QDateTime createdAt;
    QDateTime updatedAt; // also moves when a message is added
    std::optional<QDateTime> closedAt;

    // whatsapp, instagram, messenger, telegram, sms, email, webchat
    static const QStringList &channels();
    static QString statusKey(Status status); // the stored value: "open", "closed"
    static std::optional<Status> statusFromKey(const QString &key);

    // {"id", "contact_id", "channel", "subject", "status", "created_at", "updated_at",
    //  "closed_at"}
    QJsonObject toJson() const;
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::Conversation)
