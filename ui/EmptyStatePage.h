#pragma once

#include <QWidget>

class QIcon;
class QLabel;

namespace botbat {

// A tab whose feature is not in this version yet: an icon, a title and one honest paragraph
// of what the tab will hold. It never shows placeholder rows that could pass for real data.
class EmptyStatePage : public QWidget
{
    Q_OBJECT
public:
    EmptyStatePage(const QIcon &icon, const QString &title, const QString &text,
                   QWidget *parent = nullptr);

    QString title() const;
    QString text() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace botbat
