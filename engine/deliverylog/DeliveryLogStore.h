#pragma once

#include "DeliveryLogEntry.h"
#include "DeliveryLogFilter.h"
#include "DeliveryLogSummary.h"
#include "domain/DomainResult.h"

#include <QList>
#include <QSqlQuery>
#include <atomic>
#include <functional>

class QIODevice;

namespace botbat {

class Database;

// Reads the Delivery Log: pages of rows for a filter, newest first by key (the attempt id, or the
// delivery id in the Pending view), never the whole table. Callable from any thread (uses that
// thread's connection); the console calls it from a reader thread of its own so scrolling never
// waits behind other work.
class DeliveryLogStore
{
public:
    enum class ExportFormat
    {
        Csv,
        Json,
    };
    // done and total rows so far; return false to stop.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    static constexpr int kMaxPage = 5000;

    explicit DeliveryLogStore(Database &database);

    // Up to limit rows with key < beforeKey (0: no bound) and key <= ceilingKey (0: no bound).
    DomainResult<QList<DeliveryLogEntry>> page(const DeliveryLogFilter &filter, qint64 beforeKey,
                                               qint64 ceilingKey, int limit);
    // The rows with lowKey <= key <= highKey: a page read before, read again exactly.
    DomainResult<QList<DeliveryLogEntry>> range(const DeliveryLogFilter &filter, qint64 highKey,
                                                qint64 lowKey);
    // Up to limit of the rows just above afterKey (the oldest of those newer than it), returned
    // newest first: a batch that always joins up with afterKey, so live rows leave no gap.
    DomainResult<QList<DeliveryLogEntry>> newer(const DeliveryLogFilter &filter, qint64 afterKey,
                                                int limit);
    // How many rows match with afterKey < key <= ceilingKey (0: no bound), counting no further
    // than cap when it is above 0.
    DomainResult<qint64> count(const DeliveryLogFilter &filter, qint64 afterKey = 0,
                               qint64 ceilingKey = 0, qint64 cap = 0);
    // The newest key of the view's table now (the ceiling a fresh view pages below).
    DomainResult<qint64> newestKey(const DeliveryLogFilter &filter);
    DomainResult<DeliveryLogSummary> summary(const DeliveryLogFilter &filter, int buckets);
    // The permanently failed deliveries (not tests) that have an attempt the filter matches.
    DomainResult<QList<qint64>> failedDeliveryIds(const DeliveryLogFilter &filter);
    // Writes every matching row with key <= ceilingKey to out, newest first; the number written.
    DomainResult<qint64> exportRows(const DeliveryLogFilter &filter, qint64 ceilingKey,
                                    ExportFormat format, QIODevice &out,
                                    const Progress &progress = {});

    static QStringList csvColumns();
    static QString csvLine(const DeliveryLogEntry &entry);
    static QByteArray jsonRow(const DeliveryLogEntry &entry);

private:
    QString from(const DeliveryLogFilter &filter) const;
    QString select(const DeliveryLogFilter &filter) const;
    QString keyColumn(const DeliveryLogFilter &filter) const;
    QString where(const DeliveryLogFilter &filter, QVariantList *values) const; // " WHERE ..."
    // sql run on this thread's connection, positioned before its first row.
    DomainResult<QSqlQuery> exec(const QString &action, const QString &sql,
                                 const QVariantList &values);
    // The first column of the first row (0 when there is none).
    DomainResult<qint64> number(const QString &action, const QString &sql,
                                const QVariantList &values);
    DomainResult<QList<DeliveryLogEntry>> rows(const DeliveryLogFilter &filter,
                                               const QString &action, const QString &sql,
                                               const QVariantList &values);
    static DeliveryLogEntry entry(const QSqlQuery &query, bool pending);

    Database &m_database;
};

} // namespace botbat
