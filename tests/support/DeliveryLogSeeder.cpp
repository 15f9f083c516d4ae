#include "DeliveryLogSeeder.h"

#include "storage/Database.h"
#include "storage/SqlError.h"

#include <QSqlError>
#include <QSqlQuery>

namespace botbat::test {

const QStringList &DeliveryLogSeeder::eventTypes()
{
    static const QStringList types{
        QStringLiteral("contact.created"), QStringLiteral("message.received"),
        QStringLiteral("conversation.closed"), QStringLiteral("campaign.completed")};
    return types;
}

DeliveryLogSeeder::Kind DeliveryLogSeeder::kindOf(int index)
{
    if (index % 100 == 0)
        return Kind::Test;
    if (index % 50 == 49)
        return Kind::Failed;
    if (index % 10 == 9)
        return Kind::Retrying;
    return Kind::Succeeded;
}

bool DeliveryLogSeeder::seed(Database &database, const QList<qint64> &endpointIds, int count,
                             const QDateTime &start, qint64 stepMs, QString *error, int firstIndex)
{
    QSqlDatabase db = database.connection(error);
    if (!db.isOpen())
        return false;
    const qint64 startMs = start.toMSecsSinceEpoch();
    constexpr int kBatch = 5000;
    for (int done = 0; done < count;) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        QSqlQuery delivery(db);
        delivery.prepare(QStringLiteral(
            "INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, state, "
            "is_test, attempts, next_attempt_at, last_status, last_error, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)"));
        QSqlQuery attempt(db);
        attempt.prepare(QStringLiteral(
            "INSERT INTO webhook_attempts (delivery_id, endpoint_id, event_type, attempt, is_test,"
            " started_at, duration_ms, http_status, succeeded, error_class, error_message,"
            " next_retry_at, request_url, request_headers, response_headers, response_body)"
            " VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)"));
        const int end = std::min(count, done + kBatch);
        for (; done < end; ++done) {
            const int i = firstIndex + done;
            const qint64 endpoint = endpointIds.at(i % endpointIds.size());
            const QString type = eventTypes().at(i % eventTypes().size());
            const Kind kind = kindOf(i);
            const qint64 at = startMs + qint64(i) * stepMs;
            const QByteArray payload =
                QStringLiteral(R"({"id":"evt_%1","type":"%2","timestamp":"2026-01-01T00:00:00Z",)"
                               R"("data":{"order":"order-%1"}})")
                    .arg(i)
                    .arg(type)
                    .toUtf8();
            const int status = kind == Kind::Failed ? 0 : kind == Kind::Retrying ? 500 : 200;
            const QString message =
                kind == Kind::Failed
                    ? QStringLiteral("No complete answer within 15 s (timeout %1)").arg(i)
                : kind == Kind::Retrying ? QStringLiteral("The endpoint answered 500 (%1)").arg(i)
                                         : QStringLiteral(""); // a null QString binds as NULL
            const QVariant nextRetry = kind == Kind::Retrying
                                           ? QVariant(at + 10000)
                                           : QVariant(QMetaType(QMetaType::LongLong));
            const QString state = kind == Kind::Failed     ? QStringLiteral("failed")
                                  : kind == Kind::Retrying ? QStringLiteral("retrying")
                                                           : QStringLiteral("succeeded");
            delivery.addBindValue(endpoint);
            delivery.addBindValue(kind == Kind::Test ? QVariant(QMetaType(QMetaType::LongLong))
                                                     : QVariant(qint64(i) + 1000000000LL));
            delivery.addBindValue(type);
            delivery.addBindValue(QString::fromUtf8(payload));
            delivery.addBindValue(state);
            delivery.addBindValue(kind == Kind::Test ? 1 : 0);
            // Never due: the dispatcher of a running engine leaves seeded rows alone.
            delivery.addBindValue(QVariant(QMetaType(QMetaType::LongLong)));
            delivery.addBindValue(status);
            delivery.addBindValue(message);
            delivery.addBindValue(at);
            delivery.addBindValue(at);
            if (!delivery.exec()) {
                *error = sqlErrorText(delivery);
                db.rollback();
                return false;
            }
            const qint64 deliveryId = delivery.lastInsertId().toLongLong();
            attempt.addBindValue(deliveryId);
            attempt.addBindValue(endpoint);
            attempt.addBindValue(type);
            attempt.addBindValue(kind == Kind::Test ? 1 : 0);
            attempt.addBindValue(at);
            attempt.addBindValue(10 + i % 90);
            attempt.addBindValue(status);
            attempt.addBindValue(kind == Kind::Retrying || kind == Kind::Failed ? 0 : 1);
            attempt.addBindValue(kind == Kind::Failed     ? QStringLiteral("timeout")
                                 : kind == Kind::Retrying ? QStringLiteral("http")
                                                          : QStringLiteral(""));
            attempt.addBindValue(message);
            attempt.addBindValue(nextRetry);
            attempt.addBindValue(QStringLiteral("https://receiver.test/hook"));
            attempt.addBindValue(QStringLiteral(R"([["Content-Type","application/json"]])"));
            attempt.addBindValue(QByteArray("{}"));
            if (!attempt.exec()) {
                *error = sqlErrorText(attempt);
                db.rollback();
                return false;
            }
        }
        if (!db.commit()) {
            *error = db.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace botbat::test
