#pragma once

#include "domain/DomainResult.h"
#include "webhooks/WebhookAttempt.h"
#include "webhooks/WebhookDelivery.h"

namespace botbat {

class WebhookStore;

// Everything the console shows about one attempt: the attempt with its headers and response,
// and its delivery, which holds the exact payload every attempt sends.
struct WebhookAttemptDetails
{
    WebhookAttempt attempt;
    WebhookDelivery delivery;

    // Reads both; call on the engine's worker thread (WebhookStoreCall).
    static DomainResult<WebhookAttemptDetails> load(WebhookStore &store, qint64 attemptId);
};

} // namespace botbat
