#include "PageActivity.h"

#include "PageLabels.h"
#include "StatusColors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QTimer>

namespace botbat {

PageActivity::PageActivity(const ObjectNames &names, QWidget *parent)
    : QWidget(parent), m_errorBoxName(names.errorBox), m_message(new QLabel(this)),
      m_busyLabel(PageLabels::muted(QString(), this)), m_busy(new QProgressBar(this)),
      m_messageTimer(new QTimer(this))
{
    m_message->setObjectName(names.message);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     StatusColors::forStatus(IntegrationSummary::Status::Connected).darker(120));
    m_message->setPalette(palette);
    // A long message must not widen the window: it is cut at the page's width, and the tool
    // tip has it whole.
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_message->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_busyLabel->setObjectName(names.busyLabel);
    m_busyLabel->hide();
    m_busy->setObjectName(names.busy);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(90);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_busyLabel);
    layout->addWidget(m_busy);

    m_messageTimer->setSingleShot(true);
    connect(m_messageTimer, &QTimer::timeout, this, [this] {
        m_message->clear();
        m_message->setToolTip(QString());
    });
}

void PageActivity::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setToolTip(text);
    m_messageTimer->start(kMessageMs);
}

void PageActivity::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, title, QMessageBox::Ok, this);
    box->setObjectName(m_errorBoxName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(text);
    box->open();
}

void PageActivity::beginWork(const QString &what)
{
    ++m_work;
    m_busyLabel->setText(what);
    m_busyLabel->show();
    m_busy->show();
}

void PageActivity::endWork()
{
    m_work = std::max(0, m_work - 1);
    if (m_work == 0) {
        m_busyLabel->hide();
        m_busy->hide();
    }
}

} // namespace botbat
