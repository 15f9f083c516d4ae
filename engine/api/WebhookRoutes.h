#pragma once

#include <QHttpServerResponse>

namespace botbat {

class ApiRoutes;
class WebhookStore;
struct ApiCall;

// /v1/webhooks: outgoing-webhook endpoints (create, list, get, update, delete), their actions
// (enable, disable, rotate-secret, test, retry-failed) and their delivery list. Everything needs
// webhooks:manage. A signing secret is in a response only when that very call generated it.
class WebhookRoutes
{
public:
    static void install(ApiRoutes &api, WebhookStore &store);

private:
    static QHttpServerResponse create(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse list(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse get(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse update(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse remove(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse enable(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse disable(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse rotateSecret(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse sendTest(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse retryFailed(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse deliveries(WebhookStore &store, const ApiCall &call);
};

} // namespace botbat
