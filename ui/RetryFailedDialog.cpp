#include "RetryFailedDialog.h"

#include "PageLabels.h"
#include "StatusColors.h"
#include "models/ApiKeyModel.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace botbat {

RetryFailedDialog::RetryFailedDialog(const QString &endpointUrl, const QDateTime &now,
                                     QWidget *parent)
    : QDialog(parent), m_now(now)
{
    setObjectName(QStringLiteral("retryFailedDialog"));
    setWindowTitle(tr("Retry Failed Deliveries"));
    setMinimumWidth(560);

    auto *title = PageLabels::title(tr("Retry failed deliveries"), this, 1.3);
    auto *intro = PageLabels::wrapped(
        QStringLiteral("retryFailedIntro"),
        tr("Deliveries to %1 that failed for good (all retries used) since the time below are "
           "queued again and sent now, each with its original payload and delivery id, so "
           "receivers can still drop duplicates.")
            .arg(endpointUrl),
        StatusColors::muted(), this);

    m_since = new QDateTimeEdit(this);
    m_since->setObjectName(QStringLiteral("retrySinceEdit"));
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_since->setMaximumDateTime(now.toLocalTime());
    m_since->setDateTime(now.addSecs(-24 * 3600).toLocalTime());
    m_since->setToolTip(tr("Failed deliveries last changed at or after this local time"));
    m_hint = PageLabels::wrapped(QStringLiteral("retrySinceHint"), QString(), StatusColors::muted(),
                                 this);

    auto *form = new QFormLayout;
    auto *label = new QLabel(tr("Failed &since:"), this);
    label->setBuddy(m_since);
    form->addRow(label, m_since);
    form->addRow(QString(), m_hint);

    m_result = PageLabels::wrapped(QStringLiteral("retryFailedResult"), QString(),
                                   StatusColors::muted(), this);
    m_result->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_retry = m_buttons->addButton(tr("&Retry Failed Deliveries"), QDialogButtonBox::AcceptRole);
    m_retry->setObjectName(QStringLiteral("confirmRetryFailedButton"));
    m_retry->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("cancelRetryFailedButton"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    auto updateHint = [this] {
        m_hint->setText(tr("That is %1.").arg(ApiKeyModel::relative(since(), m_now)));
    };
    connect(m_since, &QDateTimeEdit::dateTimeChanged, this, updateHint);
    updateHint();
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_done)
            accept();
        else
            emit submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QDateTime RetryFailedDialog::since() const
{
    return m_since->dateTime().toUTC();
}

void RetryFailedDialog::setSince(const QDateTime &since)
{
    m_since->setDateTime(since.toLocalTime());
}

void RetryFailedDialog::setBusy(bool busy)
{
    m_since->setEnabled(!busy);
    m_retry->setEnabled(!busy);
    m_retry->setText(busy ? tr("Retrying\u2026") : tr("&Retry Failed Deliveries"));
}

void RetryFailedDialog::showResult(int count)
{
    setBusy(false);
    m_result->setText(
        count == 0 ? tr("No delivery had failed for good since then: nothing was queued.")
        : count == 1
            ? tr("1 failed delivery was queued again and is being sent now.")
            : tr("%1 failed deliveries were queued again and are being sent now.").arg(count));
    QPalette palette = m_result->palette();
    palette.setColor(QPalette::WindowText,
                     StatusColors::forStatus(IntegrationSummary::Status::Connected).darker(120));
    m_result->setPalette(palette);
    m_result->show();
    m_since->setEnabled(false);
    m_done = true;
    m_retry->setText(tr("&Done"));
    m_buttons->button(QDialogButtonBox::Cancel)->hide();
}

void RetryFailedDialog::showError(const QString &error)
{
    setBusy(false);
    m_result->setText(tr("Nothing was retried: %1").arg(error));
    QPalette palette = m_result->palette();
    palette.setColor(QPalette::WindowText, StatusColors::errorText());
    m_result->setPalette(palette);
    m_result->show();
}

} // namespace botbat
