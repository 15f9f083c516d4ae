#include "Outbox.h"

#include "WebhookRows.h"
#include "core/Clock.h"
#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/SqlTime.h"
#include "storage/StatementCache.h"
#include "storage/WriteTransaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace botbat {

namespace {

const QString kCursorKey = QStringLiteral("webhook_fanout_cursor");

struct Subscriber
{
    qint64 id = 0;
    qint64 startsAfterEvent = 0;
    QStringList events;
};

// NOT NULL text columns: a null QString would bind as NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

std::optional<QList<Subscriber>> enabledEndpoints(QSqlDatabase &db, QString *error)
{
    QList<Subscriber> subscribers;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT id, starts_after_event, events FROM webhook_endpoints WHERE enabled = 1"))) {
        *error = QStringLiteral("Cannot read the webhook endpoints: ") + sqlErrorText(query);
        return std::nullopt;
    }
    while (query.next()) {
        Subscriber subscriber{query.value(0).toLongLong(), query.value(1).toLongLong(), {}};
        const QJsonArray events =
            QJsonDocument::fromJson(query.value(2).toString().toUtf8()).array();
        for (const auto &event : events)
            subscriber.events.append(event.toString());
        subscribers.append(subscriber);
    }
    return subscribers;
}

} // namespace

Outbox::Outbox(Database &database, const Clock &clock, QString engineId, qint64 leaseMs)
    : m_database(database), m_clock(clock), m_engineId(std::move(engineId)), m_leaseMs(leaseMs)
{}

std::optional<Outbox::FanOut> Outbox::fanOut(int maxEvents, const QSet<qint64> &full,
                                             QString *error)
{
    // The dispatcher asks every poll interval; an idle engine should not take the write lock
    // (which API requests wait for) just to find nothing.
    if (!anything(QStringLiteral("SELECT 1 FROM events WHERE id > (SELECT CAST(value AS BIGINT) "
                                 "FROM meta WHERE key = 'webhook_fanout_cursor') LIMIT 1"),
                  {}, error))
        return error->isEmpty() ? std::optional<FanOut>(FanOut{}) : std::nullopt;
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return std::nullopt;
    QSqlDatabase &db = tx.db();
    const bool sqlite = m_database.isSqlite();

    // The row lock queues other engines' fan-outs behind ours (SQLite has one writer anyway).
    QSqlQuery cursorQuery(db);
    cursorQuery.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?") +
                        (sqlite ? QString() : QStringLiteral(" FOR UPDATE")));
    cursorQuery.addBindValue(kCursorKey);
    if (!cursorQuery.exec() || !cursorQuery.next()) {
        *error = QStringLiteral("Cannot read the webhook cursor: ") + sqlErrorText(cursorQuery);
        return std::nullopt;
    }
    const qint64 cursor = cursorQuery.value(0).toString().toLongLong();
    cursorQuery.finish();

    const auto subscribers = enabledEndpoints(db, error);
    if (!subscribers)
        return std::nullopt;

    QSqlQuery &events = StatementCache::prepare(
        db, QStringLiteral("SELECT id, type, occurred_at, data FROM events WHERE id > ? "
                           "ORDER BY id LIMIT ?"));
    events.addBindValue(cursor);
    events.addBindValue(maxEvents + 1);
    if (!events.exec()) {
        *error = QStringLiteral("Cannot read events: ") + sqlErrorText(events);
        return std::nullopt;
    }
    struct Row
    {
        qint64 id;
        QString type;
        qint64 occurredAt;
        QByteArray data;
    };
    QList<Row> rows;
    FanOut result;
    while (events.next()) {
        if (rows.size() == maxEvents) {
            result.more = true;
            break;
        }
        rows.append({events.value(0).toLongLong(), events.value(1).toString(),
                     events.value(2).toLongLong(), events.value(3).toString().toUtf8()});
    }
    events.finish();
    if (rows.isEmpty())
        return result;

    const qint64 now = m_clock.nowMs();
    const qint64 claimUntil = now + m_leaseMs;
    QSqlQuery &insert = StatementCache::prepare(
        db,
        QStringLiteral(
            "INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, state, "
            "is_test, attempts, next_attempt_at, claimed_by, claim_until, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 'pending', 0, 0, ?, ?, ?, ?, ?) "
            "ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id"));
    const QVariant nullText(QMetaType(QMetaType::QString));
    const QVariant nullTime(QMetaType(QMetaType::LongLong));
    for (const Row &row : rows) {
        QByteArray body;
        for (const Subscriber &subscriber : *subscribers) {
            if (row.id <= subscriber.startsAfterEvent || !subscriber.events.contains(row.type))
                continue;
            if (body.isEmpty())
                body = WebhookDelivery::payloadFor(
                    "evt_" + QByteArray::number(row.id), row.type,
                    QDateTime::fromMSecsSinceEpoch(row.occurredAt, Qt::UTC), row.data);
            const bool claim = !full.contains(subscriber.id);
            insert.addBindValue(subscriber.id);
            insert.addBindValue(row.id);
            insert.addBindValue(row.type);
            insert.addBindValue(QString::fromUtf8(body));
            insert.addBindValue(now);
            insert.addBindValue(claim ? QVariant(m_engineId) : nullText);
            insert.addBindValue(claim ? QVariant(claimUntil) : nullTime);
            insert.addBindValue(now);
            insert.addBindValue(now);
            if (!insert.exec()) {
                *error = QStringLiteral("Cannot store a webhook delivery: ") + sqlErrorText(insert);
                return std::nullopt;
            }
            const bool inserted = insert.next(); // nothing returned: another engine made it
            const qint64 id = inserted ? insert.value(0).toLongLong() : 0;
            insert.finish();
            if (!inserted)
                continue;
            if (!claim) {
                result.unclaimedEndpoints.insert(subscriber.id);
                continue;
            }
            WebhookDelivery delivery;
            delivery.id = id;
            delivery.endpointId = subscriber.id;
            delivery.eventId = row.id;
            delivery.eventType = row.type;
            delivery.payload = body;
            delivery.createdAt = delivery.updatedAt = delivery.nextAttemptAt =
                QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
            result.deliveries.append(delivery);
        }
    }

    QSqlQuery move(db);
    move.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"));
    move.addBindValue(QString::number(rows.constLast().id));
    move.addBindValue(kCursorKey);
    if (!move.exec()) {
        *error = QStringLiteral("Cannot move the webhook cursor: ") + sqlErrorText(move);
        return std::nullopt;
    }
    if (!tx.commit(error))
        return std::nullopt;
    return result;
}

