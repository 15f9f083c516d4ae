#pragma once

#include <QFrame>

class QAction;
class QLabel;
class QListView;
class QPushButton;
class QToolButton;

namespace botbat {

class AlertListModel;

// The Overview's alert box: a badge with the number of unread alerts, the recent alerts (a
// double-click opens that webhook's failed deliveries), "Mark all as read" and "Alerts…".
class AlertsPanel : public QFrame
{
    Q_OBJECT
public:
    AlertsPanel(AlertListModel &model, QAction *settingsAction, QWidget *parent = nullptr);

    QToolButton *badge() const { return m_badge; }
    QListView *list() const { return m_list; }
    QPushButton *markAllReadButton() const { return m_markRead; }

signals:
    void openLogRequested(qint64 endpointId);

private:
    void update();

    AlertListModel &m_model;
    QToolButton *m_badge = nullptr;
    QLabel *m_problem = nullptr;
    QListView *m_list = nullptr;
    QPushButton *m_markRead = nullptr;
};

} // namespace botbat
