#include "ProbeReport.h"

namespace botbat {

const ProbeStep *ProbeReport::failedStep() const
{
    for (const ProbeStep &step : steps)
        if (step.state == ProbeStep::State::Failed)
            return &step;
    return nullptr;
}

} // namespace botbat
