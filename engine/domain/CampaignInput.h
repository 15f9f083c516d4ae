#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

namespace botbat {

// What a caller gives to create a campaign; it starts as "scheduled".
struct CampaignInput
{
    QString name;    // 1..200 characters
    QString message; // the text to send, 1..4096 characters
    std::optional<QDateTime> scheduledAt;
    qint64 recipients = 0; // >= 0
};

} // namespace botbat
