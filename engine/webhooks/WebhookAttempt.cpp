#include "WebhookAttempt.h"

#include "domain/JsonValues.h"

#include <QJsonArray>

namespace botbat {

namespace {

QJsonArray headersJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &header : headers)
        array.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(header.first)},
                                 {QStringLiteral("value"), QString::fromLatin1(header.second)}});
    return array;
}

} // namespace

QJsonObject WebhookAttempt::toJson(bool withDetails) const
{
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("delivery_id"), deliveryId},
                     {QStringLiteral("endpoint_id"), endpointId},
                     {QStringLiteral("event_type"), eventType},
                     {QStringLiteral("attempt"), attempt},
                     {QStringLiteral("is_test"), isTest},
                     {QStringLiteral("started_at"), JsonValues::time(startedAt)},
                     {QStringLiteral("duration_ms"), durationMs},
                     {QStringLiteral("http_status"), httpStatus},
                     {QStringLiteral("succeeded"), succeeded},
                     {QStringLiteral("error_class"), errorClassKey(errorClass)},
                     {QStringLiteral("error_message"), errorMessage},
                     {QStringLiteral("next_retry_at"), JsonValues::time(nextRetryAt)},
                     {QStringLiteral("request_url"), requestUrl}};
    if (withDetails) {
        json.insert(QStringLiteral("request_headers"), headersJson(requestHeaders));
        json.insert(QStringLiteral("response_headers"), headersJson(responseHeaders));
        // Lossy on purpose: bodies are shown to people, and a binary answer is rare and
        // still recognisable with replacement characters.
        json.insert(QStringLiteral("response_body"), QString::fromUtf8(responseBody));
        json.insert(QStringLiteral("response_truncated"), responseTruncated);
    }
    return json;
}

QString WebhookAttempt::errorClassKey(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None:
        return QString(QLatin1String(""));
    case ErrorClass::Dns:
        return QStringLiteral("dns");
    case ErrorClass::Connect:
        return QStringLiteral("connect");
    case ErrorClass::Tls:
        return QStringLiteral("tls");
    case ErrorClass::Timeout:
        return QStringLiteral("timeout");
    case ErrorClass::Http:
        return QStringLiteral("http");
    }
    return QString(QLatin1String(""));
}

WebhookAttempt::ErrorClass WebhookAttempt::errorClassFromKey(const QString &key)
{
    for (ErrorClass errorClass : {ErrorClass::Dns, ErrorClass::Connect, ErrorClass::Tls,
                                  ErrorClass::Timeout, ErrorClass::Http}) {
        if (errorClassKey(errorClass) == key)
            return errorClass;
    }
    return ErrorClass::None;
}

} // namespace botbat