std::optional<QList<WebhookDelivery>> Outbox::claimDue(int limit, const QSet<qint64> &excluded,
                                                       QString *error)
{
    // Cheap reads first (both use partial indexes): nothing due and no lease run out means no
    // write transaction.
    const qint64 checkedAt = m_clock.nowMs();
    if (!anything(QStringLiteral("SELECT 1 FROM webhook_deliveries WHERE claim_until IS NULL AND "
                                 "next_attempt_at IS NOT NULL AND next_attempt_at <= ? LIMIT 1"),
                  checkedAt, error) &&
        !anything(QStringLiteral("SELECT 1 FROM webhook_deliveries WHERE claim_until IS NOT NULL "
                                 "AND claim_until < ? LIMIT 1"),
                  checkedAt, error))
        return error->isEmpty() ? std::optional<QList<WebhookDelivery>>(QList<WebhookDelivery>())
                                : std::nullopt;
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return std::nullopt;
    QSqlDatabase &db = tx.db();
    const bool sqlite = m_database.isSqlite();
    const qint64 now = m_clock.nowMs();
    const qint64 claimUntil = now + m_leaseMs;

    // Leases of engines that died without giving their deliveries back have run out.
    QSqlQuery expire(db);
    expire.prepare(QStringLiteral("UPDATE webhook_deliveries SET claimed_by = NULL, claim_until = "
                                  "NULL WHERE claim_until IS NOT NULL AND claim_until < ?"));
    expire.addBindValue(now);
    if (!expire.exec()) {
        *error = QStringLiteral("Cannot expire webhook claims: ") + sqlErrorText(expire);
        return std::nullopt;
    }

    QString skip;
    for (qint64 id : excluded)
        skip += (skip.isEmpty() ? QString() : QStringLiteral(",")) + QString::number(id);
    // The first three conditions match the partial index webhook_deliveries_due.
    const QString due =
        QStringLiteral("SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON "
                       "e.id = d.endpoint_id WHERE d.claim_until IS NULL AND d.next_attempt_at IS "
                       "NOT NULL AND d.next_attempt_at <= :now AND d.state IN ('pending', "
                       "'retrying') AND (e.enabled = 1 OR d.is_test = 1)") +
        (skip.isEmpty() ? QString()
                        : QStringLiteral(" AND d.endpoint_id NOT IN (") + skip + QLatin1Char(')')) +
        QStringLiteral(" ORDER BY d.next_attempt_at LIMIT :limit") +
        (sqlite ? QString() : QStringLiteral(" FOR UPDATE OF d SKIP LOCKED"));
    QSqlQuery claim(db);
    claim.prepare(
        QStringLiteral("UPDATE webhook_deliveries SET claimed_by = :engine, claim_until = "
                       ":until WHERE id IN (") +
        due + QLatin1Char(')'));
    claim.bindValue(QStringLiteral(":engine"), m_engineId);
    claim.bindValue(QStringLiteral(":until"), claimUntil);
    claim.bindValue(QStringLiteral(":now"), now);
    claim.bindValue(QStringLiteral(":limit"), limit);
    if (!claim.exec()) {
        *error = QStringLiteral("Cannot claim due webhook deliveries: ") + sqlErrorText(claim);
        return std::nullopt;
    }
    QList<WebhookDelivery> claimed;
    if (claim.numRowsAffected() > 0) {
        QSqlQuery read(db);
        read.setForwardOnly(true);
        read.prepare(QStringLiteral("SELECT ") + WebhookRows::deliveryColumns() +
                     QStringLiteral(" FROM webhook_deliveries WHERE claimed_by = ? AND "
                                    "claim_until = ? AND state IN ('pending', 'retrying') "
                                    "ORDER BY next_attempt_at"));
        read.addBindValue(m_engineId);
        read.addBindValue(claimUntil);
        if (!read.exec()) {
            *error =
                QStringLiteral("Cannot read claimed webhook deliveries: ") + sqlErrorText(read);
            return std::nullopt;
        }
        while (read.next())
            claimed.append(WebhookRows::delivery(read));
    }
    if (!tx.commit(error))
        return std::nullopt;
    return claimed;
}

