#include "MainWindow.h"

#include "AlertNotifier.h"
#include "AlertSettingsDialog.h"
#include "AlertsPanel.h"
#include "ApiKeysPage.h"
#include "DeliveryLogPage.h"
#include "EmptyStatePage.h"
#include "Icons.h"
#include "OverviewPage.h"
#include "StatusColors.h"
#include "WebhooksPage.h"
#include "core/Engine.h"
#include "models/AlertListModel.h"
#include "models/EngineStatusModel.h"
#include "models/IntegrationOverviewModel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFrame>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace botbat {

namespace {
using Category = IntegrationSummary::Category;

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kTabKey = QStringLiteral("mainWindow/tab");

// Long database paths are shortened in the middle; the tooltip keeps the whole path.
constexpr int kDatabaseLabelWidth = 440;

QPixmap dot(const QColor &color, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1.0, size - 1.0));
    return pixmap;
}

QFrame *separator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}
} // namespace

MainWindow::MainWindow(Engine &engine, QWidget *parent)
    : QMainWindow(parent), m_status(new EngineStatusModel(engine, this)),
      m_overviewModel(new IntegrationOverviewModel(engine, this))
{
    Icons::ensureLoaded();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("BotBat Integrations Console"));
    setWindowIcon(Icons::app());
    setMinimumSize(1000, 680);

    createActions();
    createPages(engine);
    createAlerts(engine);
    createMenus();
    createStatusBar();
    restoreSettings();

    connect(m_status, &EngineStatusModel::changed, this, &MainWindow::updateStatusBar);
    m_overviewModel->refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_refreshAction = new QAction(Icons::refresh(), tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setToolTip(
        tr("Read the integrations, API keys and webhooks from the engine again (F5)"));
    connect(m_refreshAction, &QAction::triggered, m_overviewModel,
            &IntegrationOverviewModel::refresh);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_quitAction->setToolTip(tr("Close the console and stop the engine (Ctrl+Q)"));
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(Icons::app(), tr("&About BotBat Integrations Console"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    m_aboutAction->setToolTip(tr("Version and what this console does"));
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createPages(Engine &engine)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setIconSize(QSize(16, 16));

    m_overview = new OverviewPage(*m_overviewModel, *m_status, m_refreshAction, m_tabs);
    m_overview->setObjectName(QStringLiteral("overviewPage"));
    m_tabs->addTab(m_overview, Icons::overview(), tr("Overview"));

    const struct
    {
        const char *objectName;
        QIcon icon;
        QString tab;
        QString title;
        QString text;
    } pages[] = {
        {"crmPage", Icons::category(Category::Crm), tr("CRM"), tr("CRM connections"),
         tr("Connect BotBat to your CRM so that contacts and conversations stay in sync in both "
            "directions, with field mapping and a record of every sync run. Setting up CRM "
            "connections from the console is not available in this version yet; connections "
            "the engine already runs are listed on the Overview.")},
        {"incomingPage", Icons::category(Category::WebhookIn), tr("Incoming"),
         tr("Incoming webhooks"),
         tr("Give other systems an address to call that starts a BotBat workflow, such as "
            "sending a message when an order ships, with the request's signature checked "
            "first. Managing incoming webhooks is not available in this version yet.")},
    };
    for (const auto &page : pages) {
        auto *widget = new EmptyStatePage(page.icon, page.title, page.text, m_tabs);
        widget->setObjectName(QLatin1String(page.objectName));
        m_tabs->addTab(widget, page.icon, page.tab);
    }
    // Third, after CRM, in the order of BotBat's Integrations page.
    m_apiKeys = new ApiKeysPage(engine, m_tabs);
    m_apiKeys->setObjectName(QStringLiteral("apiKeysPage"));
    m_tabs->insertTab(2, m_apiKeys, Icons::category(Category::ApiKey), tr("API Keys"));
    // F5 reads the API keys again too (that tab also refreshes itself when shown).
    connect(m_refreshAction, &QAction::triggered, m_apiKeys, &ApiKeysPage::refresh);
    m_webhooks = new WebhooksPage(engine, m_tabs);
    m_webhooks->setObjectName(QStringLiteral("webhooksPage"));
    m_tabs->insertTab(3, m_webhooks, Icons::category(Category::WebhookOut), tr("Webhooks"));
    connect(m_refreshAction, &QAction::triggered, m_webhooks, &WebhooksPage::refresh);
    // From any tab; the Webhooks tab also opens it on the selected endpoint.
    m_testConnectionAction = new QAction(Icons::audit(), tr("&Test Connection\u2026"), this);
    m_testConnectionAction->setObjectName(QStringLiteral("testConnectionMenuAction"));
    m_testConnectionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_testConnectionAction->setToolTip(
        tr("Check step by step whether an endpoint can receive BotBat's requests (Ctrl+Shift+T)"));
    connect(m_testConnectionAction, &QAction::triggered, m_webhooks,
            [this] { m_webhooks->testConnection(0); });
    addAction(m_testConnectionAction);
    m_deliveryLog = new DeliveryLogPage(engine, m_tabs);
    m_deliveryLog->setObjectName(QStringLiteral("deliveryLogPage"));
    m_tabs->addTab(m_deliveryLog, Icons::deliveryLog(), tr("Delivery Log"));
    setCentralWidget(m_tabs);

    auto *group = new QActionGroup(this);
    for (int tab = 0; tab < m_tabs->count(); ++tab) {
        QWidget *page = m_tabs->widget(tab);
        auto *action = new QAction(m_tabs->tabIcon(tab), m_tabs->tabText(tab), this);
        action->setObjectName(page->objectName() + QStringLiteral("Action"));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + tab)));
        action->setToolTip(
            tr("Show the %1 tab (%2)")
                .arg(m_tabs->tabText(tab), action->shortcut().toString(QKeySequence::NativeText)));
        group->addAction(action);
        connect(action, &QAction::triggered, m_tabs,
                [this, page] { m_tabs->setCurrentWidget(page); });
        m_tabActions.append(action);
    }
    m_tabActions.first()->setChecked(true);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab >= 0 && tab < m_tabActions.size())
            m_tabActions.at(tab)->setChecked(true);
    });
}

