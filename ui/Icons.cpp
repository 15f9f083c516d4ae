#include "Icons.h"

// Q_INIT_RESOURCE must be used outside any namespace.
static void initBotbatResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace botbat {

namespace {
QIcon svg(const char *name)
{
    Icons::ensureLoaded();
    return QIcon(QStringLiteral(":/icons/") + QLatin1String(name) + QStringLiteral(".svg"));
}
} // namespace

void Icons::ensureLoaded()
{
    static const bool loaded = [] {
        initBotbatResources();
        return true;
    }();
    Q_UNUSED(loaded);
}

QIcon Icons::app()
{
    return svg("app");
}

QIcon Icons::overview()
{
    return svg("overview");
}

QIcon Icons::category(IntegrationSummary::Category category)
{
    switch (category) {
    case IntegrationSummary::Category::Crm:
        return svg("crm");
    case IntegrationSummary::Category::WebhookOut:
        return svg("webhook-out");
    case IntegrationSummary::Category::WebhookIn:
        return svg("webhook-in");
    case IntegrationSummary::Category::ApiKey:
        return svg("api-key");
    case IntegrationSummary::Category::Channel:
        return svg("channel");
    }
    return {};
}

QIcon Icons::deliveryLog()
{
    return svg("delivery-log");
}

QIcon Icons::warning()
{
    return svg("warning");
}

QIcon Icons::refresh()
{
    return svg("refresh");
}

QIcon Icons::add()
{
    return svg("plus");
}

QIcon Icons::rotate()
{
    return svg("rotate");
}

QIcon Icons::revoke()
{
    return svg("revoke");
}

QIcon Icons::copy()
{
    return svg("copy");
}

QIcon Icons::audit()
{
    return svg("audit");
}

QIcon Icons::send()
{
    return svg("send");
}

QIcon Icons::edit()
{
    return svg("edit");
}

QIcon Icons::certificate()
{
    return svg("certificate");
}

QIcon Icons::power()
{
    return svg("power");
}

QIcon Icons::trash()
{
    return svg("trash");
}

QIcon Icons::reveal()
{
    return svg("eye");
}

QIcon Icons::key()
{
    return svg("key");
}

} // namespace botbat
