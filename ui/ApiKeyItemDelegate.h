#pragma once

#include <QStyledItemDelegate>

namespace botbat {

class ApiKeyModel;

// Draws the API keys table: the state as a coloured badge with a second "Stale" badge for
// active keys nobody uses, key prefixes in monospace, "Never" and keys that no longer work
// muted, and an expiry that is near in amber.
class ApiKeyItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // model gives the time (the engine's clock) that "expires soon" is measured from.
    explicit ApiKeyItemDelegate(const ApiKeyModel &model, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QString staleBadgeText();

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    const ApiKeyModel &m_model;
};

} // namespace botbat
