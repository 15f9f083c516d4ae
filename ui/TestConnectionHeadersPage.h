#pragma once

#include <QList>
#include <QPair>
#include <QWizardPage>

class QLabel;
class QPushButton;
class QTableWidget;

namespace botbat {

// Extra request headers for the test, in a small name/value table; optional.
class TestConnectionHeadersPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit TestConnectionHeadersPage(QWidget *parent = nullptr);

    // Rows with a name; rows left empty are ignored.
    QList<QPair<QString, QString>> headers() const;
    void addHeader(const QString &name = {}, const QString &value = {});

private:
    void removeSelected();
    void update();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_empty;
};

} // namespace botbat
