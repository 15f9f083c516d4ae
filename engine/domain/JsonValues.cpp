#include "JsonValues.h"

namespace botbat {

QJsonValue JsonValues::time(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue(QJsonValue::Null);
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonValue JsonValues::time(const std::optional<QDateTime> &time)
{
    return time ? JsonValues::time(*time) : QJsonValue(QJsonValue::Null);
}

QJsonValue JsonValues::text(const std::optional<QString> &text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

} // namespace botbat
