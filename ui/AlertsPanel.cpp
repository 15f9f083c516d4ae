#include "AlertsPanel.h"

#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "models/AlertListModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace botbat {

namespace {
constexpr int kVisibleRows = 4;
}

AlertsPanel::AlertsPanel(AlertListModel &model, QAction *settingsAction, QWidget *parent)
    : QFrame(parent), m_model(model)
{
    setObjectName(QStringLiteral("alertsPanel"));
    setFrameShape(QFrame::StyledPanel);

    m_badge = new QToolButton(this);
    m_badge->setObjectName(QStringLiteral("alertsBadge"));
    m_badge->setIcon(Icons::warning());
    m_badge->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_badge->setAutoRaise(true);
    m_badge->setCheckable(true);
    m_badge->setChecked(true);
    m_badge->setToolTip(tr("Show or hide the recent alerts: webhook deliveries that failed for "
                           "good and integrations that went into Error"));

    m_markRead = new QPushButton(tr("Mark All as &Read"), this);
    m_markRead->setObjectName(QStringLiteral("markAlertsReadButton"));
    m_markRead->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_markRead->setToolTip(tr("Clear the unread count; the alerts stay listed (Ctrl+Shift+M)"));

    auto *settings = new QToolButton(this);
    settings->setObjectName(QStringLiteral("alertSettingsButton"));
    settings->setDefaultAction(settingsAction);
    settings->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_problem = PageLabels::wrapped(QStringLiteral("alertsProblem"), QString(),
                                    StatusColors::errorText(), this);
    m_problem->hide();

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("alertsList"));
    m_list->setModel(&m_model);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setToolTip(tr("Double-click (or Enter) an alert to open the failed deliveries of "
                          "that webhook"));
    m_list->setSpacing(2);

    auto *header = new QHBoxLayout;
    header->setSpacing(8);
    header->addWidget(m_badge);
    header->addStretch(1);
    header->addWidget(m_markRead);
    header->addWidget(settings);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_problem);
    layout->addWidget(m_list);

    connect(m_badge, &QToolButton::toggled, this, [this] { update(); });
    connect(m_markRead, &QPushButton::clicked, &m_model, &AlertListModel::markAllRead);
    connect(&m_model, &AlertListModel::unreadCountChanged, this, &AlertsPanel::update);
    connect(&m_model, &AlertListModel::loaded, this, &AlertsPanel::update);
    connect(&m_model, &AlertListModel::rowsInserted, this, &AlertsPanel::update);
    connect(&m_model, &AlertListModel::failed, this, [this](const QString &message) {
        m_problem->setText(message);
        m_problem->show();
    });
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        emit openLogRequested(index.data(AlertListModel::SourceIdRole).toLongLong());
    });
    update();
}

void AlertsPanel::update()
{
    const int unread = m_model.unreadCount();
    const int rows = m_model.rowCount();
    if (m_model.lastError().isEmpty())
        m_problem->hide();
    m_badge->setText(unread == 0   ? tr("No unread alerts")
                     : unread == 1 ? tr("1 unread alert")
                                   : tr("%1 unread alerts").arg(unread));
    // The count in a red pill when something needs attention, plain otherwise.
    m_badge->setStyleSheet(
        unread > 0 ? QStringLiteral("QToolButton#alertsBadge { background: %1; color: white; "
                                    "border-radius: 10px; padding: 2px 10px; font-weight: bold; }")
                         .arg(StatusColors::errorText().name())
                   : QString());
    m_badge->setIcon(unread > 0 ? Icons::warning() : QIcon());
    m_markRead->setEnabled(unread > 0);
    // As tall as its rows, up to kVisibleRows; more scroll.
    const int rowHeight = std::max(m_list->sizeHintForRow(0), m_list->fontMetrics().height()) + 4;
    m_list->setFixedHeight(rowHeight * std::clamp(rows, 1, kVisibleRows) + 6);
    m_list->setVisible(m_badge->isChecked() && rows > 0);
}

} // namespace botbat
