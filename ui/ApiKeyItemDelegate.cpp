#include "ApiKeyItemDelegate.h"

#include "BadgePainter.h"
#include "Icons.h"
#include "StatusColors.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <utility>

namespace botbat {

namespace {
using Model = ApiKeyModel;
using State = ApiKey::State;

constexpr int kRowHeight = 30;
constexpr int kBadgeGap = 6;
// Expiries this close are drawn in amber: the systems using the key must move soon.
constexpr qint64 kSoonMs = 3LL * 24 * 60 * 60 * 1000;

constexpr int kIconMargin = 3;
constexpr qreal kButtonRadius = 4;

State stateOf(const QModelIndex &index)
{
    return State(index.data(Model::StateRole).toInt());
}

Model::Actions actionsOf(const QModelIndex &index)
{
    return Model::Actions(index.data(Model::ActionsRole).toInt());
}

int slotOf(Model::Action action)
{
    for (int slot = 0; slot < int(std::size(Model::kAllActions)); ++slot)
        if (Model::kAllActions[slot] == action)
            return slot;
    return 0;
}

QIcon iconFor(Model::Action action)
{
    switch (action) {
    case Model::CopyPrefixAction:
        return Icons::copy();
    case Model::RotateAction:
        return Icons::rotate();
    case Model::RevokeAction:
        return Icons::revoke();
    }
    return {};
}
} // namespace

ApiKeyItemDelegate::ApiKeyItemDelegate(const ApiKeyModel &model, QObject *parent)
    : QStyledItemDelegate(parent), m_model(model)
{
    // Hover and pressed looks need mouse moves without a button down, and to know when the
    // mouse leaves the table.
    if (auto *view = qobject_cast<QAbstractItemView *>(parent)) {
        m_view = view;
        view->viewport()->setMouseTracking(true);
        view->viewport()->installEventFilter(this);
    }
}

QRect ApiKeyItemDelegate::buttonRect(const QRect &cell, ApiKeyModel::Action action)
{
    const int left = cell.left() + kButtonMargin + slotOf(action) * (kButtonSize + kButtonGap);
    const int top = cell.top() + (cell.height() - kButtonSize) / 2;
    return QRect(left, top, kButtonSize, kButtonSize);
}

int ApiKeyItemDelegate::actionsWidth()
{
    const int count = int(std::size(Model::kAllActions));
    return 2 * kButtonMargin + count * kButtonSize + (count - 1) * kButtonGap;
}

QString ApiKeyItemDelegate::staleBadgeText()
{
    return tr("Stale");
}

void ApiKeyItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    auto setTextColor = [option](const QColor &color) {
        option->palette.setColor(QPalette::Text, color);
    };
    const State state = stateOf(index);
    switch (index.column()) {
    case Model::NameColumn:
        if (state == State::Active)
            option->font.setWeight(QFont::DemiBold);
        break;
    case Model::PrefixColumn: {
        QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        mono.setPointSizeF(option->font.pointSizeF());
        option->font = mono;
        break;
    }
    case Model::LastUsedColumn:
        if (!index.data(Model::LastUsedRole).toDateTime().isValid())
            setTextColor(StatusColors::muted());
        break;
    case Model::ExpiresColumn: {
        const QDateTime expires = index.data(Model::ExpiresRole).toDateTime();
        if (!expires.isValid()) {
            setTextColor(StatusColors::muted());
        } else if (state == State::Active) {
            if (m_model.now().msecsTo(expires) <= kSoonMs)
                setTextColor(StatusColors::warningText());
        }
        break;
    }
    default:
        break;
    }
    // A key the API refuses is history: keep it readable, but quiet.
    if (state != State::Active && index.column() != Model::StateColumn)
        setTextColor(StatusColors::muted());
}

void ApiKeyItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    if (index.column() == Model::ActionsColumn) {
        paintActions(painter, option, index);
        return;
    }
    if (index.column() != Model::StateColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QRect cell = BadgePainter::paintCell(painter, opt);
    const QRectF badge = BadgePainter::paint(painter, cell, cell.left(), opt.text,
                                             StatusColors::forKeyState(stateOf(index)), opt.font,
                                             opt.state.testFlag(QStyle::State_Selected));
    if (index.data(Model::StaleRole).toBool())
        BadgePainter::paint(painter, cell, int(badge.right()) + kBadgeGap, staleBadgeText(),
                            StatusColors::warning(), opt.font,
                            opt.state.testFlag(QStyle::State_Selected));
}

