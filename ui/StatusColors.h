#pragma once

#include "apikeys/ApiKey.h"
#include "integrations/IntegrationSummary.h"
#include "models/EngineStatusModel.h"
#include "webhooks/WebhookEndpoint.h"

#include <QColor>

namespace botbat {

// One place for the colours that carry meaning, so a badge, a dot and a summary agree.
class StatusColors
{
public:
    static QColor forStatus(IntegrationSummary::Status status);
    static QColor forTone(EngineStatusModel::Tone tone);
    static QColor forKeyState(ApiKey::State state);
    static QColor forWebhookHealth(WebhookEndpoint::Health health);
    // Needs attention soon, not broken: stale keys, expiring keys, refused requests.
    static QColor warning();
    // Warning text on a light background (darker than the badge amber, for contrast).
    static QColor warningText();
    // Neutral information that is neither good nor bad (e.g. a rotation in the audit log).
    static QColor info();
    // Secondary text: details, "Never", reference-only rows.
    static QColor muted();
    // Error text on a light background (darker than the badge red, for contrast).
    static QColor errorText();
};

} // namespace botbat
