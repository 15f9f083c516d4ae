#include "ApiKeysPage.h"

#include "ApiKeyItemDelegate.h"
#include "AuditLogDialog.h"
#include "ClipboardGuard.h"
#include "CreateApiKeyDialog.h"
#include "EmptyStatePage.h"
#include "Icons.h"
#include "NewApiKeyDialog.h"
#include "PageActions.h"
#include "PageActivity.h"
#include "PageHeader.h"
#include "PageLabels.h"
#include "RotateApiKeyDialog.h"
#include "StatusColors.h"
#include "WarningBanner.h"
#include "models/AuditLogModel.h"

#include <QAction>
#include <QClipboard>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace botbat {

namespace {
using Model = ApiKeyModel;
using State = ApiKey::State;
} // namespace

ApiKeysPage::ApiKeysPage(Engine &engine, QWidget *parent)
    : QWidget(parent), m_model(new ApiKeyModel(engine, this)),
      m_auditModel(new AuditLogModel(engine, this)), m_clipboard(new ClipboardGuard(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_refreshTimer(new QTimer(this))
{
    createActions();
    createTable();

    m_banner = new WarningBanner(this);
    m_banner->setObjectName(QStringLiteral("apiKeysBanner"));
    m_banner->hide();

    m_empty = new EmptyStatePage(
        Icons::category(IntegrationSummary::Category::ApiKey), tr("No API keys yet"),
        tr("Create one to let other systems call the BotBat API. Give each system its own key "
           "with only the scopes it needs; a key is shown once, when it is created."),
        this);
    m_empty->setObjectName(QStringLiteral("apiKeysEmptyState"));
    m_empty->addActionButton(m_createAction)
        ->setObjectName(QStringLiteral("emptyStateCreateButton"));

    m_loading = PageLabels::muted(tr("Loading API keys\u2026"), this);
    m_loading->setObjectName(QStringLiteral("apiKeysLoading"));
    m_loading->setAlignment(Qt::AlignCenter);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("apiKeysStack"));
    m_stack->addWidget(m_loading);
    m_stack->addWidget(m_table);
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
    connect(m_refreshTimer, &QTimer::timeout, this, &ApiKeysPage::refresh);

    connect(m_model, &Model::loaded, this, [this] {
        m_banner->hide();
        m_header->markUpdated();
        updateView();
        updateActions();
    });
    connect(m_model, &Model::loadFailed, this, [this](const QString &error) {
        m_banner->setMessage(tr("The API keys cannot be read"),
                             tr("%1\nThe list is read again every %2 seconds and on F5.")
                                 .arg(error)
                                 .arg(kRefreshIntervalMs / 1000));
        m_banner->show();
    });
    connect(m_model, &Model::countsChanged, this, &ApiKeysPage::updateSummary);
    connect(m_model, &Model::rowsInserted, this, &ApiKeysPage::updateView);
    connect(m_model, &Model::rowsRemoved, this, &ApiKeysPage::updateView);
    connect(m_model, &Model::dataChanged, this, &ApiKeysPage::updateActions);
    connect(m_model, &Model::keysChanged, this, [this] {
        if (m_auditLog && m_auditLog->isVisible())
            m_auditModel->refresh();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ApiKeysPage::updateActions);

    updateView();
    updateActions();
    updateSummary();
    // Read once now, like the Overview, so the tab is ready when first opened; showing it
    // reads again.
    refresh();
}

ApiKeysPage::~ApiKeysPage() = default;

void ApiKeysPage::createActions()
{
    m_createAction =
        PageActions::create(Icons::add(), tr("&Create API Key\u2026"),
                            QStringLiteral("createKeyAction"), QKeySequence(Qt::CTRL | Qt::Key_N),
                            tr("Create a key for a system that calls the BotBat API (%1)"), this);
    connect(m_createAction, &QAction::triggered, this, &ApiKeysPage::createKey);

    m_rotateAction =
        PageActions::create(Icons::rotate(), tr("&Rotate\u2026"), QStringLiteral("rotateKeyAction"),
                            QKeySequence(Qt::CTRL | Qt::Key_R),
                            tr("Replace the selected key with a new one; the old key keeps "
                               "working for an overlap you choose (%1)"),
                            this);
    connect(m_rotateAction, &QAction::triggered, this, &ApiKeysPage::rotateSelected);

    m_revokeAction =
        PageActions::create(Icons::revoke(), tr("Re&voke\u2026"), QStringLiteral("revokeKeyAction"),
                            QKeySequence(Qt::Key_Delete),
                            tr("Stop the selected key from working, immediately and "
                               "for good; asks first (%1)"),
                            this);
    // Only with the focus in the table: Delete must never revoke a key by accident elsewhere.
    m_revokeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_revokeAction, &QAction::triggered, this, &ApiKeysPage::revokeSelected);

    m_copyPrefixAction = PageActions::create(
        Icons::copy(), tr("Copy &Prefix"), QStringLiteral("copyPrefixAction"), QKeySequence::Copy,
        tr("Copy the start of the selected key (e.g. to search logs "
           "or the command line); not the key itself (%1)"),
        this);
    m_copyPrefixAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyPrefixAction, &QAction::triggered, this, &ApiKeysPage::copySelectedPrefix);

    m_auditLogAction =
        PageActions::create(Icons::audit(), tr("&Audit Log\u2026"),
                            QStringLiteral("auditLogAction"), QKeySequence(Qt::CTRL | Qt::Key_L),
                            tr("Who created, rotated and revoked keys, and which requests "
                               "were refused (%1)"),
                            this);
    connect(m_auditLogAction, &QAction::triggered, this, &ApiKeysPage::showAuditLog);

    // Window shortcuts of a page's actions only fire while the page is visible (its tab is
    // current), so Ctrl+N here never clashes with another tab's.
    addActions(
        {m_createAction, m_rotateAction, m_revokeAction, m_copyPrefixAction, m_auditLogAction});
}

