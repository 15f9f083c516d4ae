#include "WebhookRows.h"

#include "storage/SqlTime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace botbat {

namespace {

const int kLightAttemptColumns = 14;

} // namespace

const QString &WebhookRows::deliveryColumns()
{
    static const QString columns =
        QStringLiteral("id, endpoint_id, event_id, event_type, payload, state, is_test, attempts, "
                       "next_attempt_at, last_status, last_error, created_at, updated_at");
    return columns;
}

QString WebhookRows::attemptColumns(bool withDetails)
{
    static const QString light = QStringLiteral(
        "id, delivery_id, endpoint_id, event_type, attempt, is_test, started_at, duration_ms, "
        "http_status, succeeded, error_class, error_message, next_retry_at, request_url");
    static const QString details =
        QStringLiteral(", request_headers, response_headers, response_body, response_truncated");
    return withDetails ? light + details : light;
}

WebhookDelivery WebhookRows::delivery(const QSqlQuery &query)
{
    WebhookDelivery row;
    row.id = query.value(0).toLongLong();
    row.endpointId = query.value(1).toLongLong();
    row.eventId = query.value(2).isNull() ? 0 : query.value(2).toLongLong();
    row.eventType = query.value(3).toString();
    row.payload = query.value(4).toString().toUtf8();
    row.state = WebhookDelivery::stateFromKey(query.value(5).toString())
                    .value_or(WebhookDelivery::State::Pending);
    row.isTest = query.value(6).toInt() != 0;
    row.attempts = query.value(7).toInt();
    row.nextAttemptAt = timeFromSql(query.value(8));
    row.lastStatus = query.value(9).toInt();
    row.lastError = query.value(10).toString();
    row.createdAt = timeFromSql(query.value(11));
    row.updatedAt = timeFromSql(query.value(12));
    return row;
}

WebhookAttempt WebhookRows::attempt(const QSqlQuery &query, bool withDetails)
{
    WebhookAttempt row;
    row.id = query.value(0).toLongLong();
    row.deliveryId = query.value(1).toLongLong();
    row.endpointId = query.value(2).toLongLong();
    row.eventType = query.value(3).toString();
    row.attempt = query.value(4).toInt();
    row.isTest = query.value(5).toInt() != 0;
    row.startedAt = timeFromSql(query.value(6));
    row.durationMs = query.value(7).toInt();
    row.httpStatus = query.value(8).toInt();
    row.succeeded = query.value(9).toInt() != 0;
    row.errorClass = WebhookAttempt::errorClassFromKey(query.value(10).toString());
    row.errorMessage = query.value(11).toString();
    row.nextRetryAt = timeFromSql(query.value(12));
    row.requestUrl = query.value(13).toString();
    if (withDetails) {
        const int first = kLightAttemptColumns;
        row.requestHeaders = headersFromSql(query.value(first));
        row.responseHeaders = headersFromSql(query.value(first + 1));
        row.responseBody = query.value(first + 2).toByteArray();
        row.responseTruncated = query.value(first + 3).toInt() != 0;
    }
    return row;
}

const QString &WebhookRows::attemptInsertSql()
{
    static const QString sql = QStringLiteral(
        "INSERT INTO webhook_attempts (delivery_id, endpoint_id, event_type, attempt, is_test, "
        "started_at, duration_ms, http_status, succeeded, error_class, error_message, "
        "next_retry_at, request_url, request_headers, response_headers, response_body, "
        "response_truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return sql;
}

QVariantList WebhookRows::attemptValues(const WebhookAttempt &attempt)
{
    // A null QByteArray binds as SQL NULL; "no body" is stored as an empty one.
    QByteArray body = attempt.responseBody.left(WebhookAttempt::kMaxStoredResponseBytes);
    if (body.isNull())
        body = QByteArray("");
    return {attempt.deliveryId,
            attempt.endpointId,
            attempt.eventType,
            attempt.attempt,
            attempt.isTest ? 1 : 0,
            sqlTime(attempt.startedAt),
            attempt.durationMs,
            attempt.httpStatus,
            attempt.succeeded ? 1 : 0,
            WebhookAttempt::errorClassKey(attempt.errorClass),
            attempt.errorMessage.isNull() ? QString(QLatin1String("")) : attempt.errorMessage,
            sqlTime(attempt.nextRetryAt),
            attempt.requestUrl.isNull() ? QString(QLatin1String("")) : attempt.requestUrl,
            headersToSql(attempt.requestHeaders),
            headersToSql(attempt.responseHeaders),
            body,
            attempt.responseTruncated ||
                    attempt.responseBody.size() > WebhookAttempt::kMaxStoredResponseBytes
                ? 1
                : 0};
}

QString WebhookRows::headersToSql(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &header : headers)
        array.append(
            QJsonArray{QString::fromLatin1(header.first), QString::fromLatin1(header.second)});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

HeaderList WebhookRows::headersFromSql(const QVariant &value)
{
    HeaderList headers;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &item : array) {
        const QJsonArray pair = item.toArray();
        if (pair.size() == 2)
            headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    return headers;
}

} // namespace botbat
