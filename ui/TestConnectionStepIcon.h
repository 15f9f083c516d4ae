#pragma once

#include "probe/ProbeStep.h"

#include <QPixmap>

namespace botbat {

// The round state marks of the connection test's steps (pending, running, passed, failed,
// skipped), drawn rather than loaded so they follow the status colours and any scale.
class TestConnectionStepIcon
{
public:
    static QPixmap pixmap(ProbeStep::State state, int size, qreal devicePixelRatio = 1.0);
    // "Waiting", "Running", "Passed", "Failed", "Skipped", for tooltips and accessibility.
    static QString stateText(ProbeStep::State state);
};

} // namespace botbat
