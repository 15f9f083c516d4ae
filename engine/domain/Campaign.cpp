#include "Campaign.h"

#include "JsonValues.h"

namespace botbat {

QString Campaign::statusKey(Status status)
{
    switch (status) {
    case Status::Scheduled:
        return QStringLiteral("scheduled");
    case Status::Sending:
        return QStringLiteral("sending");
    case Status::Completed:
        return QStringLiteral("completed");
    }
    return QStringLiteral("scheduled");
}

std::optional<Campaign::Status> Campaign::statusFromKey(const QString &key)
{
    for (Status status : {Status::Scheduled, Status::Sending, Status::Completed}) {
        if (statusKey(status) == key)
            return status;
    }
    return std::nullopt;
}

QJsonObject Campaign::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("message"), message},
            {QStringLiteral("status"), statusKey(status)},
            {QStringLiteral("scheduled_at"), JsonValues::time(scheduledAt)},
            {QStringLiteral("recipients"), recipients},
            {QStringLiteral("created_at"), JsonValues::time(createdAt)},
            {QStringLiteral("updated_at"), JsonValues::time(updatedAt)},
            {QStringLiteral("completed_at"), JsonValues::time(completedAt)}};
}

} // namespace botbat
