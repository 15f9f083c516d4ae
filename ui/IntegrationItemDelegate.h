#pragma once

#include <QStyledItemDelegate>

namespace botbat {

// Draws the Overview tree: category rows bold with their icon, the status column as a coloured
// badge (dot + word, so colour is never the only signal), secondary text muted, errors in red.
class IntegrationItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
};

} // namespace botbat
