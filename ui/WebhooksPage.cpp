#include "WebhooksPage.h"

#include "AttemptDetailsDialog.h"
#include "ClipboardGuard.h"
#include "EmptyStatePage.h"
#include "Icons.h"
#include "PageActions.h"
#include "PageActivity.h"
#include "PageHeader.h"
#include "PageLabels.h"
#include "RetryFailedDialog.h"
#include "SendTestDialog.h"
#include "StatusColors.h"
#include "TestConnectionWizard.h"
#include "TrustedCertificatesDialog.h"
#include "WarningBanner.h"
#include "WebhookAttemptItemDelegate.h"
#include "WebhookDialog.h"
#include "WebhookEndpointItemDelegate.h"
#include "WebhookSecretDialog.h"
#include "core/Engine.h"
#include "models/WebhookTestRun.h"

#include <QAction>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace botbat {

namespace {
using Model = WebhookEndpointModel;
using Attempts = WebhookAttemptModel;
using Health = WebhookEndpoint::Health;

QTreeView *tableView(const QString &objectName, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setObjectName(objectName);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAllColumnsShowFocus(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setSortingEnabled(true);
    view->header()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->header()->setMinimumSectionSize(50);
    return view;
}
} // namespace

WebhooksPage::WebhooksPage(Engine &engine, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_model(new WebhookEndpointModel(engine, this)),
      m_attempts(new WebhookAttemptModel(engine, this)), m_clipboard(new ClipboardGuard(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_attemptsProxy(new QSortFilterProxyModel(this)),
      m_refreshTimer(new QTimer(this)), m_testTimeoutMs(WebhookTestRun::kDefaultTimeoutMs)
{
    createActions();
    createTable();

    m_banner = new WarningBanner(this);
    m_banner->setObjectName(QStringLiteral("webhooksBanner"));
    m_banner->hide();

    m_empty = new EmptyStatePage(
        Icons::category(IntegrationSummary::Category::WebhookOut), tr("No webhooks yet"),
        tr("Add Webhook sends BotBat events to your HTTPS endpoint: new messages, delivery "
           "and read receipts, conversations, contacts and campaigns, signed so that the "
           "receiver can verify them, and retried when delivery fails."),
        this);
    m_empty->setObjectName(QStringLiteral("webhooksEmptyState"));
    m_empty->addActionButton(m_addAction)->setObjectName(QStringLiteral("emptyStateAddButton"));

    m_loading = PageLabels::muted(tr("Loading webhooks\u2026"), this);
    m_loading->setObjectName(QStringLiteral("webhooksLoading"));
    m_loading->setAlignment(Qt::AlignCenter);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("webhooksSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(createAttemptsPanel());
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("webhooksStack"));
    m_stack->addWidget(m_loading);
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);
    m_header = createHeader();
    layout->addWidget(m_header);
    layout->addWidget(m_banner);
    layout->addWidget(createToolbar());
    layout->addWidget(m_stack, 1);

    m_refreshTimer->setInterval(kRefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &WebhooksPage::refresh);

    connect(m_model, &Model::loaded, this, [this] {
        m_banner->hide();
        m_header->markUpdated();
        updateView();
        updateActions();
        // The first load selects the first endpoint, so its attempts show at once.
        if (selectedEndpointId() == 0 && m_proxy->rowCount() > 0)
            m_table->setCurrentIndex(m_proxy->index(0, 0));
    });
    connect(m_model, &Model::loadFailed, this, [this](const QString &error) {
        m_banner->setMessage(tr("The webhooks cannot be read"),
                             tr("%1\nThe list is read again every %2 seconds and on F5.")
                                 .arg(error)
                                 .arg(kRefreshIntervalMs / 1000));
        m_banner->show();
    });
    connect(m_model, &Model::changeFailed, this, [this](const QString &error) {
        m_activity->showError(tr("The webhook was not changed"), error);
    });
    connect(m_model, &Model::countsChanged, this, &WebhooksPage::updateSummary);
    connect(m_model, &Model::rowsInserted, this, &WebhooksPage::updateView);
    connect(m_model, &Model::rowsRemoved, this, &WebhooksPage::updateView);
    connect(m_model, &Model::dataChanged, this, &WebhooksPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WebhooksPage::onSelectionChanged);

    connect(m_attempts, &Attempts::loaded, this, &WebhooksPage::updateAttemptsView);
    connect(m_attempts, &Attempts::pagingChanged, this, &WebhooksPage::updateAttemptsView);
    connect(m_attempts, &Attempts::rowsInserted, this, &WebhooksPage::updateAttemptsView);
    connect(m_attempts, &Attempts::rowsRemoved, this, &WebhooksPage::updateAttemptsView);
    connect(m_attempts, &Attempts::modelReset, this, &WebhooksPage::updateAttemptsView);
    connect(m_attempts, &Attempts::loadFailed, this, [this](const QString &error) {
        m_activity->showMessage(tr("Attempts not read: %1").arg(error));
    });
    connect(m_attemptsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WebhooksPage::updateActions);

    updateView();
    updateActions();
    updateSummary();
    updateAttemptsView();
    refresh();
}

WebhooksPage::~WebhooksPage() = default;

void WebhooksPage::createActions()
{
    m_addAction =
        PageActions::create(Icons::add(), tr("&Add Webhook\u2026"),
                            QStringLiteral("addWebhookAction"), QKeySequence(Qt::CTRL | Qt::Key_N),
                            tr("Send BotBat events to a new HTTPS endpoint (%1)"), this);
    connect(m_addAction, &QAction::triggered, this, &WebhooksPage::addWebhook);

    m_editAction = PageActions::create(
        Icons::edit(), tr("&Edit\u2026"), QStringLiteral("editWebhookAction"), {},
        tr("Change the selected endpoint's URL, events, secret or limits "
           "(Enter or double-click)"),
        this);
    m_editAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    // Only with the focus in the table: Enter elsewhere (a combo box, a button) is theirs.
    m_editAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_editAction, &QAction::triggered, this, &WebhooksPage::editSelected);

    // Its text and tool tip follow the selected endpoint (updateActions).
    m_toggleAction =
        PageActions::create(Icons::power(), tr("&Disable"), QStringLiteral("toggleWebhookAction"),
                            QKeySequence(Qt::CTRL | Qt::Key_E), {}, this);
    connect(m_toggleAction, &QAction::triggered, this, &WebhooksPage::toggleSelectedEnabled);

    m_testAction =
        PageActions::create(Icons::send(), tr("Send &Test"), QStringLiteral("sendTestAction"),
                            QKeySequence(Qt::CTRL | Qt::Key_T),
                            tr("Send a sample event to the selected endpoint now and see its "
                               "answer and the headers sent (%1)"),
                            this);
    connect(m_testAction, &QAction::triggered, this, &WebhooksPage::sendTestSelected);

    m_testConnectionAction = PageActions::create(
        Icons::audit(), tr("Test &Connection\u2026"), QStringLiteral("testConnectionAction"), {},
        tr("Check the selected endpoint step by step (DNS, TCP, TLS certificate, signature, "
           "HTTP answer) and see what fails and how to fix it"),
        this);
    connect(m_testConnectionAction, &QAction::triggered, this,
            [this] { testConnection(selectedEndpointId()); });

    m_rotateAction = PageActions::create(
        Icons::rotate(), tr("&Rotate Secret\u2026"), QStringLiteral("rotateSecretAction"),
        QKeySequence(Qt::CTRL | Qt::Key_R),
        tr("Make a new signing secret; the old one keeps signing beside it "
           "for 24 hours so receivers can switch over (%1)"),
        this);
    connect(m_rotateAction, &QAction::triggered, this, &WebhooksPage::rotateSelectedSecret);

    m_deleteAction =
        PageActions::create(Icons::trash(), tr("De&lete\u2026"),
                            QStringLiteral("deleteWebhookAction"), QKeySequence(Qt::Key_Delete),
                            tr("Delete the selected endpoint with its delivery log "
                               "and secret; asks first (%1)"),
                            this);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &WebhooksPage::deleteSelected);

    m_certificatesAction = PageActions::create(
        Icons::certificate(), tr("Trusted &Certificates\u2026"),
        QStringLiteral("trustedCertificatesAction"), {},
        tr("Extra CA certificates that endpoints' certificates may chain to, e.g. a corporate "
           "CA"),
        this);
    connect(m_certificatesAction, &QAction::triggered, this,
            &WebhooksPage::showTrustedCertificates);

    m_detailsAction = PageActions::create(
        QIcon(), tr("Show &Details\u2026"), QStringLiteral("attemptDetailsAction"), {},
        tr("The attempt's request, payload and response in full (Enter or double-click)"), this);
    m_detailsAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_detailsAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_detailsAction, &QAction::triggered, this,
            [this] { showAttemptDetails(selectedAttemptId()); });

