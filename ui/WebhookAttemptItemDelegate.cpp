#include "WebhookAttemptItemDelegate.h"

#include "BadgePainter.h"
#include "StatusColors.h"
#include "models/WebhookAttemptModel.h"

#include <QPainter>

namespace botbat {

namespace {
using Model = WebhookAttemptModel;
using Result = WebhookAttemptModel::Result;
constexpr int kRowHeight = 28;

QColor colorOf(Result result)
{
    switch (result) {
    case Result::Delivered:
        return StatusColors::forStatus(IntegrationSummary::Status::Connected);
    case Result::Retrying:
        return StatusColors::warning();
    case Result::Failed:
        return StatusColors::forStatus(IntegrationSummary::Status::Error);
    }
    return StatusColors::muted();
}
} // namespace

void WebhookAttemptItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                                 const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto result = Result(index.data(Model::ResultRole).toInt());
    auto setTextColor = [option](const QColor &color) {
        option->palette.setColor(QPalette::Text, color);
    };
    switch (index.column()) {
    case Model::StatusColumn:
        if (result != Result::Delivered)
            setTextColor(StatusColors::errorText());
        break;
    case Model::DurationColumn:
    case Model::NextRetryColumn:
        setTextColor(StatusColors::muted());
        break;
    case Model::EventColumn:
        if (index.data(Model::IsTestRole).toBool())
            setTextColor(StatusColors::info());
        break;
    default:
        break;
    }
}

void WebhookAttemptItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    if (index.column() != Model::ResultColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    const QRect cell = BadgePainter::paintCell(painter, opt);
    const auto result = Result(index.data(Model::ResultRole).toInt());
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const QString title = Model::resultTitle(result);
    const QRectF badge =
        BadgePainter::paint(painter, cell, cell.left(), title, colorOf(result), opt.font, selected);
    // A success says it all in the badge; a failure adds what happened, elided to the cell.
    if (result == Result::Delivered || text == title)
        return;
    const QRect rest(int(badge.right()) + 8, cell.top(), cell.right() - int(badge.right()) - 8,
                     cell.height());
    if (rest.width() <= 10)
        return;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText)
                             : StatusColors::errorText());
    painter->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft,
                      opt.fontMetrics.elidedText(text, Qt::ElideRight, rest.width()));
    painter->restore();
}

QSize WebhookAttemptItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height() + 6, kRowHeight));
    return size;
}

} // namespace botbat
