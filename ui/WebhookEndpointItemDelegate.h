#pragma once

#include <QStyledItemDelegate>

namespace botbat {

// Draws the webhook endpoint table: health as a coloured badge (dot and word, so colour is
// never the only signal), a failed last delivery in red, descriptions and disabled endpoints
// muted.
class WebhookEndpointItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace botbat
