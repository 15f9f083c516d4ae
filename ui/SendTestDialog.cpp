#include "SendTestDialog.h"

#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "WebhookAttemptView.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "models/WebhookEventTexts.h"
#include "models/WebhookTestRun.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace botbat {

namespace {
constexpr int kResultHeight = 560;

void setColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}
} // namespace

SendTestDialog::SendTestDialog(Engine &engine, const WebhookEndpoint &endpoint, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_endpoint(endpoint),
      m_run(new WebhookTestRun(engine, this))
{
    setObjectName(QStringLiteral("sendTestDialog"));
    setWindowTitle(tr("Send Test"));
    // Compact while it waits; it grows when the answer (body, headers) is there to read.
    setMinimumWidth(720);

    auto *title = PageLabels::title(tr("Send a test delivery"), this, 1.3);
    title->setObjectName(QStringLiteral("sendTestTitle"));
    auto *target = PageLabels::wrapped(
        QStringLiteral("sendTestIntro"),
        tr("Sends a sample payload to %1, signed like a real delivery, and shows what the "
           "endpoint answered. The test appears in the endpoint's attempts and is not retried.")
            .arg(endpoint.url),
        StatusColors::muted(), this);

    m_event = new QComboBox(this);
    m_event->setObjectName(QStringLiteral("testEventCombo"));
    m_event->setToolTip(tr("The event type whose sample payload is sent"));
    // The endpoint's own events first: those are what its receiver handles.
    QStringList types = WebhookEventTexts::ordered();
    std::stable_partition(types.begin(), types.end(), [&endpoint](const QString &type) {
        return endpoint.events.contains(type);
    });
    for (const QString &type : types)
        m_event->addItem(
            endpoint.events.contains(type) ? type : tr("%1 (not subscribed)").arg(type), type);
    m_trigger = PageLabels::wrapped(QStringLiteral("testEventTrigger"), QString(),
                                    StatusColors::muted(), this);

    m_send = new QPushButton(Icons::send(), tr("&Send Test"), this);
    m_send->setObjectName(QStringLiteral("testSendButton"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the sample now (Enter)"));

    auto *eventLabel = new QLabel(tr("&Event:"), this);
    eventLabel->setBuddy(m_event);
    auto *row = new QHBoxLayout;
    row->setSpacing(8);
    row->addWidget(eventLabel);
    row->addWidget(m_event, 1);
    row->addWidget(m_send);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("testProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progressLabel = PageLabels::wrapped(QStringLiteral("testProgressLabel"), QString(),
                                          StatusColors::muted(), this);

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("testHeadline"));
    QFont bold = m_headline->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_headline->setFont(bold);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_problem = PageLabels::wrapped(QStringLiteral("testProblemLabel"), QString(),
                                    StatusColors::errorText(), this);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view = new WebhookAttemptView(this);
    m_view->setObjectName(QStringLiteral("testAttemptView"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeTestButton"));
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(target);
    layout->addLayout(row);
    layout->addWidget(m_trigger);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_headline);
    layout->addWidget(m_problem);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);

    m_progress->hide();
    m_progressLabel->hide();
    m_headline->hide();
    m_problem->hide();
    m_view->hide();

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &SendTestDialog::send);
    connect(m_event, &QComboBox::currentIndexChanged, this, &SendTestDialog::updateTrigger);
    connect(m_run, &WebhookTestRun::finished, this, &SendTestDialog::onFinished);
    connect(m_run, &WebhookTestRun::failed, this, &SendTestDialog::onFailed);
    connect(m_run, &WebhookTestRun::timedOut, this, &SendTestDialog::onTimedOut);
    connect(this, &QDialog::finished, m_run, &WebhookTestRun::cancel);
    updateTrigger();
    m_send->setFocus();
}

QString SendTestDialog::eventType() const
{
    return m_event->currentData().toString();
}

void SendTestDialog::updateTrigger()
{
    const QString type = eventType();
    m_trigger->setText(m_endpoint.events.contains(type)
                           ? tr("Sent when: %1.").arg(WebhookEventTexts::trigger(type))
                           : tr("Sent when: %1. This endpoint does not subscribe to it, so it "
                                "receives it only as a test.")
                                 .arg(WebhookEventTexts::trigger(type)));
}

void SendTestDialog::send()
{
    if (m_run->isRunning())
        return;
    setSending(true);
    m_run->start(m_endpoint.id, eventType());
}

void SendTestDialog::setSending(bool sending)
{
    m_send->setEnabled(!sending);
    m_event->setEnabled(!sending);
    m_progress->setVisible(sending);
    m_progressLabel->setVisible(sending);
    if (sending) {
        m_progressLabel->setText(
            tr("Sending a sample %1 to %2 and waiting for the answer (up to %3 seconds)\u2026")
                .arg(eventType(), QUrl(m_endpoint.url).host())
                .arg(m_run->timeoutMs() / 1000));
        m_headline->hide();
        m_problem->hide();
        m_view->hide();
        m_view->clear();
    } else {
        m_send->setText(tr("&Send Again"));
    }
}

void SendTestDialog::onFinished(const WebhookAttemptDetails &details)
{
    setSending(false);
    const WebhookAttempt &attempt = details.attempt;
    if (attempt.succeeded) {
        m_headline->setText(tr("\u2714 HTTP %1 in %2 ms: the endpoint accepted the test.")
                                .arg(attempt.httpStatus)
                                .arg(attempt.durationMs));
        setColor(m_headline,
                 StatusColors::forStatus(IntegrationSummary::Status::Connected).darker(115));
    } else if (attempt.httpStatus > 0) {
        m_headline->setText(tr("\u2716 HTTP %1 in %2 ms: the endpoint refused the test.")
                                .arg(attempt.httpStatus)
                                .arg(attempt.durationMs));
        setColor(m_headline, StatusColors::errorText());
    } else {
        m_headline->setText(tr("\u2716 No answer after %1 ms: the test did not reach the endpoint.")
                                .arg(attempt.durationMs));
        setColor(m_headline, StatusColors::errorText());
    }
    m_headline->show();
    m_view->setDetails(details, m_engine.clock().now());
    m_view->show();
    resize(width(), std::max(height(), kResultHeight));
}

void SendTestDialog::onFailed(const QString &error)
{
    setSending(false);
    m_problem->setText(tr("The test was not sent: %1").arg(error));
    m_problem->show();
}

void SendTestDialog::onTimedOut()
{
    setSending(false);
    m_problem->setText(
        tr("No attempt was recorded within %1 seconds. The test stays queued: if the engine "
           "is running, it is sent as soon as the dispatcher gets to it and appears in the "
           "endpoint's recent attempts. If it never does, check the status bar and the "
           "engine log.")
            .arg(m_run->timeoutMs() / 1000));
    m_problem->show();
}

} // namespace botbat
