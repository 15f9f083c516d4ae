#include "DeliveryLogStore.h"

#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/SqlTime.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUrl>

namespace botbat {

namespace {

enum Column
{
    KeyColumn,
    DeliveryColumn,
    EndpointColumn,
    EventTypeColumn,
    AttemptColumn,
    IsTestColumn,
    AtColumn,
    DurationColumn,
    HttpStatusColumn,
    SucceededColumn,
    ErrorColumn,
    NextRetryColumn,
    DescriptionColumn,
    UrlColumn,
};

const QString kAttemptColumns = QStringLiteral(
    "a.id, a.delivery_id, a.endpoint_id, a.event_type, a.attempt, a.is_test, a.started_at,"
    " a.duration_ms, a.http_status, a.succeeded, a.error_message, a.next_retry_at,"
    " e.description, COALESCE(e.url, a.request_url)");
const QString kPendingColumns =
    QStringLiteral("d.id, d.id, d.endpoint_id, d.event_type, 0, d.is_test, d.created_at, 0, 0, 0,"
                   " d.last_error, d.next_attempt_at, e.description, e.url");

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString isoTime(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

DeliveryLogStore::DeliveryLogStore(Database &database) : m_database(database) {}

QString DeliveryLogStore::keyColumn(const DeliveryLogFilter &filter) const
{
    return filter.pendingView() ? QStringLiteral("d.id") : QStringLiteral("a.id");
}

QString DeliveryLogStore::from(const DeliveryLogFilter &filter) const
{
    if (filter.pendingView())
        return QStringLiteral(" FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.id = "
                              "d.endpoint_id");
    QString sql = QStringLiteral(
        " FROM webhook_attempts a LEFT JOIN webhook_endpoints e ON e.id = a.endpoint_id");
    // The payload lives with the delivery; joined only when the text filter needs it.
    if (filter.needsPayload(!m_database.isSqlite()))
        sql += QStringLiteral(" JOIN webhook_deliveries d ON d.id = a.delivery_id");
    return sql;
}

QString DeliveryLogStore::select(const DeliveryLogFilter &filter) const
{
    return QStringLiteral("SELECT ") + (filter.pendingView() ? kPendingColumns : kAttemptColumns) +
           from(filter);
}

DomainResult<QSqlQuery> DeliveryLogStore::exec(const QString &action, const QString &sql,
                                               const QVariantList &values)
{
    QString error;
    QSqlDatabase db = m_database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return DomainError::storage(action, sqlErrorText(query));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return DomainError::storage(action, sqlErrorText(query));
    return query;
}

DomainResult<qint64> DeliveryLogStore::number(const QString &action, const QString &sql,
                                              const QVariantList &values)
{
    DomainResult<QSqlQuery> query = exec(action, sql, values);
    if (!query)
        return query.error();
    QSqlQuery rows = std::move(query).value();
    return rows.next() ? rows.value(0).toLongLong() : 0;
}

QString DeliveryLogStore::where(const DeliveryLogFilter &filter, QVariantList *values) const
{
    return QStringLiteral(" WHERE ") + filter.where(!m_database.isSqlite(), values);
}

DomainResult<QList<DeliveryLogEntry>> DeliveryLogStore::rows(const DeliveryLogFilter &filter,
                                                             const QString &action,
                                                             const QString &sql,
                                                             const QVariantList &values)
{
    DomainResult<QSqlQuery> query = exec(action, sql, values);
    if (!query)
        return query.error();
    QSqlQuery found = std::move(query).value();
    QList<DeliveryLogEntry> entries;
    while (found.next())
        entries.append(entry(found, filter.pendingView()));
    return entries;
}

DeliveryLogEntry DeliveryLogStore::entry(const QSqlQuery &query, bool pending)
{
    DeliveryLogEntry entry;
    entry.key = query.value(KeyColumn).toLongLong();
    entry.attemptId = pending ? 0 : entry.key;
    entry.deliveryId = query.value(DeliveryColumn).toLongLong();
    entry.endpointId = query.value(EndpointColumn).toLongLong();
    entry.eventType = query.value(EventTypeColumn).toString();
    entry.attempt = query.value(AttemptColumn).toInt();
    const bool isTest = query.value(IsTestColumn).toInt() != 0;
    entry.at = timeFromSql(query.value(AtColumn));
    entry.durationMs = query.value(DurationColumn).toInt();
    entry.httpStatus = query.value(HttpStatusColumn).toInt();
    const bool succeeded = query.value(SucceededColumn).toInt() != 0;
    entry.errorMessage = query.value(ErrorColumn).toString();
    entry.nextRetryAt = timeFromSql(query.value(NextRetryColumn));
    entry.endpointUrl = query.value(UrlColumn).toString();
    entry.integration = query.value(DescriptionColumn).toString();
    if (entry.integration.isEmpty())
        entry.integration = QUrl(entry.endpointUrl).host();
    if (pending)
        entry.status = DeliveryLogEntry::Status::Pending;
    else if (isTest)
        entry.status = DeliveryLogEntry::Status::Test;
    else if (succeeded)
        entry.status = DeliveryLogEntry::Status::Succeeded;
    else if (entry.nextRetryAt.isValid())
        entry.status = DeliveryLogEntry::Status::Retrying;
    else
        entry.status = DeliveryLogEntry::Status::Failed;
    entry.testSucceeded = isTest && succeeded;
    return entry;
}

DomainResult<QList<DeliveryLogEntry>> DeliveryLogStore::page(const DeliveryLogFilter &filter,
                                                             qint64 beforeKey, qint64 ceilingKey,
                                                             int limit)
{
    QVariantList values;
    const QString key = keyColumn(filter);
    QString sql = select(filter) + where(filter, &values);
    if (beforeKey > 0) {
        sql += QStringLiteral(" AND ") + key + QStringLiteral(" < ?");
        values.append(beforeKey);
    }
    if (ceilingKey > 0) {
        sql += QStringLiteral(" AND ") + key + QStringLiteral(" <= ?");
        values.append(ceilingKey);
    }
    sql += QStringLiteral(" ORDER BY ") + key + QStringLiteral(" DESC LIMIT ?");
    values.append(std::clamp(limit, 1, kMaxPage));
    return rows(filter, QStringLiteral("read the delivery log"), sql, values);
}

DomainResult<QList<DeliveryLogEntry>> DeliveryLogStore::range(const DeliveryLogFilter &filter,
                                                              qint64 highKey, qint64 lowKey)
{
    QVariantList values;
    const QString key = keyColumn(filter);
    QString sql = select(filter) + where(filter, &values) + QStringLiteral(" AND ") + key +
                  QStringLiteral(" <= ? AND ") + key + QStringLiteral(" >= ? ORDER BY ") + key +
                  QStringLiteral(" DESC LIMIT ?");
    values << highKey << lowKey << kMaxPage;
    return rows(filter, QStringLiteral("read the delivery log"), sql, values);
}

DomainResult<QList<DeliveryLogEntry>> DeliveryLogStore::newer(const DeliveryLogFilter &filter,
                                                              qint64 afterKey, int limit)
{
    QVariantList values;
    const QString key = keyColumn(filter);
    QString sql = select(filter) + where(filter, &values) + QStringLiteral(" AND ") + key +
                  QStringLiteral(" > ? ORDER BY ") + key + QStringLiteral(" ASC LIMIT ?");
    values << afterKey << std::clamp(limit, 1, kMaxPage);
    DomainResult<QList<DeliveryLogEntry>> found =
        rows(filter, QStringLiteral("read the new delivery log rows"), sql, values);
    if (!found)
        return found;
    QList<DeliveryLogEntry> newestFirst = found.value();
    std::reverse(newestFirst.begin(), newestFirst.end());
    return newestFirst;
}

DomainResult<qint64> DeliveryLogStore::count(const DeliveryLogFilter &filter, qint64 afterKey,
                                             qint64 ceilingKey, qint64 cap)
{
    const QString action = QStringLiteral("count the delivery log rows");
    QVariantList values;
    const QString key = keyColumn(filter);
    QString sql = QStringLiteral("SELECT ") +
                  (cap > 0 ? QStringLiteral("1") : QStringLiteral("COUNT(*)")) + from(filter) +
                  where(filter, &values);
    if (afterKey > 0) {
        sql += QStringLiteral(" AND ") + key + QStringLiteral(" > ?");
        values.append(afterKey);
    }
    if (ceilingKey > 0) {
        sql += QStringLiteral(" AND ") + key + QStringLiteral(" <= ?");
        values.append(ceilingKey);
    }
    if (cap > 0) {
        sql = QStringLiteral("SELECT COUNT(*) FROM (") + sql + QStringLiteral(" LIMIT ?) capped");
        values.append(cap);
    }
    return number(action, sql, values);
}

DomainResult<qint64> DeliveryLogStore::newestKey(const DeliveryLogFilter &filter)
{
    return number(QStringLiteral("read the delivery log"),
                  filter.pendingView()
                      ? QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM webhook_deliveries")
                      : QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM webhook_attempts"),
                  {});
}

DomainResult<DeliveryLogSummary> DeliveryLogStore::summary(const DeliveryLogFilter &filter,
                                                           int buckets)
{
    const QString action = QStringLiteral("summarize the delivery log");
    DeliveryLogSummary summary;
    if (filter.pendingView()) {
        DomainResult<qint64> pending = count(filter);
        if (!pending)
            return pending.error();
        summary.deliveries = pending.value();
        return summary;
    }
    QVariantList values;
    const QString matching = from(filter) + where(filter, &values);
    DomainResult<QSqlQuery> totals = exec(
        action,
        QStringLiteral("SELECT COUNT(*), COALESCE(SUM(a.succeeded), 0),"
                       " COUNT(DISTINCT a.delivery_id), MIN(a.started_at), MAX(a.started_at)") +
            matching,
        values);
    if (!totals)
        return totals.error();
    QSqlQuery query = std::move(totals).value();
    if (!query.next())
        return summary;
    summary.attempts = query.value(0).toLongLong();
    summary.succeeded = query.value(1).toLongLong();
    summary.deliveries = query.value(2).toLongLong();
    summary.first = timeFromSql(query.value(3));
    summary.last = timeFromSql(query.value(4));
    // One query at a time per connection: PostgreSQL streams forward-only results row by row.
    query.finish();
    if (summary.attempts == 0)
        return summary;

    // The 95th percentile by rank: the duration below which 95% of the attempts finished.
    QVariantList rankValues = values;
    rankValues.append(std::min(summary.attempts - 1, (summary.attempts * 95 + 99) / 100 - 1));
    DomainResult<qint64> p95 =
        number(action,
               QStringLiteral("SELECT a.duration_ms") + matching +
                   QStringLiteral(" ORDER BY a.duration_ms LIMIT 1 OFFSET ?"),
               rankValues);
    if (!p95)
        return p95.error();
    summary.p95Ms = int(p95.value());

    const qint64 firstMs = summary.first.toMSecsSinceEpoch();
    const qint64 span = summary.last.toMSecsSinceEpoch() - firstMs + 1;
    buckets = std::max(1, buckets);
    summary.bucketMs = std::max<qint64>(1000, (span + buckets - 1) / buckets);
    const int used = int((span + summary.bucketMs - 1) / summary.bucketMs);
    for (int i = 0; i < used; ++i)
        summary.buckets.append({summary.first.addMSecs(i * summary.bucketMs), 0, 0});
    QVariantList bucketValues{firstMs, summary.bucketMs};
    bucketValues.append(values);
    DomainResult<QSqlQuery> perBucket =
        exec(action,
             QStringLiteral("SELECT (a.started_at - ?) / ? AS b, SUM(a.succeeded),"
                            " COUNT(*) - SUM(a.succeeded)") +
                 matching + QStringLiteral(" GROUP BY b"),
             bucketValues);
    if (!perBucket)
        return perBucket.error();
    QSqlQuery bucketRows = std::move(perBucket).value();
    while (bucketRows.next()) {
        const int index = bucketRows.value(0).toInt();
        if (index < 0 || index >= summary.buckets.size())
            continue;
        summary.buckets[index].succeeded = bucketRows.value(1).toLongLong();
        summary.buckets[index].failed = bucketRows.value(2).toLongLong();
    }
    return summary;
}

DomainResult<QList<qint64>> DeliveryLogStore::failedDeliveryIds(const DeliveryLogFilter &filter)
{
    const QString action = QStringLiteral("find the failed deliveries");
    if (filter.pendingView())
        return QList<qint64>();
    QVariantList values;
    const QString sql = QStringLiteral("SELECT DISTINCT a.delivery_id") + from(filter) +
                        QStringLiteral(" JOIN webhook_deliveries f ON f.id = a.delivery_id") +
                        where(filter, &values) +
                        QStringLiteral(" AND f.state = 'failed' AND f.is_test = 0");
    DomainResult<QSqlQuery> found = exec(action, sql, values);
    if (!found)
        return found.error();
    QSqlQuery query = std::move(found).value();
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

QStringList DeliveryLogStore::csvColumns()
{
    return {QStringLiteral("time"),        QStringLiteral("source"),
            QStringLiteral("integration"), QStringLiteral("endpoint_url"),
            QStringLiteral("event_type"),  QStringLiteral("attempt"),
            QStringLiteral("http_status"), QStringLiteral("response_ms"),
            QStringLiteral("status"),      QStringLiteral("error"),
            QStringLiteral("next_retry"),  QStringLiteral("delivery_id"),
            QStringLiteral("attempt_id")};
}

QString DeliveryLogStore::csvLine(const DeliveryLogEntry &entry)
{
    const QStringList fields{isoTime(entry.at),
                             DeliveryLogEntry::sourceKey(entry.source),
                             entry.integration,
                             entry.endpointUrl,
                             entry.eventType,
                             QString::number(entry.attempt),
                             entry.httpStatus > 0 ? QString::number(entry.httpStatus) : QString(),
                             QString::number(entry.durationMs),
                             DeliveryLogEntry::statusKey(entry.status),
                             entry.errorMessage,
                             isoTime(entry.nextRetryAt),
                             QString::number(entry.deliveryId),
                             entry.attemptId > 0 ? QString::number(entry.attemptId) : QString()};
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &field : fields)
        quoted.append(csvField(field));
    return quoted.join(QLatin1Char(','));
}

QByteArray DeliveryLogStore::jsonRow(const DeliveryLogEntry &entry)
{
    QJsonObject object{
        {QStringLiteral("time"), isoTime(entry.at)},
        {QStringLiteral("source"), DeliveryLogEntry::sourceKey(entry.source)},
        {QStringLiteral("integration"), entry.integration},
        {QStringLiteral("endpoint_id"), entry.endpointId},
        {QStringLiteral("endpoint_url"), entry.endpointUrl},
        {QStringLiteral("event_type"), entry.eventType},
        {QStringLiteral("attempt"), entry.attempt},
        {QStringLiteral("http_status"),
         entry.httpStatus > 0 ? QJsonValue(entry.httpStatus) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("response_ms"), entry.durationMs},
        {QStringLiteral("status"), DeliveryLogEntry::statusKey(entry.status)},
        {QStringLiteral("error"), entry.errorMessage},
        {QStringLiteral("next_retry"), entry.nextRetryAt.isValid()
                                           ? QJsonValue(isoTime(entry.nextRetryAt))
                                           : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("delivery_id"), entry.deliveryId},
        {QStringLiteral("attempt_id"),
         entry.attemptId > 0 ? QJsonValue(entry.attemptId) : QJsonValue(QJsonValue::Null)},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

DomainResult<qint64> DeliveryLogStore::exportRows(const DeliveryLogFilter &filter,
                                                  qint64 ceilingKey, ExportFormat format,
                                                  QIODevice &out, const Progress &progress)
{
    const QString action = QStringLiteral("export the delivery log");
    DomainResult<qint64> total = count(filter, 0, ceilingKey);
    if (!total)
        return total.error();
    auto write = [&out, &action](const QByteArray &bytes) -> std::optional<DomainError> {
        if (out.write(bytes) != bytes.size())
            return DomainError::storage(action, out.errorString());
        return std::nullopt;
    };
    std::optional<DomainError> failure =
        write(format == ExportFormat::Csv ? csvColumns().join(QLatin1Char(',')).toUtf8() + "\r\n"
                                          : QByteArray("[\n"));
    qint64 written = 0;
    qint64 before = 0;
    constexpr int kBatch = 1000;
    while (!failure) {
        DomainResult<QList<DeliveryLogEntry>> batch = page(filter, before, ceilingKey, kBatch);
        if (!batch)
            return batch.error();
        QByteArray bytes;
        for (const DeliveryLogEntry &entry : batch.value()) {
            if (format == ExportFormat::Csv) {
                bytes += csvLine(entry).toUtf8() + "\r\n";
            } else {
                if (written > 0)
                    bytes += ",\n";
                bytes += jsonRow(entry);
            }
            ++written;
        }
        failure = write(bytes);
        if (batch.value().size() < kBatch)
            break;
        before = batch.value().last().key;
        if (progress && !progress(written, total.value()))
            return DomainError::invalidState(
                QStringLiteral("The export was cancelled after %1 rows; the file is incomplete.")
                    .arg(written));
    }
    if (!failure && format == ExportFormat::Json)
        failure = write(written > 0 ? QByteArray("\n]\n") : QByteArray("]\n"));
    if (failure)
        return *failure;
    if (progress)
        progress(written, total.value());
    return written;
}

} // namespace botbat
