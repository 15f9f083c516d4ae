#include "AlertNotifier.h"

#include "Icons.h"
#include "alerts/AlertStore.h"
#include "core/Engine.h"

#include <QSystemTrayIcon>

namespace botbat {

AlertNotifier::AlertNotifier(Engine &engine, QObject *parent) : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(Icons::app(), this);
        m_tray->setObjectName(QStringLiteral("alertTrayIcon"));
        m_tray->setToolTip(tr("BotBat Integrations Console"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this,
                &AlertNotifier::activateLastMessage);
        m_tray->show();
    }
    connect(&engine, &Engine::alertRaised, this, &AlertNotifier::notify);
    connect(&engine, &Engine::alertSettingsChanged, this,
            [this](const AlertSettings &settings) { m_enabled = settings.desktopNotifications; });
    if (engine.status().state == EngineState::Running) {
        AlertStore *store = &engine.alerts();
        engine.runInBackground(
            this,
            [store] {
                QString error;
                return store->settings(&error).desktopNotifications;
            },
            [this](bool enabled) { m_enabled = enabled; });
    }
}

AlertNotifier::~AlertNotifier() = default;

void AlertNotifier::notify(const Alert &alert)
{
    if (!m_enabled)
        return;
    Notification shown;
    shown.title = alert.title();
    shown.message =
        alert.reason.isEmpty()
            ? alert.hint()
            : tr("%1\nClick to open its failed deliveries.").arg(alert.reason.left(300));
    shown.endpointId = alert.sourceId;
    shown.alertId = alert.id;
    m_shown.append(shown);
    if (m_shown.size() > kMaxKept)
        m_shown.removeFirst();
    if (m_tray)
        m_tray->showMessage(shown.title, shown.message, QSystemTrayIcon::Warning, kMessageMs);
}

void AlertNotifier::activateLastMessage()
{
    if (!m_shown.isEmpty())
        emit openLogRequested(m_shown.constLast().endpointId);
}

} // namespace botbat
