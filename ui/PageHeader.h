#pragma once

#include <QString>
#include <QWidget>

class QLabel;

namespace botbat {

// The top of a page that lists what it reads from the engine: its title and introduction on
// the left, and on the right when the list was last read. The page passes the object names
// because tests and people find these labels by name.
class PageHeader : public QWidget
{
    Q_OBJECT
public:
    struct ObjectNames
    {
        QString title;
        QString intro;
        QString updated;
    };

    // updatedToolTip says when the list is read again, so that people know how fresh it is.
    PageHeader(const QString &title, const QString &intro, const QString &updatedToolTip,
               const ObjectNames &names, QWidget *parent);

    // The list was read just now.
    void markUpdated();

private:
    QLabel *m_updated;
};

} // namespace botbat
