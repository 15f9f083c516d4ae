#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace botbat {

// How the domain's JSON spells times and optional fields, in one place so that every snapshot
// (event data now, REST bodies later) looks the same.
class JsonValues
{
public:
    // ISO-8601 in UTC with milliseconds and 'Z', e.g. "2024-03-01T12:00:00.000Z"; null if invalid.
    static QJsonValue time(const QDateTime &time);
    static QJsonValue time(const std::optional<QDateTime> &time);
    static QJsonValue text(const std::optional<QString> &text);
};

} // namespace botbat