void MainWindow::createAlerts(Engine &engine)
{
    m_alertSettingsAction = new QAction(Icons::warning(), tr("&Alerts\u2026"), this);
    m_alertSettingsAction->setObjectName(QStringLiteral("alertSettingsAction"));
    m_alertSettingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_alertSettingsAction->setToolTip(
        tr("Desktop notifications, the alert webhook and the burst window (Ctrl+Shift+A)"));
    connect(m_alertSettingsAction, &QAction::triggered, this, [this, &engine] {
        AlertSettingsDialog dialog(engine, this);
        dialog.exec();
    });

    m_alertsModel = new AlertListModel(engine, this);
    auto *panel = new AlertsPanel(*m_alertsModel, m_alertSettingsAction, m_overview);
    m_overview->setAlertsPanel(panel);
    m_alertNotifier = new AlertNotifier(engine, this);
    // An alert leads to what failed: that webhook's deliveries, failed ones only.
    connect(m_alertNotifier, &AlertNotifier::openLogRequested, this,
            [this](qint64 endpointId) { openDeliveryLog(endpointId, true); });
    connect(panel, &AlertsPanel::openLogRequested, this,
            [this](qint64 endpointId) { openDeliveryLog(endpointId, true); });
    connect(m_refreshAction, &QAction::triggered, m_alertsModel, &AlertListModel::refresh);
    m_alertsModel->refresh();
}

void MainWindow::openDeliveryLog(qint64 endpointId, bool failedOnly)
{
    m_tabs->setCurrentWidget(m_deliveryLog);
    m_deliveryLog->openFiltered(endpointId, failedOnly);
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->setToolTipsVisible(true);
    file->addAction(m_testConnectionAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->setToolTipsVisible(true);
    view->addActions(m_tabActions);
    view->addSeparator();
    view->addAction(m_refreshAction);
    view->addAction(m_alertSettingsAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->setToolTipsVisible(true);
    help->addAction(m_aboutAction);
}

void MainWindow::createStatusBar()
{
    QStatusBar *bar = statusBar();
    bar->setObjectName(QStringLiteral("statusBar"));

    m_engineStateDot = new QLabel(bar);
    m_engineStateDot->setObjectName(QStringLiteral("engineStateDot"));
    m_engineStateLabel = new QLabel(bar);
    m_engineStateLabel->setObjectName(QStringLiteral("engineStateLabel"));
    m_apiAddressLabel = new QLabel(bar);
    m_apiAddressLabel->setObjectName(QStringLiteral("apiAddressLabel"));
    m_apiAddressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_databaseLabel = new QLabel(bar);
    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Permanent widgets, so transient messages and action tips never cover the engine state.
    bar->addPermanentWidget(m_engineStateDot);
    bar->addPermanentWidget(m_engineStateLabel);
    bar->addPermanentWidget(separator(bar));
    bar->addPermanentWidget(m_apiAddressLabel);
    bar->addPermanentWidget(separator(bar));
    bar->addPermanentWidget(m_databaseLabel);
    updateStatusBar();
}

void MainWindow::updateStatusBar()
{
    m_engineStateDot->setPixmap(dot(StatusColors::forTone(m_status->stateTone()), 10));
    m_engineStateLabel->setText(m_status->stateText());
    m_engineStateLabel->setToolTip(m_status->stateToolTip());
    m_engineStateDot->setToolTip(m_status->stateToolTip());
    m_apiAddressLabel->setText(m_status->apiText());
    m_apiAddressLabel->setToolTip(m_status->apiToolTip());
    const QString database = m_status->databaseText();
    m_databaseLabel->setText(
        m_databaseLabel->fontMetrics().elidedText(database, Qt::ElideMiddle, kDatabaseLabelWidth));
    m_databaseLabel->setToolTip(m_status->databaseToolTip());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1200, 760);
    restoreState(settings.value(kStateKey).toByteArray());
    // Stored by object name, so reordering tabs in a later version keeps the meaning.
    const QString tab = settings.value(kTabKey).toString();
    if (auto *page = m_tabs->findChild<QWidget *>(tab); page && m_tabs->indexOf(page) >= 0)
        m_tabs->setCurrentWidget(page);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kTabKey, m_tabs->currentWidget()->objectName());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About BotBat Integrations Console"),
        tr("<h3>BotBat Integrations Console %1</h3>"
           "<p>Runs and monitors the integrations of the BotBat customer-engagement platform: "
           "CRM connections, outgoing and incoming webhooks, and API keys.</p>"
           "<p>The engine keeps running only while this window is open; use "
           "<code>--headless</code> to run it without a window.</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
}

} // namespace botbat
