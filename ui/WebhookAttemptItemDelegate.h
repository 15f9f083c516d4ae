#pragma once

#include <QStyledItemDelegate>

namespace botbat {

// Draws the recent-attempts table: the result as a badge (Delivered, Retrying, Failed) followed
// by the error's first line, HTTP statuses other than 2xx in red, and "nothing follows" muted.
class WebhookAttemptItemDelegate : public QStyledItemDelegate
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
