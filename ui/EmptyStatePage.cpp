#include "EmptyStatePage.h"

#include "StatusColors.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace botbat {

namespace {
constexpr int kColumnWidth = 540;
constexpr int kBadgeSize = 88;
constexpr int kIconSize = 44;

// The tab's icon, centred on a soft disc: present without competing with the text.
QPixmap badge(const QIcon &icon)
{
    const qreal ratio = qApp->devicePixelRatio();
    QPixmap pixmap(QSize(kBadgeSize, kBadgeSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xe2, 0xe8, 0xf0));
    painter.drawEllipse(QRectF(0, 0, kBadgeSize, kBadgeSize));
    const int offset = (kBadgeSize - kIconSize) / 2;
    icon.paint(&painter, QRect(offset, offset, kIconSize, kIconSize));
    return pixmap;
}
} // namespace

EmptyStatePage::EmptyStatePage(const QIcon &icon, const QString &title, const QString &text,
                               QWidget *parent)
    : QWidget(parent)
{
    auto *iconLabel = new QLabel(this);
    iconLabel->setObjectName(QStringLiteral("emptyStateIcon"));
    iconLabel->setPixmap(badge(icon));
    iconLabel->setAlignment(Qt::AlignCenter);

    m_title = new QLabel(title, this);
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);

    m_text = new QLabel(text, this);
    m_text->setObjectName(QStringLiteral("emptyStateText"));
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_text->palette();
    palette.setColor(QPalette::WindowText, StatusColors::muted());
    m_text->setPalette(palette);

    // A paragraph reads best at a bounded measure, whatever the window width. The labels sit
    // in a column of that width without alignment flags, so the wrapped text gets its height.
    auto *column = new QWidget(this);
    column->setObjectName(QStringLiteral("emptyStateColumn"));
    column->setFixedWidth(kColumnWidth);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(10);
    columnLayout->addWidget(iconLabel);
    columnLayout->addSpacing(4);
    columnLayout->addWidget(m_title);
    columnLayout->addWidget(m_text);
    m_column = columnLayout;

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column);
    row->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

QString EmptyStatePage::title() const
{
    return m_title->text();
}

QString EmptyStatePage::text() const
{
    return m_text->text();
}

QPushButton *EmptyStatePage::addActionButton(QAction *action)
{
    auto *button = new QPushButton(action->icon(), action->text(), this);
    button->setToolTip(action->toolTip());
    button->setEnabled(action->isEnabled());
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    connect(action, &QAction::enabledChanged, button, &QPushButton::setEnabled);
    m_column->addSpacing(8);
    m_column->addWidget(button, 0, Qt::AlignHCenter);
    return button;
}

} // namespace botbat