    m_resendAction =
        PageActions::create(Icons::refresh(), tr("Re&send"), QStringLiteral("resendAttemptAction"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                            tr("Send the selected attempt's delivery again now, with the same "
                               "payload and delivery id (%1)"),
                            this);
    connect(m_resendAction, &QAction::triggered, this, &WebhooksPage::resendSelectedAttempt);

    m_retryFailedAction =
        PageActions::create(Icons::rotate(), tr("Retry All &Failed Since\u2026"),
                            QStringLiteral("retryFailedAction"), {},
                            tr("Queue again every delivery to this endpoint that failed "
                               "for good since a time you choose"),
                            this);
    connect(m_retryFailedAction, &QAction::triggered, this, &WebhooksPage::retryFailedSince);

    // Window shortcuts of a page's actions only fire while the page is visible (its tab is
    // current), so Ctrl+N here never clashes with another tab's.
    addActions({m_addAction, m_toggleAction, m_testAction, m_rotateAction, m_resendAction});
}

PageHeader *WebhooksPage::createHeader()
{
    return new PageHeader(
        tr("Outgoing webhooks"),
        tr("BotBat POSTs the events each endpoint subscribes to as signed JSON, retries failed "
           "deliveries up to 5 times over about 45 minutes, and records every attempt."),
        tr("The list follows changes live and is read again when the tab is "
           "shown, every %1 seconds and on F5.")
            .arg(kRefreshIntervalMs / 1000),
        {QStringLiteral("webhooksTitle"), QStringLiteral("webhooksIntro"),
         QStringLiteral("webhooksUpdatedLabel")},
        this);
}

QWidget *WebhooksPage::createToolbar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("webhooksToolbar"));

    m_summary = new QLabel(bar);
    m_summary->setObjectName(QStringLiteral("webhooksSummary"));
    m_summary->setTextFormat(Qt::RichText);

    m_activity =
        new PageActivity({QStringLiteral("webhooksMessage"), QStringLiteral("webhooksBusyLabel"),
                          QStringLiteral("webhooksBusy"), QStringLiteral("webhookError")},
                         bar);

    auto *separator = new QFrame(bar);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(
        PageActions::toolButton(m_addAction, QStringLiteral("addWebhookButton"), bar));
    buttons->addSpacing(4);
    buttons->addWidget(separator);
    buttons->addSpacing(4);
    buttons->addWidget(
        PageActions::toolButton(m_editAction, QStringLiteral("editWebhookButton"), bar));
    buttons->addWidget(
        PageActions::toolButton(m_toggleAction, QStringLiteral("toggleWebhookButton"), bar));
    buttons->addWidget(
        PageActions::toolButton(m_testAction, QStringLiteral("sendTestButton"), bar));
    buttons->addWidget(PageActions::toolButton(m_testConnectionAction,
                                               QStringLiteral("testConnectionButton"), bar));
    buttons->addWidget(
        PageActions::toolButton(m_rotateAction, QStringLiteral("rotateSecretButton"), bar));
    buttons->addWidget(
        PageActions::toolButton(m_deleteAction, QStringLiteral("deleteWebhookButton"), bar));
    buttons->addStretch(1);
    buttons->addWidget(PageActions::toolButton(m_certificatesAction,
                                               QStringLiteral("trustedCertificatesButton"), bar));

    auto *status = new QHBoxLayout;
    status->setSpacing(8);
    status->addWidget(m_summary);
    status->addSpacing(16);
    status->addWidget(m_activity, 1);

    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addLayout(buttons);
    layout->addLayout(status);
    return bar;
}

