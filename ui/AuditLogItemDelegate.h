#pragma once

#include <QStyledItemDelegate>

namespace botbat {

// Draws the audit log: the action as a coloured badge (refused requests in amber, revocations
// in red), key prefixes and client addresses in monospace, details muted.
class AuditLogItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor colorFor(const QString &action);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace botbat
