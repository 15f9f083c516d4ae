#include "EngineStatusModel.h"

#include "core/Engine.h"

namespace botbat {

EngineStatusModel::EngineStatusModel(Engine &engine, QObject *parent)
    : QObject(parent), m_status(engine.status())
{
    connect(&engine, &Engine::statusChanged, this, &EngineStatusModel::update);
}

void EngineStatusModel::update(const EngineStatus &status)
{
    m_status = status;
    emit changed();
}

QString EngineStatusModel::stateText() const
{
    return tr("Engine: %1").arg(EngineStatus::stateTitle(m_status.state));
}

QString EngineStatusModel::stateToolTip() const
{
    QStringList lines;
    if (!m_status.message.isEmpty() && m_status.message != EngineStatus::stateTitle(m_status.state))
        lines.append(m_status.message);
    if (m_status.state == EngineState::Running && m_status.startedAt.isValid())
        lines.append(tr("Running since %1")
                         .arg(m_status.startedAt.toLocalTime().toString(
                             QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    if (!m_status.secretStoreBackend.isEmpty())
        lines.append(tr("Secret store: %1 (%2)")
                         .arg(m_status.secretStoreBackend,
                              m_status.secretStoreAvailable ? tr("available") : tr("unavailable")));
    if (lines.isEmpty())
        lines.append(tr("The engine is %1.").arg(EngineStatus::stateKey(m_status.state)));
    return lines.join(QLatin1Char('\n'));
}

EngineStatusModel::Tone EngineStatusModel::stateTone() const
{
    switch (m_status.state) {
    case EngineState::Running:
        return Tone::Good;
    case EngineState::Starting:
    case EngineState::Stopping:
        return Tone::Busy;
    case EngineState::Failed:
        return Tone::Bad;
    case EngineState::Stopped:
        return Tone::Neutral;
    }
    return Tone::Neutral;
}

QUrl EngineStatusModel::apiUrl() const
{
    // The engine spells the scheme (https with TLS) and brackets IPv6 hosts; guessing either
    // here would show a URL that does not answer.
    if (m_status.httpUrl.isEmpty())
        return {};
    return QUrl(m_status.httpUrl);
}

QString EngineStatusModel::apiText() const
{
    const QUrl url = apiUrl();
    if (url.isEmpty())
        return tr("API not listening");
    return tr("API %1").arg(url.toString());
}

QString EngineStatusModel::apiToolTip() const
{
    if (m_status.httpUrl.isEmpty())
        return tr("The REST API and incoming webhooks are not listening while the engine is %1.")
            .arg(EngineStatus::stateKey(m_status.state));
    return tr("The REST API and incoming webhooks listen on %1.").arg(apiUrl().toString());
}

QString EngineStatusModel::databaseText() const
{
    if (m_status.databaseBackend.isEmpty())
        return tr("Database not open");
    if (m_status.databaseLocation.isEmpty())
        return m_status.databaseBackend;
    return tr("%1: %2").arg(m_status.databaseBackend, m_status.databaseLocation);
}

QString EngineStatusModel::databaseToolTip() const
{
    if (m_status.databaseBackend.isEmpty())
        return tr("The engine has not opened its database.");
    return tr("Database: %1\nLocation: %2")
        .arg(m_status.databaseBackend, m_status.databaseLocation);
}

QString EngineStatusModel::secretStoreProblemText() const
{
    if (m_status.secretStoreAvailable)
        return {};
    const QString problem = m_status.secretStoreProblem.isEmpty()
                                ? tr("The secret store is not available.")
                                : m_status.secretStoreProblem;
    return problem;
}

} // namespace botbat
