#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QTreeView;

namespace botbat {

class EngineStatusModel;
class IntegrationOverviewModel;
class WarningBanner;

// The Overview tab: every integration the engine runs, grouped by category, with its health.
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    OverviewPage(IntegrationOverviewModel &model, EngineStatusModel &status, QAction *refreshAction,
                 QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    // The alert box (badge, recent alerts), shown between the summary and the tree.
    void setAlertsPanel(QWidget *panel);
    QWidget *alertsPanel() const { return m_alerts; }

private:
    void updateBanner();
    void updateSummary();
    void onLoaded();

    IntegrationOverviewModel &m_model;
    EngineStatusModel &m_status;
    WarningBanner *m_banner = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_updated = nullptr;
    QTreeView *m_tree = nullptr;
    QWidget *m_alerts = nullptr;
    bool m_expandedOnce = false;
};

} // namespace botbat
