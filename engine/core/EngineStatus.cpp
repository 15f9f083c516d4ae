#include "EngineStatus.h"

namespace botbat {

QString EngineStatus::stateKey(EngineState state)
{
    switch (state) {
    case EngineState::Stopped: return QStringLiteral("stopped");
    case EngineState::Starting: return QStringLiteral("starting");
    case EngineState::Running: return QStringLiteral("running");
    case EngineState::Stopping: return QStringLiteral("stopping");
    case EngineState::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString EngineStatus::stateTitle(EngineState state)
{
    QString key = stateKey(state);
    if (!key.isEmpty())
        key[0] = key.at(0).toUpper();
    return key;
}

} // namespace botbat
