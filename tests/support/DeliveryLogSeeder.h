#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace botbat {
class Database;
}

namespace botbat::test {

// Writes a delivery log straight into the database, fast, for model tests and the Delivery Log
// benchmark: deliveries with their attempts over the given endpoints, in batched transactions.
// The mix is fixed so tests can count what a filter must find, by attempt index i (0-based):
// - endpoint: endpointIds[i % size]; event type: kEventTypes[i % 4];
// - i % 10 == 9: HTTP 500, retrying (next_retry_at set); i % 50 == 49: no answer (timeout),
//   permanently failed (its delivery state 'failed'); i % 100 == 0: a test delivery (2xx);
//   every other: 200, succeeded;
// - started_at = start + i * stepMs; duration_ms = 10 + i % 90;
// - payload: {"id":"evt_<i>","type":...,"data":{"order":"order-<i>"}}.
class DeliveryLogSeeder
{
public:
    static const QStringList &eventTypes();

    // Returns false with *error on failure. firstIndex continues a previous seeding.
    static bool seed(Database &database, const QList<qint64> &endpointIds, int count,
                     const QDateTime &start, qint64 stepMs, QString *error, int firstIndex = 0);

    enum class Kind
    {
        Succeeded,
        Retrying,
        Failed,
        Test
    };
    static Kind kindOf(int index);
};

} // namespace botbat::test
