#include "AttemptDetailsDialog.h"

#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "WebhookAttemptView.h"
#include "models/WebhookAttemptModel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace botbat {

AttemptDetailsDialog::AttemptDetailsDialog(qint64 attemptId, QWidget *parent)
    : QDialog(parent), m_attemptId(attemptId)
{
    setObjectName(QStringLiteral("attemptDetailsDialog"));
    setWindowTitle(tr("Delivery Attempt"));
    setMinimumSize(720, 560);

    auto *title = PageLabels::title(tr("Delivery attempt"), this, 1.3);
    title->setObjectName(QStringLiteral("attemptDetailsTitle"));
    m_summary = PageLabels::wrapped(QStringLiteral("attemptSummaryLabel"), QString(),
                                    StatusColors::muted(), this);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = PageLabels::wrapped(QStringLiteral("attemptLoadingLabel"),
                                   tr("Loading the attempt\u2026"), StatusColors::muted(), this);

    m_view = new WebhookAttemptView(this);
    m_view->setObjectName(QStringLiteral("attemptView"));
    m_view->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeAttemptButton"));
    m_resend = buttons->addButton(tr("&Resend Delivery"), QDialogButtonBox::ActionRole);
    m_resend->setObjectName(QStringLiteral("resendFromDetailsButton"));
    m_resend->setIcon(Icons::refresh());
    m_resend->setToolTip(tr("Send this delivery's payload to the endpoint again now"));
    m_resend->setAutoDefault(false);
    m_resend->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_resend, &QPushButton::clicked, this, [this] {
        if (m_details.delivery.id != 0)
            emit resendRequested(m_details.delivery.id);
    });
}

void AttemptDetailsDialog::setDetails(const WebhookAttemptDetails &details, const QDateTime &now)
{
    m_details = details;
    const WebhookAttempt &attempt = details.attempt;
    const QString deliveryKey = QString::fromLatin1(details.delivery.messageId());
    m_summary->setText(
        attempt.isTest ? tr("%1 (test) \u00b7 %2 \u00b7 delivery %3")
                             .arg(attempt.eventType,
                                  WebhookAttemptModel::localTime(attempt.startedAt), deliveryKey)
                       : tr("%1 \u00b7 attempt %2 \u00b7 %3 \u00b7 delivery %4")
                             .arg(attempt.eventType)
                             .arg(attempt.attempt)
                             .arg(WebhookAttemptModel::localTime(attempt.startedAt), deliveryKey));
    m_summary->setToolTip(tr("The delivery id is sent as X-BotBat-Delivery and webhook-id, and "
                             "stays the same across retries: receivers use it to ignore "
                             "duplicates."));
    m_status->hide();
    m_view->setDetails(details, now);
    m_view->show();
    // Tests are sent once, by design; a resend is for real deliveries.
    m_resend->setEnabled(!attempt.isTest);
}

void AttemptDetailsDialog::showError(const QString &error)
{
    m_status->setText(tr("The attempt cannot be read: %1").arg(error));
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, StatusColors::errorText());
    m_status->setPalette(palette);
    m_status->show();
}

} // namespace botbat
