#include "IntegrationItemDelegate.h"

#include "BadgePainter.h"
#include "Icons.h"
#include "StatusColors.h"
#include "models/IntegrationOverviewModel.h"

#include <QPainter>
#include <QPainterPath>

namespace botbat {

namespace {
using Model = IntegrationOverviewModel;
using Status = IntegrationSummary::Status;

constexpr int kRowHeight = 30;

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
    const QRect cell = BadgePainter::paintCell(painter, opt);
    const QColor color = StatusColors::forStatus(Status(index.data(Model::StatusRole).toInt()));
    BadgePainter::paint(painter, cell, cell.left(), opt.text, color, opt.font,
                        opt.state.testFlag(QStyle::State_Selected));
}

QSize IntegrationItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height() + 8, kRowHeight));
    if (index.column() == Model::StatusColumn && !isCategory(index))
        size.setWidth(
            std::max(size.width(), BadgePainter::width(option.font, index.data().toString()) + 8));
    return size;
}

} // namespace botbat
