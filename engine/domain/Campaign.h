#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <optional>

namespace botbat {

// A broadcast of one message text to many recipients: scheduled -> sending -> completed.
struct Campaign
{
    enum class Status
    {
        Scheduled,
        Sending,
        Completed
    };

    qint64 id = 0;
    QString name;
    QString message; // the text sent; may be empty while the campaign is being prepared
    Status status = Status::Scheduled;
    std::optional<QDateTime> scheduledAt;
    qint64 recipients = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<QDateTime> completedAt;

    static QString statusKey(Status status); // "scheduled", "sending", "completed"
    static std::optional<Status> statusFromKey(const QString &key);

    // {"id", "name", "message", "status", "scheduled_at", "recipients", "created_at",
    //  "updated_at", "completed_at"}
    QJsonObject toJson() const;
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::Campaign)
