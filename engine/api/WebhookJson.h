#pragma once

#include "domain/DomainResult.h"
#include "webhooks/WebhookStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>

namespace botbat {

// Request bodies of the webhook routes read into store input, and the store's values written as
// response bodies, with DomainJson's conventions: a field of the wrong JSON type is a 422 field
// error "invalid_type", a field the body does not have is "unknown_field".
class WebhookJson
{
public:
    // POST /v1/webhooks and PATCH /v1/webhooks/{id} (the store checks the values).
    static DomainResult<WebhookEndpointInput> endpointInput(const QJsonObject &body);
    // POST /v1/webhooks/{id}/disable: {"reason"}, optional (empty: the store's default reason).
    static DomainResult<QString> disableReason(const QJsonObject &body);
    // POST /v1/webhooks/{id}/rotate-secret: {"overlap_seconds"}, optional; in milliseconds.
    static DomainResult<qint64> rotationOverlapMs(const QJsonObject &body);
    // POST /v1/webhooks/{id}/test: {"event_type"}, required.
    static DomainResult<QString> testEventType(const QJsonObject &body);
    // POST /v1/webhooks/{id}/retry-failed: {"since"}, required, ISO-8601 with a time zone.
    static DomainResult<QDateTime> retrySince(const QJsonObject &body);
    // POST /v1/trusted-certificates: {"pem"}, required.
    static DomainResult<QByteArray> certificatePem(const QJsonObject &body);

    // The endpoint, plus "secret" only when this very call generated one: the one time it is
    // ever shown through the API.
    static QJsonObject saved(const WebhookStore::Saved &saved);
    // A delivery with its payload and every attempt with request and response details.
    static DomainResult<QJsonObject> deliveryDetail(WebhookStore &store,
                                                    const WebhookDelivery &delivery);
};

} // namespace botbat
