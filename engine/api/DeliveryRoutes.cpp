#include "DeliveryRoutes.h"

#include "ApiRoutes.h"
#include "DeliveryQuery.h"
#include "RouteSupport.h"
#include "WebhookJson.h"
#include "apikeys/ApiKeyScopes.h"
#include "webhooks/WebhookStore.h"

#include <QJsonArray>

namespace botbat {

namespace {
using Method = QHttpServerRequest::Method;
const QString kDelivery = QStringLiteral("webhook delivery");
} // namespace

void DeliveryRoutes::install(ApiRoutes &api, WebhookStore &store)
{
    const auto bind = [&store](QHttpServerResponse (*handler)(WebhookStore &, const ApiCall &)) {
        return RouteSupport::bind(store, handler);
    };
    const QString &scope = ApiKeyScopes::WebhooksManage;
    api.add(Method::Get, QStringLiteral("/v1/deliveries"), scope, bind(list));
    api.add(Method::Get, QStringLiteral("/v1/deliveries/{id}"), scope, bind(get));
    api.add(Method::Get, QStringLiteral("/v1/deliveries/{id}/attempts"), scope, bind(attempts));
    api.add(Method::Post, QStringLiteral("/v1/deliveries/{id}/resend"), scope, bind(resend));
}

QHttpServerResponse DeliveryRoutes::accepted(WebhookStore &store, const WebhookDelivery &delivery)
{
    const DomainResult<QJsonObject> detail = WebhookJson::deliveryDetail(store, delivery);
    if (!detail)
        return ApiRoutes::domainError(detail.error());
    return RouteSupport::created(detail.value(),
                                 QStringLiteral("/v1/deliveries/%1").arg(delivery.id),
                                 RouteSupport::Status::Accepted);
}

QHttpServerResponse DeliveryRoutes::list(WebhookStore &store, const ApiCall &call)
{
    auto query = DeliveryQuery::parse(call.request, DeliveryQuery::EndpointFilter::Allowed);
    if (auto *answer = std::get_if<QHttpServerResponse>(&query))
        return std::move(*answer);
    const WebhookStore::DeliveryFilter &filter = std::get<DeliveryQuery>(query).filter();
    // As contact_id on the conversation list: naming an endpoint that does not exist is a 404.
    if (filter.endpointId != 0) {
        if (const DomainResult<WebhookEndpoint> endpoint = store.get(filter.endpointId); !endpoint)
            return ApiRoutes::domainError(endpoint.error());
    }
    return RouteSupport::list(store.deliveries(filter));
}

QHttpServerResponse DeliveryRoutes::get(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kDelivery, [&store](qint64 id) {
        const DomainResult<WebhookDelivery> delivery = store.delivery(id);
        if (!delivery)
            return ApiRoutes::domainError(delivery.error());
        const DomainResult<QJsonObject> detail =
            WebhookJson::deliveryDetail(store, delivery.value());
        if (!detail)
            return ApiRoutes::domainError(detail.error());
        return JsonResponse::ok(detail.value());
    });
}

QHttpServerResponse DeliveryRoutes::attempts(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kDelivery, [&store, &call](qint64 id) {
        if (auto answer = RouteSupport::noQuery(call))
            return std::move(*answer);
        const DomainResult<QList<WebhookAttempt>> attempts = store.attempts(id);
        if (!attempts)
            return ApiRoutes::domainError(attempts.error());
        QJsonArray data;
        for (const WebhookAttempt &attempt : attempts.value())
            data.append(attempt.toJson(true));
        return JsonResponse::ok({{QStringLiteral("data"), data}});
    });
}

QHttpServerResponse DeliveryRoutes::resend(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kDelivery, [&store, &call](qint64 id) {
        if (auto answer = RouteSupport::noBody(call, QStringLiteral("resending a delivery")))
            return std::move(*answer);
        const DomainResult<WebhookDelivery> delivery = store.resend(id);
        if (!delivery)
            return ApiRoutes::domainError(delivery.error());
        return accepted(store, delivery.value());
    });
}

} // namespace botbat
