#include "PageActions.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QToolButton>

namespace botbat {

QAction *PageActions::create(const QIcon &icon, const QString &text, const QString &objectName,
                             const QKeySequence &shortcut, const QString &toolTip, QObject *parent)
{
    auto *action = new QAction(icon, text, parent);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    if (!toolTip.isEmpty())
        action->setToolTip(shortcut.isEmpty() ? toolTip : toolTip.arg(shortcutHint(action)));
    return action;
}

QString PageActions::shortcutHint(const QAction *action)
{
    return action->shortcut().toString(QKeySequence::NativeText);
}

QToolButton *PageActions::toolButton(QAction *action, const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(false);
    button->setIconSize(QSize(16, 16));
    return button;
}

} // namespace botbat
