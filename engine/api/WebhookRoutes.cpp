#include "WebhookRoutes.h"

#include "ApiRoutes.h"
#include "DeliveryQuery.h"
#include "DeliveryRoutes.h"
#include "RouteSupport.h"
#include "WebhookJson.h"
#include "apikeys/ApiKeyScopes.h"
#include "webhooks/WebhookStore.h"

#include <QJsonArray>

namespace botbat {

namespace {
using Method = QHttpServerRequest::Method;
const QString kEndpoint = QStringLiteral("webhook endpoint");

QString location(qint64 id)
{
    return QStringLiteral("/v1/webhooks/%1").arg(id);
}

// Create, update and rotate answer the endpoint, with the secret when the call generated one.
QHttpServerResponse savedResponse(const DomainResult<WebhookStore::Saved> &saved,
                                  RouteSupport::Status status = RouteSupport::Status::Ok)
{
    if (!saved)
        return ApiRoutes::domainError(saved.error());
    QHttpServerResponse response =
        status == RouteSupport::Status::Created
            ? RouteSupport::created(WebhookJson::saved(saved.value()), location(saved->endpoint.id))
            : JsonResponse::ok(WebhookJson::saved(saved.value()), status);
    if (saved->generatedSecret.isEmpty())
        return response;
    return RouteSupport::secretBearing(std::move(response));
}
} // namespace

void WebhookRoutes::install(ApiRoutes &api, WebhookStore &store)
{
    const auto bind = [&store](QHttpServerResponse (*handler)(WebhookStore &, const ApiCall &)) {
        return RouteSupport::bind(store, handler);
    };
    const QString &scope = ApiKeyScopes::WebhooksManage;
    api.add(Method::Get, QStringLiteral("/v1/webhooks"), scope, bind(list));
    api.add(Method::Post, QStringLiteral("/v1/webhooks"), scope, bind(create));
    api.add(Method::Get, QStringLiteral("/v1/webhooks/{id}"), scope, bind(get));
    api.add(Method::Patch, QStringLiteral("/v1/webhooks/{id}"), scope, bind(update));
    api.add(Method::Delete, QStringLiteral("/v1/webhooks/{id}"), scope, bind(remove));
    api.add(Method::Post, QStringLiteral("/v1/webhooks/{id}/enable"), scope, bind(enable));
    api.add(Method::Post, QStringLiteral("/v1/webhooks/{id}/disable"), scope, bind(disable));
    api.add(Method::Post, QStringLiteral("/v1/webhooks/{id}/rotate-secret"), scope,
            bind(rotateSecret));
    api.add(Method::Post, QStringLiteral("/v1/webhooks/{id}/test"), scope, bind(sendTest));
    api.add(Method::Post, QStringLiteral("/v1/webhooks/{id}/retry-failed"), scope,
            bind(retryFailed));
    api.add(Method::Get, QStringLiteral("/v1/webhooks/{id}/deliveries"), scope, bind(deliveries));
}

QHttpServerResponse WebhookRoutes::create(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withBody(call, [&store](const QJsonObject &body) {
        const DomainResult<WebhookEndpointInput> input = WebhookJson::endpointInput(body);
        if (!input)
            return ApiRoutes::domainError(input.error());
        return savedResponse(store.create(input.value()), RouteSupport::Status::Created);
    });
}

QHttpServerResponse WebhookRoutes::list(WebhookStore &store, const ApiCall &call)
{
    if (auto answer = RouteSupport::noQuery(call))
        return std::move(*answer);
    const DomainResult<QList<WebhookEndpoint>> endpoints = store.list();
    if (!endpoints)
        return ApiRoutes::domainError(endpoints.error());
    QJsonArray data;
    for (const WebhookEndpoint &endpoint : endpoints.value())
        data.append(endpoint.toJson());
    return JsonResponse::ok({{QStringLiteral("data"), data}});
}

QHttpServerResponse WebhookRoutes::get(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint,
                                [&store](qint64 id) { return RouteSupport::of(store.get(id)); });
}

