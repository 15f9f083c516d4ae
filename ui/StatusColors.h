#pragma once

#include "integrations/IntegrationSummary.h"
#include "models/EngineStatusModel.h"

#include <QColor>

namespace botbat {

// One place for the colours that carry meaning, so a badge, a dot and a summary agree.
class StatusColors
{
public:
    static QColor forStatus(IntegrationSummary::Status status);
    static QColor forTone(EngineStatusModel::Tone tone);
    // Secondary text: details, "Never", reference-only rows.
    static QColor muted();
    // Error text on a light background (darker than the badge red, for contrast).
    static QColor errorText();
};

} // namespace botbat
