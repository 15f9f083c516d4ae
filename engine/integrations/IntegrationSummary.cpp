#include "IntegrationSummary.h"

namespace botbat {

namespace {
struct CategoryName
{
    IntegrationSummary::Category category;
    const char *key;
    const char *title;
};
constexpr CategoryName kCategories[] = {
    {IntegrationSummary::Category::Crm, "crm", "CRM"},
    {IntegrationSummary::Category::WebhookOut, "webhook_out", "Webhooks (outgoing)"},
    {IntegrationSummary::Category::WebhookIn, "webhook_in", "Incoming webhooks"},
    {IntegrationSummary::Category::ApiKey, "api_key", "API keys"},
    {IntegrationSummary::Category::Channel, "channel", "Channels (reference only)"},
};
struct StatusName
{
    IntegrationSummary::Status status;
    const char *key;
    const char *title;
};
constexpr StatusName kStatuses[] = {
    {IntegrationSummary::Status::Connected, "connected", "Connected"},
    {IntegrationSummary::Status::Error, "error", "Error"},
    {IntegrationSummary::Status::Inactive, "inactive", "Inactive"},
    {IntegrationSummary::Status::ReferenceOnly, "reference", "Reference"},
};
} // namespace

QString IntegrationSummary::categoryKey(Category category)
{
    for (const auto &entry : kCategories)
        if (entry.category == category)
            return QString::fromLatin1(entry.key);
    return {};
}

std::optional<IntegrationSummary::Category> IntegrationSummary::categoryFromKey(const QString &key)
{
    for (const auto &entry : kCategories)
        if (key == QLatin1String(entry.key))
            return entry.category;
    return std::nullopt;
}

QString IntegrationSummary::categoryTitle(Category category)
{
    for (const auto &entry : kCategories)
        if (entry.category == category)
            return QString::fromLatin1(entry.title);
    return {};
}

QString IntegrationSummary::statusKey(Status status)
{
    for (const auto &entry : kStatuses)
        if (entry.status == status)
            return QString::fromLatin1(entry.key);
    return {};
}

std::optional<IntegrationSummary::Status> IntegrationSummary::statusFromKey(const QString &key)
{
    for (const auto &entry : kStatuses)
        if (key == QLatin1String(entry.key))
            return entry.status;
    return std::nullopt;
}

QString IntegrationSummary::statusTitle(Status status)
{
    for (const auto &entry : kStatuses)
        if (entry.status == status)
            return QString::fromLatin1(entry.title);
    return {};
}

} // namespace botbat