QHttpServerResponse WebhookRoutes::update(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint, [&store, &call](qint64 id) {
        return RouteSupport::withBody(call, [&store, id](const QJsonObject &body) {
            const DomainResult<WebhookEndpointInput> input = WebhookJson::endpointInput(body);
            if (!input)
                return ApiRoutes::domainError(input.error());
            return savedResponse(store.update(id, input.value()));
        });
    });
}

QHttpServerResponse WebhookRoutes::remove(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint, [&store](qint64 id) {
        const DomainResult<qint64> removed = store.remove(id);
        if (!removed)
            return ApiRoutes::domainError(removed.error());
        return RouteSupport::noContent();
    });
}

QHttpServerResponse WebhookRoutes::enable(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint, [&store, &call](qint64 id) {
        if (auto answer = RouteSupport::noBody(call, QStringLiteral("enabling a webhook endpoint")))
            return std::move(*answer);
        return RouteSupport::of(store.setEnabled(id, true, QString()));
    });
}

QHttpServerResponse WebhookRoutes::disable(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint, [&store, &call](qint64 id) {
        return RouteSupport::withOptionalBody(call, [&store, &call, id](const QJsonObject &body) {
            const DomainResult<QString> reason = WebhookJson::disableReason(body);
            if (!reason)
                return ApiRoutes::domainError(reason.error());
            // Without a reason, the log still says who: the key's name is what admins recognise.
            const QString why = !reason->isEmpty()
                                    ? reason.value()
                                    : QStringLiteral("Disabled through the REST API with the key "
                                                     "\"%1\".")
                                          .arg(call.key.name);
            return RouteSupport::of(store.setEnabled(id, false, why));
        });
    });
}

QHttpServerResponse WebhookRoutes::rotateSecret(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint, [&store, &call](qint64 id) {
        return RouteSupport::withOptionalBody(call, [&store, id](const QJsonObject &body) {
            const DomainResult<qint64> overlapMs = WebhookJson::rotationOverlapMs(body);
            if (!overlapMs)
                return ApiRoutes::domainError(overlapMs.error());
            return savedResponse(store.rotateSecret(id, overlapMs.value()));
        });
    });
}

QHttpServerResponse WebhookRoutes::sendTest(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint, [&store, &call](qint64 id) {
        return RouteSupport::withBody(call, [&store, id](const QJsonObject &body) {
            const DomainResult<QString> eventType = WebhookJson::testEventType(body);
            if (!eventType)
                return ApiRoutes::domainError(eventType.error());
            const DomainResult<WebhookDelivery> delivery = store.createTest(id, eventType.value());
            if (!delivery)
                return ApiRoutes::domainError(delivery.error());
            return DeliveryRoutes::accepted(store, delivery.value());
        });
    });
}

QHttpServerResponse WebhookRoutes::retryFailed(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint, [&store, &call](qint64 id) {
        return RouteSupport::withBody(call, [&store, id](const QJsonObject &body) {
            const DomainResult<QDateTime> since = WebhookJson::retrySince(body);
            if (!since)
                return ApiRoutes::domainError(since.error());
            const DomainResult<int> requeued = store.retryFailedSince(id, since.value());
            if (!requeued)
                return ApiRoutes::domainError(requeued.error());
            // 202: requeued deliveries are attempted by the dispatcher, not within this call.
            return JsonResponse::ok({{QStringLiteral("requeued"), requeued.value()}},
                                    RouteSupport::Status::Accepted);
        });
    });
}

QHttpServerResponse WebhookRoutes::deliveries(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kEndpoint, [&store, &call](qint64 id) {
        auto query = DeliveryQuery::parse(call.request, DeliveryQuery::EndpointFilter::InPath);
        if (auto *answer = std::get_if<QHttpServerResponse>(&query))
            return std::move(*answer);
        // An unknown endpoint is a 404, not an empty list that looks like "nothing sent yet".
        if (const DomainResult<WebhookEndpoint> endpoint = store.get(id); !endpoint)
            return ApiRoutes::domainError(endpoint.error());
        DeliveryQuery &parsed = std::get<DeliveryQuery>(query);
        parsed.setEndpointId(id);
        return RouteSupport::list(store.deliveries(parsed.filter()));
    });
}

} // namespace botbat
