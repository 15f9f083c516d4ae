#include "WebhookEndpoint.h"

#include "domain/JsonValues.h"

#include <QJsonArray>

namespace botbat {

WebhookEndpoint::Health WebhookEndpoint::health() const
{
    if (!enabled)
        return Health::Inactive;
    if (!lastAttemptAt.isValid())
        return Health::Waiting;
    if (!lastErrorClass.isEmpty() || failingSince.isValid())
        return Health::Error;
    return Health::Connected;
}

QJsonObject WebhookEndpoint::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("url"), url},
            {QStringLiteral("description"), description},
            {QStringLiteral("events"), QJsonArray::fromStringList(events)},
            {QStringLiteral("enabled"), enabled},
            {QStringLiteral("disabled_reason"), disabledReason},
            {QStringLiteral("disabled_at"), JsonValues::time(disabledAt)},
            {QStringLiteral("max_concurrency"), maxConcurrency},
            {QStringLiteral("rate_per_second"), ratePerSecond},
            {QStringLiteral("has_secret"), hasSecret},
            {QStringLiteral("secret_rotated_at"), JsonValues::time(secretRotatedAt)},
            {QStringLiteral("previous_secret_until"), JsonValues::time(previousSecretUntil)},
            {QStringLiteral("health"), healthKey(health())},
            {QStringLiteral("last_attempt_at"), JsonValues::time(lastAttemptAt)},
            {QStringLiteral("last_success_at"), JsonValues::time(lastSuccessAt)},
            {QStringLiteral("last_status"), lastStatus},
            {QStringLiteral("last_error_class"), lastErrorClass},
            {QStringLiteral("last_error"), lastError},
            {QStringLiteral("failing_since"), JsonValues::time(failingSince)},
            {QStringLiteral("created_at"), JsonValues::time(createdAt)},
            {QStringLiteral("updated_at"), JsonValues::time(updatedAt)}};
}

QString WebhookEndpoint::healthKey(Health health)
{
    switch (health) {
    case Health::Waiting:
        return QStringLiteral("waiting");
    case Health::Connected:
        return QStringLiteral("connected");
    case Health::Error:
        return QStringLiteral("error");
    case Health::Inactive:
        return QStringLiteral("inactive");
    }
    return QStringLiteral("waiting");
}

} // namespace botbat
