#include "WebhookEndpointItemDelegate.h"

#include "BadgePainter.h"
#include "StatusColors.h"
#include "models/WebhookEndpointModel.h"

#include <QPainter>

namespace botbat {

namespace {
using Model = WebhookEndpointModel;
constexpr int kRowHeight = 30;
} // namespace

void WebhookEndpointItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                                  const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    auto setTextColor = [option](const QColor &color) {
        option->palette.setColor(QPalette::Text, color);
    };
    const bool enabled = index.data(Model::EnabledRole).toBool();
    switch (index.column()) {
    case Model::DescriptionColumn:
    case Model::EventsColumn:
        setTextColor(StatusColors::muted());
        break;
    case Model::LastDeliveryColumn:
        if (index.data(Model::LastFailedRole).toBool())
            setTextColor(StatusColors::errorText());
        else if (!index.data(Model::LastAttemptRole).toDateTime().isValid())
            setTextColor(StatusColors::muted());
        break;
    case Model::UrlColumn:
        // A long URL keeps its host and its end (the path tells endpoints on one host apart).
        option->textElideMode = Qt::ElideMiddle;
        if (!enabled)
            setTextColor(StatusColors::muted());
        break;
    default:
        break;
    }
}

void WebhookEndpointItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    if (index.column() != Model::HealthColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QRect cell = BadgePainter::paintCell(painter, opt);
    const auto health = WebhookEndpoint::Health(index.data(Model::HealthRole).toInt());
    BadgePainter::paint(painter, cell, cell.left(), opt.text,
                        StatusColors::forWebhookHealth(health), opt.font,
                        opt.state.testFlag(QStyle::State_Selected));
}

QSize WebhookEndpointItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                            const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height() + 8, kRowHeight));
    if (index.column() == Model::HealthColumn)
        size.setWidth(
            std::max(size.width(), BadgePainter::width(option.font, index.data().toString()) + 8));
    return size;
}

} // namespace botbat
