#include "OverviewPage.h"

#include "IntegrationItemDelegate.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "WarningBanner.h"
#include "models/EngineStatusModel.h"
#include "models/IntegrationOverviewModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTime>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace botbat {

namespace {
using Model = IntegrationOverviewModel;
using Status = IntegrationSummary::Status;

} // namespace

OverviewPage::OverviewPage(IntegrationOverviewModel &model, EngineStatusModel &status,
                           QAction *refreshAction, QWidget *parent)
    : QWidget(parent), m_model(model), m_status(status)
{
    auto *title = PageLabels::title(tr("Integrations"), this);
    title->setObjectName(QStringLiteral("overviewTitle"));

    auto *intro =
        PageLabels::intro(tr("Everything this engine runs for BotBat and how each one is doing. "
                             "Messaging channels are connected in BotBat itself and are "
                             "listed for reference."),
                          this);
    intro->setObjectName(QStringLiteral("overviewIntro"));

    m_updated = PageLabels::muted(tr("Loading\u2026"), this);
    m_updated->setObjectName(QStringLiteral("lastRefreshedLabel"));

    auto *refresh = new QToolButton(this);
    refresh->setObjectName(QStringLiteral("refreshButton"));
    refresh->setDefaultAction(refreshAction);
    refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    refresh->setAutoRaise(false);

    auto *headings = new QVBoxLayout;
    headings->setSpacing(4);
    headings->addWidget(title);
    headings->addWidget(intro);

    auto *header = new QHBoxLayout;
    header->setSpacing(12);
    header->addLayout(headings, 1);
    header->addWidget(m_updated, 0, Qt::AlignBottom);
    header->addWidget(refresh, 0, Qt::AlignBottom);

    m_banner = new WarningBanner(this);
    m_banner->setObjectName(QStringLiteral("secretStoreBanner"));
    m_banner->hide();

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("overviewSummary"));
    m_summary->setTextFormat(Qt::RichText);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("integrationsTree"));
    m_tree->setModel(&m_model);
    m_tree->setItemDelegate(new IntegrationItemDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setIconSize(QSize(18, 18));
    m_tree->setIndentation(22);
    QHeaderView *columns = m_tree->header();
    columns->setStretchLastSection(true);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->resizeSection(Model::NameColumn, 260);
    columns->resizeSection(Model::StatusColumn, 130);
    columns->resizeSection(Model::LastSuccessColumn, 150);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);

    connect(&m_status, &EngineStatusModel::changed, this, &OverviewPage::updateBanner);
    connect(&m_model, &Model::countsChanged, this, &OverviewPage::updateSummary);
    connect(&m_model, &Model::loaded, this, &OverviewPage::onLoaded);
    // A category that gets its first integration opens, so the new row is seen.
    connect(&m_model, &Model::rowsInserted, this,
            [this](const QModelIndex &parentIndex, int first, int last) {
                if (parentIndex.isValid() && m_model.rowCount(parentIndex) == last - first + 1)
                    m_tree->expand(parentIndex);
            });
    m_tree->expandAll();
    updateBanner();
    updateSummary();
    if (m_model.isLoaded())
        onLoaded();
}

void OverviewPage::setAlertsPanel(QWidget *panel)
{
    auto *box = static_cast<QVBoxLayout *>(layout());
    if (m_alerts) {
        box->removeWidget(m_alerts);
        m_alerts->deleteLater();
    }
    m_alerts = panel;
    panel->setParent(this);
    box->insertWidget(box->indexOf(m_summary) + 1, panel);
}

void OverviewPage::updateBanner()
{
    const bool running = m_status.status().state == EngineState::Running;
    if (!running || m_status.secretStoreAvailable()) {
        m_banner->hide();
        return;
    }
    m_banner->setMessage(
        tr("Secrets cannot be stored"),
        tr("%1\nUntil this is fixed, integrations that need a secret (CRM tokens, webhook "
           "signing secrets, API keys) cannot be saved.")
            .arg(m_status.secretStoreProblemText()));
    m_banner->show();
}

void OverviewPage::updateSummary()
{
    const struct
    {
        Status status;
        QString label;
    } parts[] = {
        {Status::Connected, tr("connected")},
        {Status::Error, tr("in error")},
        {Status::Inactive, tr("inactive")},
    };
    QStringList pieces;
    for (const auto &part : parts) {
        const int count = m_model.countWithStatus(part.status);
        const QColor color =
            count > 0 ? StatusColors::forStatus(part.status) : StatusColors::muted();
        pieces.append(QStringLiteral("<span style=\"color:%1\">\u25CF</span>&nbsp;%2 %3")
                          .arg(color.name())
                          .arg(count)
                          .arg(part.label.toHtmlEscaped()));
    }
    m_summary->setText(pieces.join(QStringLiteral("&nbsp;&nbsp;&nbsp;&nbsp;")));
}

void OverviewPage::onLoaded()
{
    if (!m_expandedOnce) {
        m_expandedOnce = true;
        m_tree->expandAll();
        // Channels are not run here: their list stays one click away instead of taking the
        // screen from what needs attention.
        m_tree->collapse(m_model.categoryIndex(IntegrationSummary::Category::Channel));
    }
    m_updated->setText(
        tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
}

} // namespace botbat