void WebhooksPage::createTable()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Model::SortRole);
    m_table = tableView(QStringLiteral("webhooksTable"), this);
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new WebhookEndpointItemDelegate(m_table));
    // Unsorted until the admin sorts: the model's own order (newest first).
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setMinimumHeight(120);
    QHeaderView *header = m_table->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(Model::UrlColumn, QHeaderView::Stretch);
    header->resizeSection(Model::HealthColumn, 118);
    header->resizeSection(Model::DescriptionColumn, 190);
    header->resizeSection(Model::EventsColumn, 92);
    header->resizeSection(Model::LastDeliveryColumn, 200);
    header->resizeSection(Model::EnabledColumn, 78);
    m_table->addActions({m_editAction, m_deleteAction});
    // Double-click opens Edit (Enter is the action's shortcut); the Enabled check box is
    // clicked, not double-clicked, so it never opens the dialog by accident.
    connect(m_table, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != Model::EnabledColumn)
            editSelected();
    });
    connect(m_table, &QTreeView::customContextMenuRequested, this, &WebhooksPage::showEndpointMenu);
}

QWidget *WebhooksPage::createAttemptsPanel()
{
    auto *panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("attemptsPanel"));

    auto *title = new QLabel(tr("Recent attempts"), panel);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_attemptsTitle = PageLabels::muted(QString(), panel);
    m_attemptsTitle->setObjectName(QStringLiteral("attemptsEndpointLabel"));
    m_attemptsTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_outcome = new QComboBox(panel);
    m_outcome->setObjectName(QStringLiteral("attemptOutcomeCombo"));
    m_outcome->addItem(tr("All"), int(Attempts::Outcome::Any));
    m_outcome->addItem(tr("Succeeded"), int(Attempts::Outcome::Succeeded));
    m_outcome->addItem(tr("Failed"), int(Attempts::Outcome::Failed));
    m_outcome->setToolTip(tr("Show every attempt, or only those that succeeded or failed"));
    auto *outcomeLabel = new QLabel(tr("S&how:"), panel);
    outcomeLabel->setBuddy(m_outcome);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] {
        m_attempts->setOutcome(Attempts::Outcome(m_outcome->currentData().toInt()));
    });

    auto *head = new QHBoxLayout;
    head->setSpacing(8);
    head->addWidget(title);
    head->addWidget(m_attemptsTitle, 1);
    head->addWidget(outcomeLabel);
    head->addWidget(m_outcome);
    head->addSpacing(8);
    head->addWidget(
        PageActions::toolButton(m_resendAction, QStringLiteral("resendAttemptButton"), panel));
    head->addWidget(
        PageActions::toolButton(m_retryFailedAction, QStringLiteral("retryFailedButton"), panel));

    m_attemptsProxy->setSourceModel(m_attempts);
    m_attemptsProxy->setSortRole(Attempts::SortRole);
    m_attemptsTable = tableView(QStringLiteral("attemptsTable"), panel);
    m_attemptsTable->setModel(m_attemptsProxy);
    m_attemptsTable->setItemDelegate(new WebhookAttemptItemDelegate(m_attemptsTable));
    m_attemptsTable->sortByColumn(-1, Qt::AscendingOrder);
    QHeaderView *header = m_attemptsTable->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(Attempts::ResultColumn, QHeaderView::Stretch);
    // Sized so that at the window's minimum width the Result column keeps room for the badge
    // and the start of the error.
    header->resizeSection(Attempts::TimeColumn, 146);
    header->resizeSection(Attempts::EventColumn, 170);
    header->resizeSection(Attempts::AttemptColumn, 64);
    header->resizeSection(Attempts::StatusColumn, 50);
    header->resizeSection(Attempts::DurationColumn, 82);
    header->resizeSection(Attempts::NextRetryColumn, 140);
    m_attemptsTable->addAction(m_detailsAction);
    connect(m_attemptsTable, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        showAttemptDetails(index.data(Attempts::IdRole).toLongLong());
    });
    connect(m_attemptsTable, &QTreeView::customContextMenuRequested, this,
            &WebhooksPage::showAttemptMenu);

    m_attemptsEmpty = PageLabels::muted(QString(), panel);
    m_attemptsEmpty->setObjectName(QStringLiteral("attemptsEmptyLabel"));
    m_attemptsEmpty->setAlignment(Qt::AlignCenter);
    m_attemptsEmpty->setWordWrap(true);

    m_attemptsStack = new QStackedWidget(panel);
    m_attemptsStack->setObjectName(QStringLiteral("attemptsStack"));
    m_attemptsStack->addWidget(m_attemptsTable);
    m_attemptsStack->addWidget(m_attemptsEmpty);

    m_attemptsCount = PageLabels::muted(QString(), panel);
    m_attemptsCount->setObjectName(QStringLiteral("attemptsCountLabel"));
    m_loadMore = new QPushButton(tr("Load &Older Attempts"), panel);
    m_loadMore->setObjectName(QStringLiteral("loadMoreAttemptsButton"));
    m_loadMore->setToolTip(
        tr("Read the next %1 older attempts from the delivery log").arg(Attempts::kPageSize));
    connect(m_loadMore, &QPushButton::clicked, m_attempts, &Attempts::loadMore);

    auto *foot = new QHBoxLayout;
    foot->setSpacing(8);
    foot->addWidget(m_attemptsCount, 1);
    foot->addWidget(m_loadMore);

    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(head);
    layout->addWidget(m_attemptsStack, 1);
    layout->addLayout(foot);
    return panel;
}

