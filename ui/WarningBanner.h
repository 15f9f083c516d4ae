#pragma once

#include <QFrame>

class QLabel;

namespace botbat {

// An amber notice across the top of a page: something is wrong and what to do about it.
class WarningBanner : public QFrame
{
    Q_OBJECT
public:
    explicit WarningBanner(QWidget *parent = nullptr);

    void setMessage(const QString &title, const QString &text);
    QString title() const;
    QString text() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace botbat
