#include "TrustedCertificateRoutes.h"

#include "ApiRoutes.h"
#include "RouteSupport.h"
#include "WebhookJson.h"
#include "apikeys/ApiKeyScopes.h"
#include "webhooks/WebhookStore.h"

#include <QJsonArray>

namespace botbat {

namespace {
using Method = QHttpServerRequest::Method;
const QString kCertificate = QStringLiteral("trusted certificate");
} // namespace

void TrustedCertificateRoutes::install(ApiRoutes &api, WebhookStore &store)
{
    const auto bind = [&store](QHttpServerResponse (*handler)(WebhookStore &, const ApiCall &)) {
        return RouteSupport::bind(store, handler);
    };
    const QString &scope = ApiKeyScopes::WebhooksManage;
    api.add(Method::Get, QStringLiteral("/v1/trusted-certificates"), scope, bind(list));
    api.add(Method::Post, QStringLiteral("/v1/trusted-certificates"), scope, bind(add));
    api.add(Method::Get, QStringLiteral("/v1/trusted-certificates/{id}"), scope, bind(get));
    api.add(Method::Delete, QStringLiteral("/v1/trusted-certificates/{id}"), scope, bind(remove));
}

QHttpServerResponse TrustedCertificateRoutes::list(WebhookStore &store, const ApiCall &call)
{
    if (auto answer = RouteSupport::noQuery(call))
        return std::move(*answer);
    const DomainResult<QList<TrustedCertificate>> certificates = store.trustedCertificates();
    if (!certificates)
        return ApiRoutes::domainError(certificates.error());
    QJsonArray data;
    for (const TrustedCertificate &certificate : certificates.value())
        data.append(certificate.toJson());
    return JsonResponse::ok({{QStringLiteral("data"), data}});
}

QHttpServerResponse TrustedCertificateRoutes::add(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withBody(call, [&store](const QJsonObject &body) {
        const DomainResult<QByteArray> pem = WebhookJson::certificatePem(body);
        if (!pem)
            return ApiRoutes::domainError(pem.error());
        const DomainResult<TrustedCertificate> added = store.addTrustedCertificate(pem.value());
        if (!added)
            return ApiRoutes::domainError(added.error());
        return RouteSupport::created(added->toJson(),
                                     QStringLiteral("/v1/trusted-certificates/%1").arg(added->id));
    });
}

QHttpServerResponse TrustedCertificateRoutes::get(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kCertificate, [&store](qint64 id) {
        // The list is a handful of CAs; the store has no lookup by id for so few rows.
        const DomainResult<QList<TrustedCertificate>> certificates = store.trustedCertificates();
        if (!certificates)
            return ApiRoutes::domainError(certificates.error());
        for (const TrustedCertificate &certificate : certificates.value()) {
            if (certificate.id == id)
                return JsonResponse::ok(certificate.toJson());
        }
        return ApiRoutes::domainError(DomainError::notFound(kCertificate, id));
    });
}

QHttpServerResponse TrustedCertificateRoutes::remove(WebhookStore &store, const ApiCall &call)
{
    return RouteSupport::withId(call, kCertificate, [&store](qint64 id) {
        const DomainResult<qint64> removed = store.removeTrustedCertificate(id);
        if (!removed)
            return ApiRoutes::domainError(removed.error());
        return RouteSupport::noContent();
    });
}

} // namespace botbat