PageHeader *ApiKeysPage::createHeader()
{
    return new PageHeader(tr("API keys"),
                          tr("Keys let other systems call the BotBat REST API, each with only "
                             "the scopes it needs. A key is shown once, when it is created; "
                             "BotBat keeps only its hash."),
                          tr("The list is read again when the tab is shown, every %1 seconds "
                             "and on F5, so keys changed from the command line appear too.")
                              .arg(kRefreshIntervalMs / 1000),
                          {QStringLiteral("apiKeysTitle"), QStringLiteral("apiKeysIntro"),
                           QStringLiteral("apiKeysUpdatedLabel")},
                          this);
}

QWidget *ApiKeysPage::createToolbar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("apiKeysToolbar"));

    m_summary = new QLabel(bar);
    m_summary->setObjectName(QStringLiteral("apiKeysSummary"));
    m_summary->setTextFormat(Qt::RichText);

    m_activity =
        new PageActivity({QStringLiteral("apiKeysMessage"), QStringLiteral("apiKeysBusyLabel"),
                          QStringLiteral("apiKeysBusy"), QStringLiteral("apiKeyError")},
                         bar);

    auto *separator = new QFrame(bar);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(
        PageActions::toolButton(m_createAction, QStringLiteral("createKeyButton"), bar));
    buttons->addSpacing(4);
    buttons->addWidget(separator);
    buttons->addSpacing(4);
    buttons->addWidget(
        PageActions::toolButton(m_copyPrefixAction, QStringLiteral("copyPrefixButton"), bar));
    buttons->addWidget(
        PageActions::toolButton(m_rotateAction, QStringLiteral("rotateKeyButton"), bar));
    buttons->addWidget(
        PageActions::toolButton(m_revokeAction, QStringLiteral("revokeKeyButton"), bar));
    buttons->addStretch(1);
    buttons->addWidget(
        PageActions::toolButton(m_auditLogAction, QStringLiteral("auditLogButton"), bar));

    // What happened last and what is in progress share the line of the counts, on the right.
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

void ApiKeysPage::createTable()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Model::SortRole);

    m_table = new QTreeView(this);
    m_table->setObjectName(QStringLiteral("apiKeysTable"));
    m_table->setModel(m_proxy);
    auto *delegate = new ApiKeyItemDelegate(*m_model, m_table);
    m_table->setItemDelegate(delegate);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAllColumnsShowFocus(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(m_sortColumn, m_sortOrder);
    QHeaderView *header = m_table->header();
    // Scopes takes what is left and Actions keeps its size, so the buttons stay in view at the
    // window's minimum size instead of behind a horizontal scroll bar.
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(Model::ScopesColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(Model::ActionsColumn, QHeaderView::Fixed);
    header->setMinimumSectionSize(60);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Sized so that at the window's minimum width every column, Scopes too, is in view.
    header->resizeSection(Model::NameColumn, 140);
    header->resizeSection(Model::PrefixColumn, 112);
    header->resizeSection(Model::StateColumn, 145);
    header->resizeSection(Model::CreatedColumn, 116);
    header->resizeSection(Model::LastUsedColumn, 116);
    header->resizeSection(Model::ExpiresColumn, 160);
    header->resizeSection(Model::ActionsColumn, ApiKeyItemDelegate::actionsWidth());
    // Sorting by the buttons means nothing: a click on that header keeps the current order.
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            [this](int section, Qt::SortOrder order) {
                if (section != Model::ActionsColumn) {
                    m_sortColumn = section;
                    m_sortOrder = order;
                    return;
                }
                // Queued: the view sorts on this same signal, after this handler.
                QMetaObject::invokeMethod(
                    this, [this] { m_table->sortByColumn(m_sortColumn, m_sortOrder); },
                    Qt::QueuedConnection);
            });
    connect(delegate, &ApiKeyItemDelegate::actionTriggered, this, &ApiKeysPage::triggerRowAction);
    connect(m_table, &QTreeView::customContextMenuRequested, this, &ApiKeysPage::showContextMenu);
}

