#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QTabWidget;

namespace botbat {

class AlertListModel;
class AlertNotifier;
class ApiKeysPage;
class DeliveryLogPage;
class Engine;
class EngineStatusModel;
class IntegrationOverviewModel;
class OverviewPage;
class WebhooksPage;

// The console's window: one tab per area of the BotBat Integrations page, a status bar that
// follows the engine, and geometry/state/last tab kept in QSettings between runs.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Engine &engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    QTabWidget *tabs() const { return m_tabs; }
    IntegrationOverviewModel &overviewModel() const { return *m_overviewModel; }
    ApiKeysPage *apiKeysPage() const { return m_apiKeys; }
    WebhooksPage *webhooksPage() const { return m_webhooks; }
    DeliveryLogPage *deliveryLogPage() const { return m_deliveryLog; }
    AlertListModel &alertsModel() const { return *m_alertsModel; }
    AlertNotifier *alertNotifier() const { return m_alertNotifier; }

public slots:
    // Shows the Delivery Log tab filtered to endpointId (0: all), failed attempts only when
    // failedOnly: where an alert or a webhook's "Delivery log" leads.
    void openDeliveryLog(qint64 endpointId, bool failedOnly);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages(Engine &engine);
    void createAlerts(Engine &engine);
    void createActions();
    void createMenus();
    void createStatusBar();
    void updateStatusBar();
    void restoreSettings();
    void saveSettings() const;
    void showAbout();

    EngineStatusModel *m_status = nullptr;
    IntegrationOverviewModel *m_overviewModel = nullptr;
    QTabWidget *m_tabs = nullptr;
    OverviewPage *m_overview = nullptr;
    ApiKeysPage *m_apiKeys = nullptr;
    WebhooksPage *m_webhooks = nullptr;
    DeliveryLogPage *m_deliveryLog = nullptr;
    QLabel *m_engineStateDot = nullptr;
    QLabel *m_engineStateLabel = nullptr;
    QLabel *m_apiAddressLabel = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_testConnectionAction = nullptr;
    AlertListModel *m_alertsModel = nullptr;
    AlertNotifier *m_alertNotifier = nullptr;
    QAction *m_alertSettingsAction = nullptr;
    QList<QAction *> m_tabActions;
};

} // namespace botbat
