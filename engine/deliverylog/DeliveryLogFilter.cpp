#include "DeliveryLogFilter.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace botbat {

namespace {

// A LIKE pattern that matches text literally (backslash escapes the wildcards).
QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString tr(const char *text)
{
    return QCoreApplication::translate("DeliveryLog", text);
}

} // namespace

bool DeliveryLogFilter::operator==(const DeliveryLogFilter &other) const
{
    return status == other.status && endpointId == other.endpointId &&
           eventType == other.eventType && from == other.from && to == other.to &&
           httpClass == other.httpClass && text == other.text;
}

QString DeliveryLogFilter::where(bool postgres, QVariantList *values) const
{
    const bool pending = pendingView();
    const QString t = pending ? QStringLiteral("d.") : QStringLiteral("a.");
    const QString at = pending ? QStringLiteral("d.created_at") : QStringLiteral("a.started_at");
    QString sql = QStringLiteral("1 = 1");
    switch (status) {
    case StatusFilter::Any:
        break;
    case StatusFilter::Failing:
        sql += QStringLiteral(" AND a.succeeded = 0 AND a.is_test = 0");
        break;
    case StatusFilter::Pending:
        sql += QStringLiteral(" AND d.state = 'pending' AND d.attempts = 0");
        break;
    case StatusFilter::Retrying:
        sql += QStringLiteral(
            " AND a.succeeded = 0 AND a.is_test = 0 AND a.next_retry_at IS NOT NULL");
        break;
    case StatusFilter::Succeeded:
        sql += QStringLiteral(" AND a.succeeded = 1 AND a.is_test = 0");
        break;
    case StatusFilter::Failed:
        sql += QStringLiteral(" AND a.succeeded = 0 AND a.is_test = 0 AND a.next_retry_at IS NULL");
        break;
    case StatusFilter::Test:
        sql += QStringLiteral(" AND a.is_test = 1");
        break;
    }
    if (endpointId != 0) {
        sql += QStringLiteral(" AND ") + t + QStringLiteral("endpoint_id = ?");
        values->append(endpointId);
    }
    if (!eventType.isEmpty()) {
        sql += QStringLiteral(" AND ") + t + QStringLiteral("event_type = ?");
        values->append(eventType);
    }
    if (from.isValid()) {
        sql += QStringLiteral(" AND ") + at + QStringLiteral(" >= ?");
        values->append(from.toMSecsSinceEpoch());
    }
    if (to.isValid()) {
        sql += QStringLiteral(" AND ") + at + QStringLiteral(" < ?");
        values->append(to.toMSecsSinceEpoch());
    }
    if (!pending) {
        switch (httpClass) {
        case HttpClass::Any:
            break;
        case HttpClass::NoAnswer:
            sql += QStringLiteral(" AND a.http_status = 0");
            break;
        default: {
            const int hundreds =
                static_cast<int>(httpClass) - static_cast<int>(HttpClass::NoAnswer);
            sql += QStringLiteral(" AND a.http_status >= ? AND a.http_status < ?");
            values->append(hundreds * 100);
            values->append(hundreds * 100 + 100);
        }
        }
    }
    if (usesSearchIndex(postgres)) {
        // Payloads: their words, the last one as a prefix ("order-42" finds order-4242); error
        // messages: any substring (trigrams). Endpoint URLs are few: LIKE.
        const QString words = payloadQuery();
        const QString errorPhrase = QLatin1Char('"') +
                                    QString(text).replace(QLatin1Char('"'), QLatin1String("\"\"")) +
                                    QLatin1Char('"');
        const QString payloadMatch = QStringLiteral(
            "SELECT rowid FROM webhook_payload_search WHERE webhook_payload_search MATCH ?");
        if (pending) {
            sql += QStringLiteral(" AND (d.id IN (") + payloadMatch +
                   QStringLiteral(") OR d.last_error LIKE ? ESCAPE '\\')");
            values->append(words);
            values->append(containsPattern(text));
        } else {
            sql += QStringLiteral(" AND (a.delivery_id IN (") + payloadMatch +
                   QStringLiteral(") OR a.id IN (SELECT rowid FROM webhook_error_search WHERE "
                                  "webhook_error_search MATCH ?) OR a.endpoint_id IN (SELECT id "
                                  "FROM webhook_endpoints WHERE url LIKE ? ESCAPE '\\'))");
            values->append(words);
            values->append(errorPhrase);
            values->append(containsPattern(text));
        }
    } else if (!text.isEmpty()) {
        const QString like = postgres ? QStringLiteral(" ILIKE ? ESCAPE '\\'")
                                      : QStringLiteral(" LIKE ? ESCAPE '\\'");
        const QString pattern = containsPattern(text);
        if (pending) {
            sql += QStringLiteral(" AND (d.payload") + like + QStringLiteral(" OR d.last_error") +
                   like + QLatin1Char(')');
            values->append(pattern);
            values->append(pattern);
        } else {
            sql += QStringLiteral(" AND (a.error_message") + like +
                   QStringLiteral(" OR a.request_url") + like + QStringLiteral(" OR d.payload") +
                   like + QLatin1Char(')');
            values->append(pattern);
            values->append(pattern);
            values->append(pattern);
        }
    }
    return sql;
}