void ApiKeysPage::refresh()
{
    m_model->refresh();
}

void ApiKeysPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void ApiKeysPage::hideEvent(QHideEvent *event)
{
    m_refreshTimer->stop();
    QWidget::hideEvent(event);
}

qint64 ApiKeysPage::selectedKeyId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(Model::IdRole).toLongLong();
}

std::optional<ApiKey> ApiKeysPage::selectedKey() const
{
    const int row = m_model->rowOf(selectedKeyId());
    if (row < 0)
        return std::nullopt;
    return m_model->keyAt(row);
}

void ApiKeysPage::selectKey(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void ApiKeysPage::updateActions()
{
    const int row = m_model->rowOf(selectedKeyId());
    // The same rule as the row's buttons in the Actions column.
    const auto available =
        row < 0 ? Model::Actions()
                : Model::Actions(m_model->index(row, 0).data(Model::ActionsRole).toInt());
    m_copyPrefixAction->setEnabled(available.testFlag(Model::CopyPrefixAction));
    m_rotateAction->setEnabled(available.testFlag(Model::RotateAction));
    m_revokeAction->setEnabled(available.testFlag(Model::RevokeAction));
}

void ApiKeysPage::triggerRowAction(ApiKeyModel::Action action, qint64 keyId)
{
    // A row's button acts on its row: select it first, so the dialogs, the toolbar and the
    // message all speak of the key that was clicked.
    selectKey(keyId);
    if (selectedKeyId() != keyId)
        return;
    switch (action) {
    case Model::CopyPrefixAction:
        copySelectedPrefix();
        break;
    case Model::RotateAction:
        rotateSelected();
        break;
    case Model::RevokeAction:
        revokeSelected();
        break;
    }
}

void ApiKeysPage::updateView()
{
    if (!m_model->isLoaded())
        m_stack->setCurrentWidget(m_loading);
    else if (m_model->rowCount() == 0)
        m_stack->setCurrentWidget(m_empty);
    else
        m_stack->setCurrentWidget(m_table);
}

void ApiKeysPage::updateSummary()
{
    // Counts of nothing before the first answer would read as "you have no keys".
    m_summary->setVisible(m_model->isLoaded());
    const struct
    {
        int count;
        QColor color;
        QString label;
        QString toolTip;
    } parts[] = {
        {m_model->countInState(State::Active), StatusColors::forKeyState(State::Active),
         tr("active"), tr("Keys the API accepts")},
        {m_model->staleCount(), StatusColors::warning(), tr("stale"),
         tr("Active keys not used for %1 days: revoke those nothing needs any more")
             .arg(ApiKey::kStaleAfterDays)},
        {m_model->countInState(State::Expired), StatusColors::forKeyState(State::Expired),
         tr("expired"), tr("Keys past their expiry")},
        {m_model->countInState(State::Revoked), StatusColors::forKeyState(State::Revoked),
         tr("revoked"), tr("Keys revoked for good")},
    };
    QStringList pieces;
    QStringList tips;
    for (const auto &part : parts) {
        const QColor color = part.count > 0 ? part.color : StatusColors::muted();
        pieces.append(QStringLiteral("<span style=\"color:%1\">\u25CF</span>&nbsp;%2 %3")
                          .arg(color.name())
                          .arg(part.count)
                          .arg(part.label.toHtmlEscaped()));
        tips.append(tr("%1 %2: %3").arg(part.count).arg(part.label, part.toolTip));
    }
    m_summary->setText(pieces.join(QStringLiteral("&nbsp;&nbsp;&nbsp;")));
    m_summary->setToolTip(tips.join(QLatin1Char('\n')));
}

void ApiKeysPage::showContextMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("apiKeyContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    if (m_table->indexAt(position).isValid()) {
        menu->addAction(m_copyPrefixAction);
        menu->addAction(m_rotateAction);
        menu->addAction(m_revokeAction);
        menu->addSeparator();
    }
    menu->addAction(m_createAction);
    menu->addAction(m_auditLogAction);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

// A create or rotate dialog stays open while the engine works: a failure is shown in it (or,
// if it was closed meanwhile, in a message box), a success closes it and shows the new token.
template<typename Dialog>
ApiKeyModel::Callback ApiKeysPage::whenKeyIssued(Dialog *dialog, const QString &failureTitle)
{
    return [this, guard = QPointer<Dialog>(dialog), failureTitle](const Model::Outcome &outcome) {
        m_activity->endWork();
        if (!outcome.ok) {
            if (guard) {
                guard->setBusy(false);
                guard->showError(outcome.error);
            } else {
                m_activity->showError(failureTitle, outcome.error);
            }
            return;
        }
        if (guard)
            guard->accept();
        selectKey(outcome.key.id);
        showNewKey(outcome);
    };
}

void ApiKeysPage::createKey()
{
    if (auto *open = findChild<CreateApiKeyDialog *>(); open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return;
    }
    QStringList workingNames;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (State(index.data(Model::StateRole).toInt()) == State::Active)
            workingNames.append(index.data(Model::NameRole).toString());
    }
    auto *dialog = new CreateApiKeyDialog(m_model->now(), workingNames, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateApiKeyDialog::submitted, this, [this, dialog] {
        dialog->setBusy(true);
        m_activity->beginWork(tr("Creating the key\u2026"));
        m_model->createKey(dialog->name(), dialog->scopes(), dialog->expiresAt(),
                           whenKeyIssued(dialog, tr("The key was not created")));
    });
    dialog->open();
}

