#pragma once

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace botbat {

// What a create or update of an endpoint asks for; unset fields keep their value (update) or
// take the default (create). The store validates all fields at once.
struct WebhookEndpointInput
{
    enum class SecretAction
    {
        Keep,
        Generate,
        Set,
        Remove
    };

    std::optional<QString> url;
    std::optional<QString> description;
    std::optional<QStringList> events;
    std::optional<bool> enabled;
    std::optional<int> maxConcurrency;
    std::optional<double> ratePerSecond;
    SecretAction secretAction = SecretAction::Keep;
    QString secret; // with SecretAction::Set: a whsec_ secret pasted by the admin

    // The REST body: {"url", "description", "events", "enabled", "max_concurrency",
    // "rate_per_second", "secret": "generate" | "whsec_..." | null}. Field-type problems are
    // reported through *typeErrors as "field: message".
    static WebhookEndpointInput fromJson(const QJsonObject &json, QStringList *typeErrors);
};

} // namespace botbat
