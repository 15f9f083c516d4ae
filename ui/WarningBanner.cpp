#include "WarningBanner.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace botbat {

WarningBanner::WarningBanner(QWidget *parent) : QFrame(parent)
{
    // Selected by property, so the rule styles this frame and none of its labels.
    setProperty("banner", QStringLiteral("warning"));
    setStyleSheet(QStringLiteral("QFrame[banner=\"warning\"] { background: #fffbeb; "
                                 "border: 1px solid #fcd34d; border-radius: 6px; }"
                                 "QLabel { color: #78350f; background: transparent; }"));

    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("bannerIcon"));
    icon->setPixmap(Icons::warning().pixmap(QSize(20, 20)));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("bannerTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_title);
    texts->addWidget(m_text);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(10);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
}

void WarningBanner::setMessage(const QString &title, const QString &text)
{
    m_title->setText(title);
    m_text->setText(text);
}

QString WarningBanner::title() const
{
    return m_title->text();
}

QString WarningBanner::text() const
{
    return m_text->text();
}

} // namespace botbat
