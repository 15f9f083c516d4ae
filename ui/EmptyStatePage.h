#pragma once

#include <QWidget>

class QAction;
class QIcon;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace botbat {

// A tab with nothing to show: an icon, a title and one honest paragraph, either of what the
// tab will hold in a later version or of why it is empty and what to do (with a button). It
// never shows placeholder rows that could pass for real data.
class EmptyStatePage : public QWidget
{
    Q_OBJECT
public:
    EmptyStatePage(const QIcon &icon, const QString &title, const QString &text,
                   QWidget *parent = nullptr);

    QString title() const;
    QString text() const;

    // A button under the text that triggers action: the one thing to do next, for tabs whose
    // feature exists but holds nothing yet.
    QPushButton *addActionButton(QAction *action);

private:
    QVBoxLayout *m_column = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace botbat