bool Outbox::anything(const QString &sql, const QVariant &value, QString *error)
{
    QSqlDatabase db = m_database.connection(error);
    if (!db.isOpen())
        return false;
    QSqlQuery &query = StatementCache::prepare(db, sql);
    if (value.isValid())
        query.addBindValue(value);
    if (!query.exec()) {
        *error = QStringLiteral("Cannot look for webhook work: ") + sqlErrorText(query);
        return false;
    }
    const bool found = query.next();
    query.finish();
    return found;
}

bool Outbox::record(QList<Result> &results, QString *error)
{
    if (results.isEmpty())
        return true;
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return false;
    QSqlDatabase &db = tx.db();
    QSqlQuery &insert = StatementCache::prepare(db, WebhookRows::attemptInsertSql() +
                                                        QStringLiteral(" RETURNING id"));
    QSqlQuery &update = StatementCache::prepare(
        db, QStringLiteral("UPDATE webhook_deliveries SET state = ?, attempts = ?, "
                           "next_attempt_at = ?, last_status = ?, last_error = ?, updated_at = ?, "
                           "claimed_by = NULL, claim_until = NULL WHERE id = ?"));
    const qint64 now = m_clock.nowMs();
    for (Result &result : results) {
        WebhookAttempt &a = result.attempt;
        for (const QVariant &value : WebhookRows::attemptValues(a))
            insert.addBindValue(value);
        if (!insert.exec() || !insert.next()) {
            *error = QStringLiteral("Cannot store a webhook attempt: ") + sqlErrorText(insert);
            return false;
        }
        a.id = insert.value(0).toLongLong();
        insert.finish();

        update.addBindValue(WebhookDelivery::stateKey(result.state));
        update.addBindValue(a.attempt);
        update.addBindValue(sqlTime(result.nextAttemptAt));
        update.addBindValue(a.httpStatus);
        update.addBindValue(a.succeeded ? QStringLiteral("") : text(a.errorMessage));
        update.addBindValue(now);
        update.addBindValue(a.deliveryId);
        if (!update.exec()) {
            *error = QStringLiteral("Cannot update a webhook delivery: ") + sqlErrorText(update);
            return false;
        }
        update.finish();
    }
    return tx.commit(error);
}

bool Outbox::releaseClaims(QString *error)
{
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return false;
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE webhook_deliveries SET claimed_by = NULL, claim_until = "
                                 "NULL WHERE claimed_by = ?"));
    query.addBindValue(m_engineId);
    if (!query.exec()) {
        *error = QStringLiteral("Cannot release webhook deliveries: ") + sqlErrorText(query);
        return false;
    }
    return tx.commit(error);
}

bool Outbox::release(const QList<qint64> &deliveryIds, QString *error)
{
    if (deliveryIds.isEmpty())
        return true;
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return false;
    QSqlQuery &query = StatementCache::prepare(
        tx.db(), QStringLiteral("UPDATE webhook_deliveries SET claimed_by = NULL, claim_until = "
                                "NULL WHERE id = ? AND claimed_by = ?"));
    for (qint64 id : deliveryIds) {
        query.addBindValue(id);
        query.addBindValue(m_engineId);
        if (!query.exec()) {
            *error = QStringLiteral("Cannot release a webhook delivery: ") + sqlErrorText(query);
            return false;
        }
        query.finish();
    }
    return tx.commit(error);
}

} // namespace botbat
