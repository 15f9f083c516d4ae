#include "IntegrationItemDelegate.h"

#include "Icons.h"
#include "StatusColors.h"
#include "models/IntegrationOverviewModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace botbat {

namespace {
using Model = IntegrationOverviewModel;
using Status = IntegrationSummary::Status;

constexpr int kRowHeight = 30;
constexpr int kBadgeHeight = 20;
constexpr int kBadgeDot = 8;
constexpr int kBadgePadding = 8;

bool isCategory(const QModelIndex &index)
{
    return index.data(Model::IsCategoryRole).toBool();
}
} // namespace

void IntegrationItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                              const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->decorationSize = QSize(18, 18);
    auto setTextColor = [option](const QColor &color) {
        option->palette.setColor(QPalette::Text, color);
    };
    if (isCategory(index)) {
        if (index.column() == Model::NameColumn) {
            option->font.setBold(true);
            option->icon = Icons::category(
                IntegrationSummary::Category(index.data(Model::CategoryRole).toInt()));
            option->features |= QStyleOptionViewItem::HasDecoration;
        } else if (index.column() == Model::DetailsColumn) {
            // The badges below already flag errors; a red summary would shout twice.
            setTextColor(StatusColors::muted());
        }
        return;
    }
    const auto status = Status(index.data(Model::StatusRole).toInt());
    if (status == Status::ReferenceOnly) {
        setTextColor(StatusColors::muted());
        return;
    }
    if (index.column() == Model::LastSuccessColumn &&
        !index.data(Model::LastSuccessRole).toDateTime().isValid())
        setTextColor(StatusColors::muted());
    if (index.column() == Model::DetailsColumn)
        setTextColor(status == Status::Error ? StatusColors::errorText() : StatusColors::muted());
}

void IntegrationItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    if (index.column() != Model::StatusColumn || isCategory(index)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    paintBadge(painter, option, index);
}

void IntegrationItemDelegate::paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                                         const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    // The style draws selection and hover; the badge goes on top.
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QColor color = StatusColors::forStatus(Status(index.data(Model::StatusRole).toInt()));
    const QFontMetrics metrics(opt.font);
    const int width =
        kBadgePadding + kBadgeDot + 6 + metrics.horizontalAdvance(text) + kBadgePadding + 2;
    const QRect cell = opt.rect.adjusted(4, 0, -4, 0);
    const QRectF badge(cell.left(), cell.center().y() - kBadgeHeight / 2.0 + 0.5,
                       std::min(width, cell.width()), kBadgeHeight);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = color;
    fill.setAlphaF(0.12f);
    QColor border = color;
    border.setAlphaF(0.35f);
    painter->setPen(QPen(border, 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(badge.adjusted(0.5, 0.5, -0.5, -0.5), kBadgeHeight / 2.0,
                             kBadgeHeight / 2.0);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    const QPointF dotCenter(badge.left() + kBadgePadding + kBadgeDot / 2.0, badge.center().y());
    painter->drawEllipse(dotCenter, kBadgeDot / 2.0, kBadgeDot / 2.0);
    painter->setPen(color.darker(135));
    painter->setFont(opt.font);
    const QRectF textRect = badge.adjusted(kBadgePadding + kBadgeDot + 6, 0, -kBadgePadding, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      metrics.elidedText(text, Qt::ElideRight, int(textRect.width())));
    painter->restore();
}

QSize IntegrationItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height() + 8, kRowHeight));
    if (index.column() == Model::StatusColumn && !isCategory(index))
        size.setWidth(
            std::max(size.width(), option.fontMetrics.horizontalAdvance(index.data().toString()) +
                                       2 * kBadgePadding + kBadgeDot + 16));
    return size;
}

} // namespace botbat
