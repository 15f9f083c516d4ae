#include "PageHeader.h"

#include "PageLabels.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTime>
#include <QVBoxLayout>

namespace botbat {

PageHeader::PageHeader(const QString &title, const QString &intro, const QString &updatedToolTip,
                       const ObjectNames &names, QWidget *parent)
    : QWidget(parent), m_updated(PageLabels::muted(tr("Loading\u2026"), this))
{
    auto *titleLabel = PageLabels::title(title, this);
    titleLabel->setObjectName(names.title);
    auto *introLabel = PageLabels::intro(intro, this);
    introLabel->setObjectName(names.intro);

    m_updated->setObjectName(names.updated);
    // Room for the longest text from the start, so the header does not shift when it changes.
    m_updated->setMinimumWidth(m_updated->fontMetrics().horizontalAdvance(
        tr("Updated %1").arg(QStringLiteral("00:00:00"))));
    m_updated->setAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_updated->setToolTip(updatedToolTip);

    auto *headings = new QVBoxLayout;
    headings->setSpacing(4);
    headings->addWidget(titleLabel);
    headings->addWidget(introLabel);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addLayout(headings, 1);
    layout->addWidget(m_updated, 0, Qt::AlignBottom);
}

void PageHeader::markUpdated()
{
    m_updated->setText(
        tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
}

} // namespace botbat
