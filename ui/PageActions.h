#pragma once

#include <QString>

class QAction;
class QIcon;
class QKeySequence;
class QObject;
class QToolButton;
class QWidget;

namespace botbat {

// The actions of the pages and the tool buttons that show them, built alike so that every
// page's toolbar looks and reads the same.
class PageActions
{
public:
    // An action named for tests. With a shortcut, toolTip has a %1 for it: people learn the
    // shortcut where they find the action. Without one (or with several, set afterwards),
    // toolTip is used as it is; an empty one is left for the page to set later.
    static QAction *create(const QIcon &icon, const QString &text, const QString &objectName,
                           const QKeySequence &shortcut, const QString &toolTip, QObject *parent);
    // The shortcut as this platform writes it.
    static QString shortcutHint(const QAction *action);
    // A toolbar button for action: icon and text, not raised, so it reads as a button.
    static QToolButton *toolButton(QAction *action, const QString &objectName, QWidget *parent);
};

} // namespace botbat