QString DeliveryLogFilter::payloadQuery() const
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    const QStringList words = text.split(separators, Qt::SkipEmptyParts);
    return QLatin1Char('"') + words.join(QLatin1Char(' ')) + QStringLiteral("\"*");
}

QString DeliveryLogFilter::describe() const
{
    QStringList parts;
    if (status != StatusFilter::Any)
        parts << (status == StatusFilter::Failing ? tr("failed only")
                                                  : tr("status %1").arg(statusKey(status)));
    if (endpointId != 0)
        parts << tr("endpoint #%1").arg(endpointId);
    if (!eventType.isEmpty())
        parts << eventType;
    if (from.isValid() || to.isValid())
        parts << tr("time range");
    if (httpClass != HttpClass::Any)
        parts << tr("HTTP %1").arg(httpClassKey(httpClass));
    if (!text.isEmpty())
        parts << tr("text \"%1\"").arg(text);
    return parts.isEmpty() ? tr("no filter") : parts.join(QStringLiteral(", "));
}

QString DeliveryLogFilter::statusKey(StatusFilter status)
{
    switch (status) {
    case StatusFilter::Any:
        return QStringLiteral("any");
    case StatusFilter::Failing:
        return QStringLiteral("failing");
    case StatusFilter::Pending:
        return QStringLiteral("pending");
    case StatusFilter::Retrying:
        return QStringLiteral("retrying");
    case StatusFilter::Succeeded:
        return QStringLiteral("succeeded");
    case StatusFilter::Failed:
        return QStringLiteral("failed");
    case StatusFilter::Test:
        return QStringLiteral("test");
    }
    return {};
}

DeliveryLogFilter::StatusFilter DeliveryLogFilter::statusFromKey(const QString &key)
{
    for (auto status : {StatusFilter::Failing, StatusFilter::Pending, StatusFilter::Retrying,
                        StatusFilter::Succeeded, StatusFilter::Failed, StatusFilter::Test})
        if (statusKey(status) == key)
            return status;
    return StatusFilter::Any;
}

QString DeliveryLogFilter::httpClassKey(HttpClass httpClass)
{
    switch (httpClass) {
    case HttpClass::Any:
        return QStringLiteral("any");
    case HttpClass::NoAnswer:
        return QStringLiteral("none");
    case HttpClass::Informational:
        return QStringLiteral("1xx");
    case HttpClass::Success:
        return QStringLiteral("2xx");
    case HttpClass::Redirect:
        return QStringLiteral("3xx");
    case HttpClass::ClientError:
        return QStringLiteral("4xx");
    case HttpClass::ServerError:
        return QStringLiteral("5xx");
    }
    return {};
}

DeliveryLogFilter::HttpClass DeliveryLogFilter::httpClassFromKey(const QString &key)
{
    for (auto httpClass : {HttpClass::NoAnswer, HttpClass::Informational, HttpClass::Success,
                           HttpClass::Redirect, HttpClass::ClientError, HttpClass::ServerError})
        if (httpClassKey(httpClass) == key)
            return httpClass;
    return HttpClass::Any;
}

} // namespace botbat
