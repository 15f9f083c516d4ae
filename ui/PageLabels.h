#pragma once

#include <QtGlobal>

class QColor;
class QLabel;
class QString;
class QWidget;

namespace botbat {

// The labels the pages and dialogs head themselves with, so that they look alike.
class PageLabels
{
public:
    // A page's own title (a dialog's a little smaller): larger and bold.
    static QLabel *title(const QString &text, QWidget *parent, qreal scale = 1.45);
    // Secondary text (an introduction, a count, a time): in the muted colour.
    static QLabel *muted(const QString &text, QWidget *parent);
    // A muted paragraph that wraps with the window's width.
    static QLabel *intro(const QString &text, QWidget *parent);
    // A wrapping label in a given colour (explanations, warnings, errors in dialogs).
    static QLabel *wrapped(const QString &objectName, const QString &text, const QColor &color,
                           QWidget *parent);
};

} // namespace botbat
