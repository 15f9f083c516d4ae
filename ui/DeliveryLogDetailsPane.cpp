#include "DeliveryLogDetailsPane.h"

#include "WebhookAttemptView.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "models/CurlCommand.h"
#include "models/WebhookAttemptModel.h"
#include "models/WebhookStoreCall.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace botbat {

namespace {

struct Loaded
{
    WebhookAttemptDetails details;
    QList<WebhookAttempt> history;
};

QString attemptLine(const WebhookAttempt &attempt)
{
    const QString when = WebhookAttemptModel::localTime(attempt.startedAt);
    const QString answer =
        attempt.httpStatus > 0
            ? QCoreApplication::translate("DeliveryLog", "HTTP %1").arg(attempt.httpStatus)
            : QCoreApplication::translate("DeliveryLog", "no answer");
    QString outcome;
    if (attempt.succeeded)
        outcome = QCoreApplication::translate("DeliveryLog", "delivered");
    else if (attempt.nextRetryAt.isValid())
        outcome = QCoreApplication::translate("DeliveryLog", "retry at %1")
                      .arg(WebhookAttemptModel::localTime(attempt.nextRetryAt));
    else
        outcome = attempt.isTest ? QCoreApplication::translate("DeliveryLog", "test, not retried")
                                 : QCoreApplication::translate("DeliveryLog", "no retry follows");
    return QCoreApplication::translate("DeliveryLog", "Attempt %1 · %2 · %3 in %4 ms · %5")
        .arg(attempt.attempt)
        .arg(when, answer)
        .arg(attempt.durationMs)
        .arg(outcome);
}

} // namespace

DeliveryLogDetailsPane::DeliveryLogDetailsPane(Engine &engine, QWidget *parent)
    : QWidget(parent), m_engine(engine)
{
    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(tr("Select a row to see what was sent and what came back, and every "
                            "attempt of that delivery."),
                         this);
    m_empty->setObjectName(QStringLiteral("logDetailsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    auto *content = new QWidget(this);
    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("logDetailsTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pending = new QLabel(content);
    m_pending->setObjectName(QStringLiteral("logDetailsPending"));
    m_pending->setWordWrap(true);
    m_timeline = new QListWidget(content);
    m_timeline->setObjectName(QStringLiteral("logAttemptTimeline"));
    m_timeline->setToolTip(tr("Every attempt of this delivery, oldest first; pick one to see it"));
    m_timeline->setMaximumHeight(96);
    m_timeline->setAlternatingRowColors(true);
    m_view = new WebhookAttemptView(content);
    m_view->setObjectName(QStringLiteral("logAttemptView"));

    m_resend = new QPushButton(tr("&Retry now"), content);
    m_resend->setObjectName(QStringLiteral("logResend"));
    m_resend->setToolTip(tr("Attempt this delivery again now (Ctrl+R); a permanently failed "
                            "delivery gets one more attempt"));
    m_resend->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_copyPayload = new QPushButton(tr("Copy &payload"), content);
    m_copyPayload->setObjectName(QStringLiteral("logCopyPayload"));
    m_copyPayload->setToolTip(tr("Copy the exact JSON body that was sent"));
    m_copyCurl = new QPushButton(tr("Copy as c&url"), content);
    m_copyCurl->setObjectName(QStringLiteral("logCopyCurl"));
    m_copyCurl->setToolTip(tr("Copy a curl command that sends the same request, signature headers "
                              "included (no secret is in it). Receivers that check "
                              "webhook-timestamp may refuse an old one."));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_resend);
    buttons->addWidget(m_copyPayload);
    buttons->addWidget(m_copyCurl);
    buttons->addStretch(1);
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_title);
    column->addWidget(m_pending);
    column->addWidget(m_timeline);
    column->addWidget(m_view, 1);
    column->addLayout(buttons);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_timeline, &QListWidget::currentRowChanged, this,
            &DeliveryLogDetailsPane::showAttempt);
    connect(m_resend, &QPushButton::clicked, this, [this] {
        if (m_details.delivery.id != 0)
            emit resendRequested(m_details.delivery.id);
    });
    connect(m_copyPayload, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(payloadText());
        emit copied(tr("Payload copied"));
    });
    connect(m_copyCurl, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(curlCommand());
        emit copied(tr("curl command copied"));
    });
    clear();
}

void DeliveryLogDetailsPane::clear()
{
    ++m_generation;
    m_details = {};
    m_history.clear();
    m_loaded = false;
    m_timeline->clear();
    m_view->clear();
    m_stack->setCurrentWidget(m_empty);
}

void DeliveryLogDetailsPane::showEntry(const DeliveryLogEntry &entry)
{
    if (entry.deliveryId == 0) {
        clear();
        return;
    }
    load(entry.deliveryId, entry.attemptId);
}

