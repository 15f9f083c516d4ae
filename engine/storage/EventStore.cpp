#include "EventStore.h"

#include "SqlError.h"
#include "StatementCache.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace botbat {

std::optional<Event> EventStore::append(const QString &type, const QDateTime &occurredAt,
                                        const QJsonObject &data, QString *error)
{
    QSqlQuery &query = StatementCache::prepare(
        m_db, QStringLiteral("INSERT INTO events (type, occurred_at, data) VALUES (?, ?, ?) RETURNING id"));
    query.addBindValue(type);
    query.addBindValue(occurredAt.toMSecsSinceEpoch());
    query.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
    if (!query.exec() || !query.next()) {
        *error = QStringLiteral("Cannot store the %1 event: %2").arg(type, sqlErrorText(query));
        query.finish();
        return std::nullopt;
    }
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return Event{id, type, occurredAt.toUTC(), data};
}

QList<Event> EventStore::since(qint64 afterId, int limit, QString *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT id, type, occurred_at, data FROM events WHERE id > ? ORDER BY id LIMIT ?"));
    query.addBindValue(afterId);
    query.addBindValue(limit);
    QList<Event> events;
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read events: ") + sqlErrorText(query);
        return events;
    }
    while (query.next()) {
        events.append({query.value(0).toLongLong(), query.value(1).toString(),
                       QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC),
                       QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object()});
    }
    return events;
}

qint64 EventStore::lastId()
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM events")) && query.next())
        return query.value(0).toLongLong();
    return 0;
}

} // namespace botbat
