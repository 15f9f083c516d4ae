#include "WebhookAttemptDetails.h"

#include "webhooks/WebhookStore.h"

namespace botbat {

DomainResult<WebhookAttemptDetails> WebhookAttemptDetails::load(WebhookStore &store,
                                                                qint64 attemptId)
{
    auto attempt = store.attempt(attemptId);
    if (!attempt)
        return attempt.error();
    auto delivery = store.delivery(attempt->deliveryId);
    if (!delivery)
        return delivery.error();
    return WebhookAttemptDetails{attempt.value(), delivery.value()};
}

} // namespace botbat
