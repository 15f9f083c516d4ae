#pragma once

#include "webhooks/WebhookStore.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <optional>
#include <variant>

namespace botbat {

// The query string of the webhook delivery lists (GET /v1/deliveries and
// GET /v1/webhooks/{id}/deliveries): state, event_type, is_test, since, cursor and limit, plus
// endpoint_id where the path does not name the endpoint. Every mistake is ListQuery's 400
// invalid_parameter naming the parameter, as on the other lists.
class DeliveryQuery
{
public:
    enum class EndpointFilter
    {
        Allowed,
        InPath
    };

    static std::variant<DeliveryQuery, QHttpServerResponse> parse(const QHttpServerRequest &request,
                                                                  EndpointFilter endpointFilter);

    // endpointId is 0 unless endpoint_id was given (the caller fills it in for InPath).
    const WebhookStore::DeliveryFilter &filter() const { return m_filter; }
    void setEndpointId(qint64 id) { m_filter.endpointId = id; }

private:
    WebhookStore::DeliveryFilter m_filter;
};

} // namespace botbat
