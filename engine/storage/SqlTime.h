#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QVariant>

namespace botbat {

// Times are stored as UTC milliseconds since the epoch; SQL NULL stands for "none" (an invalid
// QDateTime). A typed null variant is needed: an untyped one does not bind as NULL everywhere.
inline QVariant sqlTime(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toMSecsSinceEpoch())
                        : QVariant(QMetaType(QMetaType::LongLong));
}

inline QDateTime timeFromSql(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace botbat