void ApiKeysPage::rotateSelected()
{
    const auto key = selectedKey();
    if (!key || key->stateAt(m_model->now()) != State::Active)
        return;
    auto *dialog = new RotateApiKeyDialog(*key, m_model->now(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RotateApiKeyDialog::submitted, this, [this, dialog] {
        dialog->setBusy(true);
        m_activity->beginWork(tr("Rotating the key\u2026"));
        m_model->rotateKey(dialog->keyId(), dialog->overlapMs(),
                           whenKeyIssued(dialog, tr("The key was not rotated")));
    });
    dialog->open();
}

void ApiKeysPage::revokeSelected()
{
    const auto key = selectedKey();
    if (!key || key->revokedAt.isValid())
        return;
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Revoke API Key"),
        tr("Revoke the API key \u201c%1\u201d (%2\u2026)?").arg(key->name, key->prefix),
        QMessageBox::NoButton, this);
    box->setTextFormat(Qt::PlainText);
    box->setObjectName(QStringLiteral("revokeConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("Revoking is immediate and final: from its next request, every system using this "
           "key is refused, and the key cannot be restored. To replace a key without downtime, "
           "rotate it instead."));
    QPushButton *revoke = box->addButton(tr("Revoke Key"), QMessageBox::DestructiveRole);
    revoke->setObjectName(QStringLiteral("confirmRevokeButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelRevokeButton"));
    // A destructive action is never what Enter or Escape does.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    const ApiKey target = *key;
    connect(box, &QMessageBox::buttonClicked, this,
            [this, revoke, target](QAbstractButton *button) {
                if (button != revoke)
                    return;
                m_activity->beginWork(tr("Revoking the key\u2026"));
                m_model->revokeKey(target.id, [this, target](const Model::Outcome &outcome) {
                    m_activity->endWork();
                    if (!outcome.ok) {
                        m_activity->showError(tr("The key was not revoked"), outcome.error);
                        return;
                    }
                    m_activity->showMessage(
                        tr("Revoked \u201c%1\u201d (%2\u2026)").arg(target.name, target.prefix));
                });
            });
    box->open();
}

void ApiKeysPage::copySelectedPrefix()
{
    const auto key = selectedKey();
    if (!key)
        return;
    // The prefix is not a secret (it is in the audit log too): no clearing timer needed.
    QGuiApplication::clipboard()->setText(key->prefix);
    m_activity->showMessage(tr("Copied %1 to the clipboard.").arg(key->prefix));
}

void ApiKeysPage::showAuditLog()
{
    if (!m_auditLog) {
        m_auditLog = new AuditLogDialog(*m_auditModel, this);
    }
    m_auditLog->show();
    m_auditLog->raise();
    m_auditLog->activateWindow();
}

void ApiKeysPage::showNewKey(const ApiKeyModel::Outcome &outcome)
{
    auto *dialog = new NewApiKeyDialog(outcome.key, outcome.token, outcome.previous, m_model->now(),
                                       *m_clipboard, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const bool rotation = outcome.previous.id != 0;
    const QString name = outcome.key.name;
    const QString prefix = outcome.key.prefix;
    connect(dialog, &QDialog::finished, this, [this, rotation, name, prefix] {
        m_activity->showMessage(
            rotation ? tr("Rotated \u201c%1\u201d; the new key starts %2").arg(name, prefix)
                     : tr("Created \u201c%1\u201d (%2\u2026)").arg(name, prefix));
    });
    dialog->open();
}

} // namespace botbat
