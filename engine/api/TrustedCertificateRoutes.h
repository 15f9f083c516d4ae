#pragma once

#include <QHttpServerResponse>

namespace botbat {

class ApiRoutes;
class WebhookStore;
struct ApiCall;

// /v1/trusted-certificates: extra CA certificates (e.g. a corporate CA) that webhook endpoints'
// certificates may chain to, beside the system's. Needs webhooks:manage.
class TrustedCertificateRoutes
{
public:
    static void install(ApiRoutes &api, WebhookStore &store);

private:
    static QHttpServerResponse list(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse add(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse get(WebhookStore &store, const ApiCall &call);
    static QHttpServerResponse remove(WebhookStore &store, const ApiCall &call);
};

} // namespace botbat
