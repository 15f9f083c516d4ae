#pragma once

#include "WebhookAttempt.h"
#include "WebhookDelivery.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>
#include <optional>

namespace botbat {

class Clock;
class Database;

// The dispatcher's side of the delivery tables: turns persisted events into delivery rows,
// takes due deliveries for this engine (a lease in claimed_by/claim_until keeps several engines
// on one PostgreSQL database from sending the same one), and stores attempt results in batches.
class Outbox
{
public:
    // What an attempt did to its delivery, stored together with the attempt row.
    struct Result
    {
        WebhookAttempt attempt; // id is filled in by record()
        WebhookDelivery::State state = WebhookDelivery::State::Failed;
        QDateTime nextAttemptAt; // invalid when final
    };
    struct FanOut
    {
        QList<WebhookDelivery> deliveries; // created and claimed by this engine
        QSet<qint64> unclaimedEndpoints;   // endpoints whose new rows were left for claimDue()
        bool more = false;                 // events remain after this batch
    };

    Outbox(Database &database, const Clock &clock, QString engineId, qint64 leaseMs);

    const QString &engineId() const { return m_engineId; }

    // Creates the deliveries of up to maxEvents events after the stored cursor, for the enabled
    // endpoints that subscribe to them, and moves the cursor, in one transaction. Rows for an
    // endpoint in `full` are created unclaimed (its in-memory queue is long enough).
    std::optional<FanOut> fanOut(int maxEvents, const QSet<qint64> &full, QString *error);
    // Claims up to limit due deliveries (pending or retrying, next_attempt_at <= now, not
    // claimed by a live lease), skipping endpoints in `excluded`, disabled endpoints (tests of
    // them excepted) and ids in `held` (already queued here).
    std::optional<QList<WebhookDelivery>> claimDue(int limit, const QSet<qint64> &excluded,
                                                   QString *error);
    // Stores attempts and their deliveries' new state, releasing the claims.
    bool record(QList<Result> &results, QString *error);
    // Gives back this engine's claims (at start after a crash, and at stop).
    bool releaseClaims(QString *error);
    // Gives back claims on these deliveries (e.g. the endpoint was disabled meanwhile).
    bool release(const QList<qint64> &deliveryIds, QString *error);

private:
    // Whether sql (one optional bound value) returns a row; false with *error set on failure.
    bool anything(const QString &sql, const QVariant &value, QString *error);

    Database &m_database;
    const Clock &m_clock;
    QString m_engineId;
    qint64 m_leaseMs;
};

} // namespace botbat
