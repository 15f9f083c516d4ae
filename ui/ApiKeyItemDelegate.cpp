#include "ApiKeyItemDelegate.h"

#include "BadgePainter.h"
#include "StatusColors.h"
#include "models/ApiKeyModel.h"

#include <QApplication>
#include <QFontDatabase>
#include <QPainter>

namespace botbat {

namespace {
using Model = ApiKeyModel;
using State = ApiKey::State;

constexpr int kRowHeight = 30;
constexpr int kBadgeGap = 6;
// Expiries this close are drawn in amber: the systems using the key must move soon.
constexpr qint64 kSoonMs = 3LL * 24 * 60 * 60 * 1000;

State stateOf(const QModelIndex &index)
{
    return State(index.data(Model::StateRole).toInt());
}
} // namespace

ApiKeyItemDelegate::ApiKeyItemDelegate(const ApiKeyModel &model, QObject *parent)
    : QStyledItemDelegate(parent), m_model(model)
{}

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
    if (index.column() != Model::StateColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    // The style draws selection and hover; the badges go on top.
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect cell = opt.rect.adjusted(4, 0, -4, 0);
    const QRectF badge = BadgePainter::paint(painter, cell, cell.left(), text,
                                             StatusColors::forKeyState(stateOf(index)), opt.font,
                                             opt.state.testFlag(QStyle::State_Selected));
    if (index.data(Model::StaleRole).toBool())
        BadgePainter::paint(painter, cell, int(badge.right()) + kBadgeGap, staleBadgeText(),
                            StatusColors::warning(), opt.font,
                            opt.state.testFlag(QStyle::State_Selected));
}

QSize ApiKeyItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height() + 8, kRowHeight));
    if (index.column() == Model::StateColumn) {
        int width = BadgePainter::width(option.font, index.data().toString()) + 8;
        if (index.data(Model::StaleRole).toBool())
            width += kBadgeGap + BadgePainter::width(option.font, staleBadgeText());
        size.setWidth(std::max(size.width(), width));
    }
    return size;
}

} // namespace botbat
