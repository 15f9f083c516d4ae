#pragma once

#include "models/ApiKeyModel.h"

#include <QPersistentModelIndex>
#include <QPointer>
#include <QStyledItemDelegate>

class QAbstractItemView;

namespace botbat {

// Draws the API keys table: the state as a coloured badge with a second "Stale" badge for
// active keys nobody uses, key prefixes in monospace, "Never" and keys that no longer work
// muted, and an expiry that is near in amber.
// The Actions column gets a small icon button per action that applies to the row's key
// (ApiKeyModel::ActionsRole); they are painted, not widgets, so a long list costs no editors.
// A click emits actionTriggered; keyboard users have the page's toolbar and shortcuts.
class ApiKeyItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int kButtonSize = 22;
    static constexpr int kButtonGap = 3;
    static constexpr int kButtonMargin = 5;

    // model gives the time (the engine's clock) that "expires soon" is measured from. With an
    // item view as parent, the buttons follow the mouse (hover and pressed looks).
    explicit ApiKeyItemDelegate(const ApiKeyModel &model, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    static QString staleBadgeText();
    // Where action's button is in an Actions cell. Every action keeps its place, shown or not,
    // so the icons line up down the column.
    static QRect buttonRect(const QRect &cell, ApiKeyModel::Action action);
    // The width of the Actions column.
    static int actionsWidth();

signals:
    // A button was clicked; keyId is the row's key (ApiKeyModel::IdRole).
    void actionTriggered(ApiKeyModel::Action action, qint64 keyId);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Hit
    {
        QPersistentModelIndex index;
        int action = 0; // ApiKeyModel::Action, 0 for none
        bool operator==(const Hit &other) const
        {
            return index == other.index && action == other.action;
        }
    };

    void paintActions(QPainter *painter, const QStyleOptionViewItem &option,
                      const QModelIndex &index) const;
    // The enabled button under position in the Actions cell of index, if any.
    static Hit hitAt(const QRect &cell, const QModelIndex &index, const QPoint &position);
    void setHover(const Hit &hover);
    void updateCell(const QPersistentModelIndex &index) const;

    const ApiKeyModel &m_model;
    QPointer<QAbstractItemView> m_view;
    Hit m_hover;
    Hit m_pressed;
};

} // namespace botbat
