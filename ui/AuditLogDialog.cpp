#include "AuditLogDialog.h"

#include "AuditLogItemDelegate.h"
#include "Icons.h"
#include "PageLabels.h"
#include "models/AuditLogModel.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace botbat {

namespace {
using Model = AuditLogModel;
constexpr int kRefreshIntervalMs = 15 * 1000;

} // namespace

AuditLogDialog::AuditLogDialog(AuditLogModel &model, QWidget *parent)
    : QDialog(parent), m_model(model), m_proxy(new QSortFilterProxyModel(this)),
      m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("auditLogDialog"));
    setWindowTitle(tr("API Key Audit Log"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    resize(1060, 560);

    auto *title = PageLabels::title(tr("Audit log"), this, 1.3);
    title->setObjectName(QStringLiteral("auditLogTitle"));
    auto *intro =
        PageLabels::intro(tr("Every API key created, rotated, revoked or expired, and every "
                             "request the API refused for its key. Only the first characters "
                             "of a key are ever logged, never the key."),
                          this);

    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("auditFilterCombo"));
    m_filter->addItem(tr("All events"), AllEvents);
    m_filter->addItem(tr("Key lifecycle"), Lifecycle);
    m_filter->addItem(tr("Failed authentication"), FailedAuth);
    m_filter->setToolTip(tr("Show key changes, refused requests, or both"));
    auto *filterLabel = new QLabel(tr("&Show:"), this);
    filterLabel->setBuddy(m_filter);

    m_count = PageLabels::muted(QString(), this);
    m_count->setObjectName(QStringLiteral("auditCountLabel"));

    auto *refresh = new QPushButton(Icons::refresh(), tr("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("auditRefreshButton"));
    refresh->setToolTip(tr("Read the newest entries again (F5)"));
    refresh->setAutoDefault(false);
    auto *refreshAction = new QAction(this);
    refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    addAction(refreshAction);

    m_loadOlder = new QPushButton(tr("Load &older"), this);
    m_loadOlder->setObjectName(QStringLiteral("loadOlderButton"));
    m_loadOlder->setToolTip(tr("Read the next %1 older entries (also happens when you scroll to "
                               "the end)")
                                .arg(m_model.pageSize()));
    m_loadOlder->setAutoDefault(false);

    auto *controls = new QHBoxLayout;
    controls->setSpacing(8);
    controls->addWidget(filterLabel);
    controls->addWidget(m_filter);
    controls->addSpacing(8);
    controls->addWidget(m_count, 1);
    controls->addWidget(m_loadOlder);
    controls->addWidget(refresh);

    m_proxy->setSourceModel(&m_model);
    m_proxy->setFilterRole(Model::KindRole);

    m_table = new QTreeView(this);
    m_table->setObjectName(QStringLiteral("auditLogTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new AuditLogItemDelegate(m_table));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAllColumnsShowFocus(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QHeaderView *header = m_table->header();
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->resizeSection(Model::TimeColumn, 160);
    header->resizeSection(Model::ActionColumn, 190);
    header->resizeSection(Model::KeyNameColumn, 150);
    header->resizeSection(Model::KeyPrefixColumn, 130);
    header->resizeSection(Model::ClientColumn, 120);
    header->resizeSection(Model::ActorColumn, 80);

    m_empty = PageLabels::muted(QString(), this);
    m_empty->setObjectName(QStringLiteral("auditEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("auditCloseButton"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addLayout(controls);
    layout->addWidget(m_stack, 1);
    layout->addWidget(buttons);

    m_refreshTimer->setInterval(kRefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, &m_model, &Model::refresh);
    connect(refresh, &QPushButton::clicked, &m_model, &Model::refresh);
    connect(refreshAction, &QAction::triggered, &m_model, &Model::refresh);
    connect(m_loadOlder, &QPushButton::clicked, this, [this] { m_model.fetchMore({}); });
    connect(m_filter, &QComboBox::currentIndexChanged, this, &AuditLogDialog::applyFilter);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_model, &Model::loaded, this, &AuditLogDialog::updateState);
    connect(&m_model, &Model::rowsInserted, this, &AuditLogDialog::updateState);
    connect(&m_model, &Model::modelReset, this, &AuditLogDialog::updateState);
    connect(&m_model, &Model::loadFailed, this, [this](const QString &error) {
        m_count->setText(tr("Could not read the audit log: %1").arg(error));
    });
    updateState();
}

void AuditLogDialog::setFilter(Filter filter)
{
    m_filter->setCurrentIndex(m_filter->findData(filter));
}

void AuditLogDialog::applyFilter()
{
    switch (m_filter->currentData().toInt()) {
    case Lifecycle:
        m_proxy->setFilterFixedString(Model::kLifecycle);
        break;
    case FailedAuth:
        m_proxy->setFilterFixedString(Model::kAuth);
        break;
    default:
        m_proxy->setFilterFixedString(QString());
        break;
    }
    updateState();
}

void AuditLogDialog::updateState()
{
    const int shown = m_proxy->rowCount();
    const bool filtered = m_filter->currentData().toInt() != AllEvents;
    m_loadOlder->setEnabled(m_model.canFetchMore({}));
    if (!m_model.isLoaded()) {
        m_count->setText(tr("Loading\u2026"));
        m_empty->setText(tr("Loading\u2026"));
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    const QString more = m_model.reachedEnd() ? QString() : tr("; older entries not loaded yet");
    m_count->setText((shown == 1 ? tr("1 entry") : tr("%1 entries").arg(shown)) + more);
    if (shown > 0) {
        m_stack->setCurrentWidget(m_table);
        return;
    }
    if (!filtered)
        m_empty->setText(tr("Nothing recorded yet. Creating, rotating or revoking a key, and "
                            "every request refused for its key, will be listed here."));
    else if (m_filter->currentData().toInt() == FailedAuth)
        m_empty->setText(m_model.reachedEnd()
                             ? tr("No refused requests recorded.")
                             : tr("No refused requests among the entries loaded. Load older "
                                  "entries to look further back."));
    else
        m_empty->setText(m_model.reachedEnd()
                             ? tr("No key was created, rotated, revoked or expired yet.")
                             : tr("No key changes among the entries loaded. Load older entries "
                                  "to look further back."));
    m_stack->setCurrentWidget(m_empty);
}

void AuditLogDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_model.refresh();
    m_refreshTimer->start();
}

void AuditLogDialog::hideEvent(QHideEvent *event)
{
    m_refreshTimer->stop();
    QDialog::hideEvent(event);
}

} // namespace botbat
