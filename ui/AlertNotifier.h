#pragma once

#include "alerts/Alert.h"

#include <QList>
#include <QObject>

class QSystemTrayIcon;

namespace botbat {

class Engine;

// Desktop notifications for alerts: a system tray message naming the integration and the
// reason; clicking it asks for that webhook's delivery log, failed deliveries only. Without a
// system tray (a bare server, offscreen tests) it still decides and records what it would show,
// so the behaviour is the same and can be checked.
class AlertNotifier : public QObject
{
    Q_OBJECT
public:
    struct Notification
    {
        QString title;
        QString message;
        qint64 endpointId = 0;
        qint64 alertId = 0;
    };

    explicit AlertNotifier(Engine &engine, QObject *parent = nullptr);
    ~AlertNotifier() override;

    bool trayAvailable() const { return m_tray != nullptr; }
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled) { m_enabled = enabled; }
    // Every notification shown (or that would have been, without a tray), oldest first.
    const QList<Notification> &shown() const { return m_shown; }

public slots:
    void notify(const botbat::Alert &alert);
    // The last message was clicked (the tray's messageClicked, or a test).
    void activateLastMessage();

signals:
    void openLogRequested(qint64 endpointId);

private:
    static constexpr int kMessageMs = 10000;
    static constexpr int kMaxKept = 100;

    QSystemTrayIcon *m_tray = nullptr;
    bool m_enabled = true;
    QList<Notification> m_shown;
};

} // namespace botbat