void WebhooksPage::refresh()
{
    m_model->refresh();
    m_attempts->refresh();
}

void WebhooksPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void WebhooksPage::hideEvent(QHideEvent *event)
{
    m_refreshTimer->stop();
    QWidget::hideEvent(event);
}

qint64 WebhooksPage::selectedEndpointId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(Model::IdRole).toLongLong();
}

std::optional<WebhookEndpoint> WebhooksPage::selectedEndpoint() const
{
    return m_model->endpoint(selectedEndpointId());
}

void WebhooksPage::selectEndpoint(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

qint64 WebhooksPage::selectedAttemptId() const
{
    const QModelIndexList rows = m_attemptsTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(Attempts::IdRole).toLongLong();
}

void WebhooksPage::onSelectionChanged()
{
    const qint64 id = selectedEndpointId();
    if (id != m_shownEndpoint) {
        m_shownEndpoint = id;
        m_attempts->setEndpoint(id);
    }
    updateActions();
    updateAttemptsView();
}

void WebhooksPage::updateActions()
{
    const auto endpoint = selectedEndpoint();
    const bool any = endpoint.has_value();
    m_editAction->setEnabled(any);
    m_toggleAction->setEnabled(any);
    m_testAction->setEnabled(any);
    m_testConnectionAction->setEnabled(any);
    m_rotateAction->setEnabled(any);
    m_deleteAction->setEnabled(any);
    m_retryFailedAction->setEnabled(any);
    const bool enabled = !any || endpoint->enabled;
    m_toggleAction->setText(enabled ? tr("&Disable") : tr("E&nable"));
    m_toggleAction->setToolTip(
        (enabled ? tr("Stop sending events to the selected endpoint until it is enabled again "
                      "(%1)")
                 : tr("Send events to the selected endpoint again (%1)"))
            .arg(PageActions::shortcutHint(m_toggleAction)));
    if (any && !endpoint->hasSecret)
        m_rotateAction->setText(tr("&Add Secret\u2026"));
    else
        m_rotateAction->setText(tr("&Rotate Secret\u2026"));

    const QModelIndexList attempts = m_attemptsTable->selectionModel()->selectedRows();
    const bool attempt = !attempts.isEmpty();
    m_detailsAction->setEnabled(attempt);
    // Tests are sent once by design; a resend is for real deliveries.
    m_resendAction->setEnabled(attempt && !attempts.first().data(Attempts::IsTestRole).toBool());
}

void WebhooksPage::updateView()
{
    if (!m_model->isLoaded())
        m_stack->setCurrentWidget(m_loading);
    else if (m_model->rowCount() == 0)
        m_stack->setCurrentWidget(m_empty);
    else
        m_stack->setCurrentWidget(m_splitter);
}

void WebhooksPage::updateSummary()
{
    m_summary->setVisible(m_model->isLoaded());
    const struct
    {
        Health health;
        QString label;
        QString toolTip;
    } parts[] = {
        {Health::Connected, tr("connected"), tr("The last delivery succeeded")},
        {Health::Error, tr("failing"), tr("The last delivery failed; hover the row for why")},
        {Health::Inactive, tr("inactive"),
         tr("Disabled by an admin, by 410 Gone, or after "
            "failing for days")},
        {Health::Waiting, tr("waiting"), tr("Enabled, nothing sent yet")},
    };
    QStringList pieces;
    QStringList tips;
    for (const auto &part : parts) {
        const int count = m_model->countWithHealth(part.health);
        if (part.health == Health::Waiting && count == 0)
            continue;
        const QColor color =
            count > 0 ? StatusColors::forWebhookHealth(part.health) : StatusColors::muted();
        pieces.append(QStringLiteral("<span style=\"color:%1\">\u25CF</span>&nbsp;%2 %3")
                          .arg(color.name())
                          .arg(count)
                          .arg(part.label.toHtmlEscaped()));
        tips.append(tr("%1 %2: %3").arg(count).arg(part.label, part.toolTip));
    }
    m_summary->setText(pieces.join(QStringLiteral("&nbsp;&nbsp;&nbsp;")));
    m_summary->setToolTip(tips.join(QLatin1Char('\n')));
}

void WebhooksPage::updateAttemptsView()
{
    const auto endpoint = selectedEndpoint();
    m_attemptsTitle->setText(endpoint ? tr("\u2014 %1").arg(endpoint->url) : QString());
    m_attemptsTitle->setToolTip(endpoint ? endpoint->url : QString());
    m_outcome->setEnabled(endpoint.has_value());
    const int rows = m_attempts->rowCount();
    if (!endpoint) {
        m_attemptsEmpty->setText(tr("Select an endpoint to see its delivery attempts."));
        m_attemptsStack->setCurrentWidget(m_attemptsEmpty);
    } else if (rows == 0) {
        QString text;
        if (!m_attempts->isLoaded())
            text = tr("Loading attempts\u2026");
        else if (m_attempts->outcome() == Attempts::Outcome::Failed)
            text = tr("No failed attempts. Everything sent to this endpoint was delivered.");
        else if (m_attempts->outcome() == Attempts::Outcome::Succeeded)
            text = tr("No successful attempts yet. Show All to see the failures and why.");
        else
            text = tr("Nothing has been sent to this endpoint yet. Send Test (%1) sends a sample "
                      "now; events it subscribes to are sent as they happen.")
                       .arg(PageActions::shortcutHint(m_testAction));
        m_attemptsEmpty->setText(text);
        m_attemptsStack->setCurrentWidget(m_attemptsEmpty);
    } else {
        m_attemptsStack->setCurrentWidget(m_attemptsTable);
    }
    m_attemptsCount->setText(endpoint && rows > 0
                                 ? (rows == 1 ? tr("1 attempt shown, newest first")
                                              : tr("%1 attempts shown, newest first").arg(rows))
                                 : QString());
    m_loadMore->setVisible(endpoint && m_attempts->canLoadMore());
    m_loadMore->setEnabled(!m_attempts->isLoading());
    updateActions();
}

void WebhooksPage::showEndpointMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("webhookContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    if (m_table->indexAt(position).isValid()) {
        menu->addAction(m_editAction);
        menu->addAction(m_toggleAction);
        menu->addAction(m_testAction);
        menu->addAction(m_testConnectionAction);
        menu->addAction(m_rotateAction);
        menu->addSeparator();
        menu->addAction(m_deleteAction);
        menu->addSeparator();
    }
    menu->addAction(m_addAction);
    menu->addAction(m_certificatesAction);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void WebhooksPage::showAttemptMenu(const QPoint &position)
{
    if (!m_attemptsTable->indexAt(position).isValid())
        return;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("attemptContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    menu->addAction(m_detailsAction);
    menu->addAction(m_resendAction);
    menu->addSeparator();
    menu->addAction(m_retryFailedAction);
    menu->popup(m_attemptsTable->viewport()->mapToGlobal(position));
}

// An add or edit dialog stays open while the engine saves: a failure is shown in it next to its
// field (or, if it was closed meanwhile, in a message box); a success closes it, says what was
// saved (done's text) and shows a secret the save generated, the only time it is shown.
WebhookEndpointModel::Callback<WebhookStore::Saved>
WebhooksPage::whenSaved(WebhookDialog *dialog, const QString &failureTitle,
                        std::function<QString(const WebhookStore::Saved &)> done)
{
    return [this, guard = QPointer<WebhookDialog>(dialog), failureTitle,
            done = std::move(done)](const DomainResult<WebhookStore::Saved> &result) {
        m_activity->endWork();
        if (!result) {
            if (guard) {
                guard->setBusy(false);
                guard->showError(result.error());
            } else {
                m_activity->showError(failureTitle, result.error().message());
            }
            return;
        }
        if (guard)
            guard->accept();
        m_activity->showMessage(done(result.value()));
        if (!result->generatedSecret.isEmpty())
            showSecret(result.value());
    };
}

void WebhooksPage::addWebhook()
{
    if (auto *open = findChild<WebhookDialog *>(); open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new WebhookDialog(*m_clipboard, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookDialog::submitted, this, [this, dialog] {
        dialog->setBusy(true);
        m_activity->beginWork(tr("Adding the webhook\u2026"));
        m_model->create(dialog->input(),
                        whenSaved(dialog, tr("The webhook was not added"),
                                  [this](const WebhookStore::Saved &saved) {
                                      selectEndpoint(saved.endpoint.id);
                                      return tr("Added %1: it receives its events from now on.")
                                          .arg(saved.endpoint.url);
                                  }));
    });
    dialog->open();
}

void WebhooksPage::editSelected()
{
    const auto endpoint = selectedEndpoint();
    if (!endpoint)
        return;
    auto *dialog = new WebhookDialog(*endpoint, *m_clipboard, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = endpoint->id;
    connect(dialog, &WebhookDialog::secretRequested, this, [this, dialog, id] {
        m_model->loadSecret(
            id, [guard = QPointer<WebhookDialog>(dialog)](const DomainResult<QString> &result) {
                if (!guard)
                    return;
                if (result)
                    guard->setStoredSecret(result.value());
                else
                    guard->storedSecretFailed(result.error().message());
            });
    });
    connect(dialog, &WebhookDialog::submitted, this, [this, dialog, id] {
        dialog->setBusy(true);
        m_activity->beginWork(tr("Saving the webhook\u2026"));
        m_model->update(id, dialog->input(),
                        whenSaved(dialog, tr("The changes were not saved"),
                                  [](const WebhookStore::Saved &saved) {
                                      return tr("Saved %1.").arg(saved.endpoint.url);
                                  }));
    });
    dialog->open();
}

void WebhooksPage::toggleSelectedEnabled()
{
    const auto endpoint = selectedEndpoint();
    if (!endpoint)
        return;
    const bool enable = !endpoint->enabled;
    m_activity->beginWork(enable ? tr("Enabling\u2026") : tr("Disabling\u2026"));
    m_model->setEnabled(
        endpoint->id, enable, [this, enable](const DomainResult<WebhookEndpoint> &result) {
            m_activity->endWork();
            if (!result) {
                m_activity->showError(enable ? tr("The webhook was not enabled")
                                             : tr("The webhook was not disabled"),
                                      result.error().message());
                return;
            }
            m_activity->showMessage(
                enable ? tr("Enabled %1: it receives new events again.").arg(result->url)
                       : tr("Disabled %1: it receives no events until "
                            "it is enabled again.")
                             .arg(result->url));
        });
}

void WebhooksPage::sendTestSelected()
{
    const auto endpoint = selectedEndpoint();
    if (!endpoint)
        return;
    auto *dialog = new SendTestDialog(m_engine, *endpoint, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->run().setTimeoutMs(m_testTimeoutMs);
    dialog->open();
    // One click: the first send goes with the endpoint's first event; others from the dialog.
    dialog->send();
}

void WebhooksPage::testConnection(qint64 endpointId)
{
    auto *wizard = new TestConnectionWizard(m_engine, endpointId, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &TestConnectionWizard::webhookSaved, this, [this](qint64 id) {
        m_activity->showMessage(tr("Added the tested URL as a webhook; it receives its events "
                                   "from now on."));
        m_model->refresh();
        connect(
            m_model, &Model::loaded, this, [this, id] { selectEndpoint(id); },
            Qt::SingleShotConnection);
    });
    wizard->open();
}

void WebhooksPage::rotateSelectedSecret()
{
    const auto endpoint = selectedEndpoint();
    if (!endpoint)
        return;
    const WebhookEndpoint target = *endpoint;
    auto *box =
        new QMessageBox(QMessageBox::Question,
                        target.hasSecret ? tr("Rotate Signing Secret") : tr("Add Signing Secret"),
                        target.hasSecret ? tr("Make a new signing secret for %1?").arg(target.url)
                                         : tr("Sign deliveries to %1 from now on?").arg(target.url),
                        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("rotateSecretConfirmation"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        target.hasSecret
            ? tr("For the next %1 hours every delivery is signed with both the old and the new "
                 "secret, so the receiver keeps verifying while you give it the new one. After "
                 "that only the new secret signs.")
                  .arg(WebhookStore::kDefaultRotationOverlapMs / (3600 * 1000))
            : tr("A new secret is generated and shown so that you can give it to the receiver."));
    QPushButton *rotate = box->addButton(target.hasSecret ? tr("Rotate Secret") : tr("Add Secret"),
                                         QMessageBox::AcceptRole);
    rotate->setObjectName(QStringLiteral("confirmRotateSecretButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelRotateSecretButton"));
    box->setDefaultButton(rotate);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, rotate, target](QAbstractButton *button) {
                if (button != rotate)
                    return;
                m_activity->beginWork(tr("Rotating the secret\u2026"));
                m_model->rotateSecret(
                    target.id, [this](const DomainResult<WebhookStore::Saved> &result) {
                        m_activity->endWork();
                        if (!result) {
                            m_activity->showError(tr("The secret was not rotated"),
                                                  result.error().message());
                            return;
                        }
                        showSecret(result.value());
                    });
            });
    box->open();
}

void WebhooksPage::deleteSelected()
{
    const auto endpoint = selectedEndpoint();
    if (!endpoint)
        return;
    const WebhookEndpoint target = *endpoint;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Webhook"),
                                tr("Delete the webhook to %1?").arg(target.url),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteWebhookConfirmation"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("Its delivery log (every attempt, with requests and responses) and its signing "
           "secret are deleted with it, and deliveries still queued are not sent. This cannot "
           "be undone. To stop deliveries for a while, disable it instead."));
    QPushButton *remove = box->addButton(tr("Delete Webhook"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteWebhookButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelDeleteWebhookButton"));
    // A destructive action is never what Enter or Escape does.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, remove, target](QAbstractButton *button) {
                if (button != remove)
                    return;
                m_activity->beginWork(tr("Deleting the webhook\u2026"));
                m_model->remove(target.id, [this, target](const DomainResult<qint64> &result) {
                    m_activity->endWork();
                    if (!result) {
                        m_activity->showError(tr("The webhook was not deleted"),
                                              result.error().message());
                        return;
                    }
                    m_activity->showMessage(tr("Deleted %1 and its delivery log.").arg(target.url));
                });
            });
    box->open();
}

void WebhooksPage::showTrustedCertificates()
{
    if (!m_certificates)
        m_certificates = new TrustedCertificatesDialog(m_engine, this);
    m_certificates->show();
    m_certificates->raise();
    m_certificates->activateWindow();
}

void WebhooksPage::resendSelectedAttempt()
{
    const QModelIndexList rows = m_attemptsTable->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().data(Attempts::IsTestRole).toBool())
        return;
    resend(rows.first().data(Attempts::DeliveryIdRole).toLongLong());
}

void WebhooksPage::resend(qint64 deliveryId)
{
    m_activity->beginWork(tr("Resending\u2026"));
    m_attempts->resend(deliveryId, [this](const DomainResult<WebhookDelivery> &result) {
        m_activity->endWork();
        if (!result) {
            m_activity->showError(tr("The delivery was not resent"), result.error().message());
            return;
        }
        m_activity->showMessage(
            tr("Resending %1 (%2) now; the attempt appears at the top.")
                .arg(QString::fromLatin1(result->messageId()), result->eventType));
    });
}

void WebhooksPage::retryFailedSince()
{
    const auto endpoint = selectedEndpoint();
    if (!endpoint)
        return;
    auto *dialog = new RetryFailedDialog(endpoint->url, m_model->now(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RetryFailedDialog::submitted, this, [this, dialog] {
        dialog->setBusy(true);
        m_activity->beginWork(tr("Queueing failed deliveries\u2026"));
        m_attempts->retryFailedSince(dialog->since(), [this,
                                                       guard = QPointer<RetryFailedDialog>(dialog)](
                                                          const DomainResult<int> &result) {
            m_activity->endWork();
            if (!result) {
                if (guard)
                    guard->showError(result.error().message());
                else
                    m_activity->showError(tr("Nothing was retried"), result.error().message());
                return;
            }
            if (guard)
                guard->showResult(result.value());
            m_activity->showMessage(tr("Queued %1 failed deliveries again.").arg(result.value()));
        });
    });
    dialog->open();
}

void WebhooksPage::showAttemptDetails(qint64 attemptId)
{
    if (attemptId == 0)
        return;
    auto *dialog = new AttemptDetailsDialog(attemptId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AttemptDetailsDialog::resendRequested, this, &WebhooksPage::resend);
    m_attempts->loadDetails(attemptId, [this, guard = QPointer<AttemptDetailsDialog>(dialog)](
                                           const DomainResult<WebhookAttemptDetails> &result) {
        if (!guard)
            return;
        if (result)
            guard->setDetails(result.value(), m_attempts->now());
        else
            guard->showError(result.error().message());
    });
    dialog->open();
}

void WebhooksPage::showSecret(const WebhookStore::Saved &saved)
{
    auto *dialog = new WebhookSecretDialog(saved.endpoint, saved.generatedSecret, m_model->now(),
                                           *m_clipboard, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace botbat