void DeliveryLogDetailsPane::load(qint64 deliveryId, qint64 attemptId)
{
    const int generation = ++m_generation;
    m_loaded = false;
    m_stack->setCurrentIndex(1);
    m_title->setText(tr("Loading delivery %1…").arg(deliveryId));
    m_pending->hide();
    m_timeline->clear();
    m_view->clear();
    for (QPushButton *button : {m_resend, m_copyPayload, m_copyCurl})
        button->setEnabled(false);
    WebhookStoreCall::run(
        m_engine, this,
        [deliveryId, attemptId](WebhookStore &store) -> DomainResult<Loaded> {
            Loaded loaded;
            DomainResult<WebhookDelivery> delivery = store.delivery(deliveryId);
            if (!delivery)
                return delivery.error();
            loaded.details.delivery = delivery.value();
            DomainResult<QList<WebhookAttempt>> history = store.attempts(deliveryId);
            if (!history)
                return history.error();
            loaded.history = history.value();
            // The attempt of the row, or the latest for a pending delivery's row.
            if (!loaded.history.isEmpty())
                loaded.details.attempt = loaded.history.last();
            for (const WebhookAttempt &attempt : loaded.history)
                if (attempt.id == attemptId)
                    loaded.details.attempt = attempt;
            return loaded;
        },
        [this, generation](const DomainResult<Loaded> &result) {
            if (generation != m_generation)
                return;
            if (!result) {
                m_title->setText(tr("The delivery could not be read: %1")
                                     .arg(result.error().message().toHtmlEscaped()));
                return;
            }
            showDetails(result.value().details, result.value().history);
        });
}

void DeliveryLogDetailsPane::showDetails(const WebhookAttemptDetails &details,
                                         const QList<WebhookAttempt> &history)
{
    m_details = details;
    m_history = history;
    const WebhookDelivery &delivery = details.delivery;
    m_title->setText(tr("<b>%1</b> · delivery %2 · %3 · state <b>%4</b>")
                         .arg(delivery.eventType.toHtmlEscaped())
                         .arg(delivery.id)
                         .arg(QString::fromLatin1(delivery.messageId()).toHtmlEscaped(),
                              WebhookDelivery::stateKey(delivery.state)));
    const QDateTime now = m_engine.clock().now();
    if (!delivery.isFinal() && delivery.nextAttemptAt.isValid()) {
        m_pending->setText(
            tr("Next attempt: %1").arg(WebhookAttemptModel::localTime(delivery.nextAttemptAt)));
        m_pending->show();
    } else if (history.isEmpty()) {
        m_pending->setText(tr("Not attempted yet."));
        m_pending->show();
    } else {
        m_pending->hide();
    }
    {
        const QSignalBlocker blocker(m_timeline);
        m_timeline->clear();
        int current = -1;
        for (int i = 0; i < history.size(); ++i) {
            const WebhookAttempt &attempt = history.at(i);
            auto *item = new QListWidgetItem(attemptLine(attempt), m_timeline);
            item->setForeground(attempt.succeeded ? QColor(0x1e, 0x7e, 0x34)
                                                  : QColor(0xb0, 0x20, 0x20));
            item->setToolTip(attempt.errorMessage);
            if (attempt.id == details.attempt.id)
                current = i;
        }
        m_timeline->setCurrentRow(current);
    }
    m_timeline->setVisible(!history.isEmpty());
    if (details.attempt.id != 0) {
        m_view->setDetails(details, now);
        m_view->show();
    } else {
        m_view->hide();
    }
    m_resend->setEnabled(!delivery.isTest || history.isEmpty());
    m_resend->setText(delivery.state == WebhookDelivery::State::Failed ? tr("&Retry now")
                                                                       : tr("&Resend"));
    m_copyPayload->setEnabled(true);
    m_copyCurl->setEnabled(details.attempt.id != 0);
    m_loaded = true;
    emit loaded();
}

void DeliveryLogDetailsPane::showAttempt(int index)
{
    if (index < 0 || index >= m_history.size())
        return;
    m_details.attempt = m_history.at(index);
    m_view->setDetails(m_details, m_engine.clock().now());
    m_copyCurl->setEnabled(true);
}

QString DeliveryLogDetailsPane::payloadText() const
{
    return QString::fromUtf8(m_details.delivery.payload);
}

QString DeliveryLogDetailsPane::curlCommand() const
{
    if (m_details.attempt.id == 0)
        return {};
    return CurlCommand::build(m_details.attempt.requestUrl, m_details.attempt.requestHeaders,
                              m_details.delivery.payload);
}

} // namespace botbat
