#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QProgressBar;
class QTimer;

namespace botbat {

// The right end of a page's status line: what the page did last (a message that clears itself
// after a while) and what it is doing (a busy indicator while any of its engine calls is under
// way), plus the box that reports a call that failed. The page passes the object names because
// tests and people find these widgets by name, and each page's names are its own.
class PageActivity : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMessageMs = 10 * 1000;

    struct ObjectNames
    {
        QString message;
        QString busyLabel;
        QString busy;
        QString errorBox;
    };

    PageActivity(const ObjectNames &names, QWidget *parent);

    void showMessage(const QString &text);
    // A window-modal warning: title says what failed, text why and what to do next.
    void showError(const QString &title, const QString &text);
    // Calls overlap (a save while a delete is under way): the indicator stays until the last
    // one ends, labelled with the latest.
    void beginWork(const QString &what);
    void endWork();

private:
    QString m_errorBoxName;
    QLabel *m_message;
    QLabel *m_busyLabel;
    QProgressBar *m_busy;
    QTimer *m_messageTimer;
    int m_work = 0;
};

} // namespace botbat
