#pragma once

#include <QHttpServerResponse>

namespace botbat {

class ApiRoutes;
class WebhookStore;
struct ApiCall;
struct WebhookDelivery;

// /v1/deliveries: the outgoing-webhook delivery log across endpoints (filtered, newest first),
// one delivery with its payload and attempts, and resending one now. Needs webhooks:manage.
class DeliveryRoutes
{
public:
    static void install(ApiRoutes &api, WebhookStore &store);

    // The 202 for a delivery just queued (a test or a resend): the delivery as GET
    // /v1/deliveries/{id} shows it, with that path in Location for polling.
    static QHttpServerResponse accepted(WebhookStore &store, const WebhookDelivery &delivery);

private:
    static QHttpServerResponse list(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse get(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse attempts(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse resend(WebhookStore &store, const ApiCall &call);
};

} // namespace botbat
