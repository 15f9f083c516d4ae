#pragma once

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

class QPainter;
class QStyleOptionViewItem;

namespace botbat {

// The pill-shaped status badge of the console's tables (a dot and a word, so colour is never
// the only signal), in one place so the Overview, the API keys and the audit log agree.
class BadgePainter
{
public:
    static constexpr int kHeight = 20;

    // The width a badge with this text needs.
    static int width(const QFont &font, const QString &text);
    // Draws a badge at x = left, vertically centred in cell (clipped to it); returns its rect.
    // On a selected row the badge gets a light fill, so it stays readable on the highlight.
    static QRectF paint(QPainter *painter, const QRect &cell, int left, const QString &text,
                        const QColor &color, const QFont &font, bool selected = false);
    // Draws a table cell as the style does (selection and hover included) but without its text,
    // for badges to go on top; option is the delegate's, already initialised for the index.
    // Returns the part of the cell the badges go in.
    static QRect paintCell(QPainter *painter, QStyleOptionViewItem option);
};

} // namespace botbat
