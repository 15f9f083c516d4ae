#pragma once

#include "core/Event.h"

#include <QSqlDatabase>
#include <optional>

namespace botbat {

// The persisted event log. Ids increase in commit order on both backends (SQLite has one
// writer; on PostgreSQL WriteTransaction serializes event-writing transactions), so a consumer
// that remembers the last id it handled resumes with since(lastId) and misses nothing.
class EventStore
{
public:
    explicit EventStore(QSqlDatabase db) : m_db(std::move(db)) {}

    std::optional<Event> append(const QString &type, const QDateTime &occurredAt,
                                const QJsonObject &data, QString *error);
    QList<Event> since(qint64 afterId, int limit, QString *error = nullptr);
    qint64 lastId();

private:
    QSqlDatabase m_db;
};

} // namespace botbat
