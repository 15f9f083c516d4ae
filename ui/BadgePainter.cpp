#include "BadgePainter.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionViewItem>

namespace botbat {

namespace {
constexpr int kDot = 8;
constexpr int kPadding = 8;
constexpr int kGap = 6;
} // namespace

int BadgePainter::width(const QFont &font, const QString &text)
{
    return kPadding + kDot + kGap + QFontMetrics(font).horizontalAdvance(text) + kPadding + 2;
}

QRectF BadgePainter::paint(QPainter *painter, const QRect &cell, int left, const QString &text,
                           const QColor &color, const QFont &font, bool selected)
{
    const QFontMetrics metrics(font);
    const int available = cell.right() - left;
    const QRectF badge(left, cell.center().y() - kHeight / 2.0 + 0.5,
                       std::max(0, std::min(width(font, text), available)), kHeight);
    if (badge.width() < kPadding + kDot)
        return badge;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = color;
    fill.setAlphaF(0.12f);
    QColor border = color;
    border.setAlphaF(0.35f);
    if (selected) {
        fill = QColor(255, 255, 255, 235);
        border = QColor(255, 255, 255);
    }
    painter->setPen(QPen(border, 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(badge.adjusted(0.5, 0.5, -0.5, -0.5), kHeight / 2.0, kHeight / 2.0);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    const QPointF dotCenter(badge.left() + kPadding + kDot / 2.0, badge.center().y());
    painter->drawEllipse(dotCenter, kDot / 2.0, kDot / 2.0);
    painter->setPen(color.darker(135));
    painter->setFont(font);
    const QRectF textRect = badge.adjusted(kPadding + kDot + kGap, 0, -kPadding, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      metrics.elidedText(text, Qt::ElideRight, int(textRect.width())));
    painter->restore();
    return badge;
}

QRect BadgePainter::paintCell(QPainter *painter, QStyleOptionViewItem option)
{
    option.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);
    return option.rect.adjusted(4, 0, -4, 0);
}

} // namespace botbat