void ApiKeyItemDelegate::paintActions(QPainter *painter, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const Model::Actions available = actionsOf(index);
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setClipRect(opt.rect);
    for (Model::Action action : Model::kAllActions) {
        // An action that does not apply to the key is left out, not greyed: revoked and
        // expired keys are history, and a row of dead buttons would only be noise.
        if (!available.testFlag(action))
            continue;
        const QRect button = buttonRect(opt.rect, action);
        const bool hovered = m_hover.action == action && m_hover.index == index;
        const bool pressed = hovered && m_pressed == m_hover;
        // A light face on every row, so the grey icons stay readable on the selection colour.
        QColor fill = opt.palette.color(QPalette::Base);
        QColor border = opt.palette.color(QPalette::Mid);
        border.setAlpha(selected ? 0 : 90);
        if (hovered) {
            fill = opt.palette.color(QPalette::Button);
            border = action == Model::RevokeAction ? StatusColors::forKeyState(State::Revoked)
                                                   : opt.palette.color(QPalette::Dark);
        }
        if (pressed)
            fill = fill.darker(115);
        painter->setPen(QPen(border, 1));
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(button).adjusted(0.5, 0.5, -0.5, -0.5), kButtonRadius,
                                 kButtonRadius);
        iconFor(action).paint(
            painter, button.adjusted(kIconMargin, kIconMargin, -kIconMargin, -kIconMargin));
    }
    painter->restore();
}

ApiKeyItemDelegate::Hit ApiKeyItemDelegate::hitAt(const QRect &cell, const QModelIndex &index,
                                                  const QPoint &position)
{
    if (index.column() != Model::ActionsColumn)
        return {};
    const Model::Actions available = actionsOf(index);
    for (Model::Action action : Model::kAllActions)
        if (available.testFlag(action) && buttonRect(cell, action).contains(position))
            return {index, action};
    return {};
}

bool ApiKeyItemDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                     const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (index.column() != Model::ActionsColumn)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    switch (event->type()) {
    case QEvent::MouseMove: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (!mouse->buttons().testFlag(Qt::LeftButton) && m_pressed.index.isValid()) {
            updateCell(m_pressed.index);
            m_pressed = {};
        }
        setHover(hitAt(option.rect, index, mouse->position().toPoint()));
        return false;
    }
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const Hit hit = hitAt(option.rect, index, mouse->position().toPoint());
        if (mouse->button() != Qt::LeftButton || hit.action == 0)
            return false;
        m_pressed = hit;
        updateCell(hit.index);
        // Taken: a double click on a button is two clicks on it, not the view's activation.
        return event->type() == QEvent::MouseButtonDblClick;
    }
    case QEvent::MouseButtonRelease: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const Hit pressed = std::exchange(m_pressed, Hit{});
        if (pressed.index.isValid())
            updateCell(pressed.index);
        const Hit hit = hitAt(option.rect, index, mouse->position().toPoint());
        // Like a push button: it acts when released over the button it was pressed on.
        if (mouse->button() != Qt::LeftButton || hit.action == 0 || !(hit == pressed))
            return false;
        emit actionTriggered(Model::Action(hit.action), index.data(Model::IdRole).toLongLong());
        return true;
    }
    default:
        break;
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool ApiKeyItemDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                   const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && view && event->type() == QEvent::ToolTip &&
        index.column() == Model::ActionsColumn) {
        const Hit hit = hitAt(option.rect, index, event->pos());
        if (hit.action != 0) {
            QToolTip::showText(event->globalPos(), Model::actionTitle(Model::Action(hit.action)),
                               view->viewport(),
                               buttonRect(option.rect, Model::Action(hit.action)));
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

bool ApiKeyItemDelegate::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport() && event->type() == QEvent::Leave)
        setHover({});
    return QStyledItemDelegate::eventFilter(watched, event);
}

void ApiKeyItemDelegate::setHover(const Hit &hover)
{
    if (hover == m_hover)
        return;
    updateCell(m_hover.index);
    m_hover = hover;
    updateCell(m_hover.index);
    if (m_view) {
        if (m_hover.action != 0)
            m_view->viewport()->setCursor(Qt::PointingHandCursor);
        else
            m_view->viewport()->unsetCursor();
    }
}

void ApiKeyItemDelegate::updateCell(const QPersistentModelIndex &index) const
{
    if (m_view && index.isValid())
        m_view->viewport()->update(m_view->visualRect(index));
}

QSize ApiKeyItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height() + 8, kRowHeight));
    if (index.column() == Model::ActionsColumn)
        size.setWidth(actionsWidth());
    if (index.column() == Model::StateColumn) {
        int width = BadgePainter::width(option.font, index.data().toString()) + 8;
        if (index.data(Model::StaleRole).toBool())
            width += kBadgeGap + BadgePainter::width(option.font, staleBadgeText());
        size.setWidth(std::max(size.width(), width));
    }
    return size;
}

} // namespace botbat
