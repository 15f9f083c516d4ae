#include "Conversation.h"

#include "JsonValues.h"

namespace botbat {

const QStringList &Conversation::channels()
{
    static const QStringList all = {QStringLiteral("whatsapp"),  QStringLiteral("instagram"),
                                    QStringLiteral("messenger"), QStringLiteral("telegram"),
                                    QStringLiteral("sms"),       QStringLiteral("email"),
                                    QStringLiteral("webchat")};
    return all;
}

QString Conversation::statusKey(Status status)
{
    return status == Status::Closed ? QStringLiteral("closed") : QStringLiteral("open");
}

std::optional<Conversation::Status> Conversation::statusFromKey(const QString &key)
{
    if (key == QLatin1String("open"))
        return Status::Open;
    if (key == QLatin1String("closed"))
        return Status::Closed;
    return std::nullopt;
}

QJsonObject Conversation::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("contact_id"), contactId},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("subject"), JsonValues::text(subject)},
            {QStringLiteral("status"), statusKey(status)},
            {QStringLiteral("created_at"), JsonValues::time(createdAt)},
            {QStringLiteral("updated_at"), JsonValues::time(updatedAt)},
            {QStringLiteral("closed_at"), JsonValues::time(closedAt)}};
}

} // namespace botbat
