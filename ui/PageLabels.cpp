#include "PageLabels.h"

#include "StatusColors.h"

#include <QFont>
#include <QLabel>
#include <QPalette>

namespace botbat {

QLabel *PageLabels::title(const QString &text, QWidget *parent, qreal scale)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(true);
    label->setFont(font);
    return label;
}

QLabel *PageLabels::muted(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, StatusColors::muted());
    label->setPalette(palette);
    return label;
}

QLabel *PageLabels::intro(const QString &text, QWidget *parent)
{
    QLabel *label = muted(text, parent);
    label->setWordWrap(true);
    return label;
}

QLabel *PageLabels::wrapped(const QString &objectName, const QString &text, const QColor &color,
                            QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
    return label;
}

} // namespace botbat
