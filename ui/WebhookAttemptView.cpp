#include "WebhookAttemptView.h"

#include "JsonHighlighter.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "models/ApiKeyModel.h"
#include "models/WebhookAttemptModel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace botbat {

namespace {
using Result = WebhookAttemptModel::Result;

QColor colorOf(Result result)
{
    switch (result) {
    case Result::Delivered:
        return StatusColors::forStatus(IntegrationSummary::Status::Connected);
    case Result::Retrying:
        return StatusColors::warning();
    case Result::Failed:
        return StatusColors::forStatus(IntegrationSummary::Status::Error);
    }
    return StatusColors::muted();
}

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}
} // namespace

WebhookAttemptView::WebhookAttemptView(QWidget *parent) : QWidget(parent)
{
    m_result = valueLabel(QStringLiteral("attemptResultLabel"), this);
    m_result->setTextFormat(Qt::RichText);
    m_status = valueLabel(QStringLiteral("attemptStatusLabel"), this);
    m_duration = valueLabel(QStringLiteral("attemptDurationLabel"), this);
    m_url = valueLabel(QStringLiteral("attemptUrlLabel"), this);
    m_nextRetry = valueLabel(QStringLiteral("attemptNextRetryLabel"), this);
    m_error = PageLabels::wrapped(QStringLiteral("attemptErrorLabel"), QString(),
                                  StatusColors::errorText(), this);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->setHorizontalSpacing(14);
    form->setVerticalSpacing(6);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->addRow(tr("Result:"), m_result);
    form->addRow(tr("HTTP status:"), m_status);
    form->addRow(tr("Response time:"), m_duration);
    form->addRow(tr("Request URL:"), m_url);
    form->addRow(tr("Next retry:"), m_nextRetry);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("attemptTabs"));
    m_tabs->setDocumentMode(true);
    m_responseBody = textPane(QStringLiteral("responseBodyText"));
    m_requestHeaders = textPane(QStringLiteral("requestHeadersText"));
    m_payload = textPane(QStringLiteral("payloadText"));
    new JsonHighlighter(m_payload->document());
    new JsonHighlighter(m_responseBody->document());
    m_responseHeaders = textPane(QStringLiteral("responseHeadersText"));
    m_tabs->addTab(m_responseBody, tr("Response body"));
    m_tabs->addTab(m_requestHeaders, tr("Headers sent"));
    m_tabs->addTab(m_payload, tr("Payload sent"));
    m_tabs->addTab(m_responseHeaders, tr("Response headers"));
    m_tabs->setTabToolTip(0, tr("What the endpoint answered (the first 64 KiB are kept)"));
    m_tabs->setTabToolTip(1, tr("The request headers as sent, signatures included (the secret "
                                "itself is never sent)"));
    m_tabs->setTabToolTip(2, tr("The exact JSON body every attempt of this delivery sends"));
    m_tabs->setTabToolTip(3, tr("The headers of the endpoint's answer"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);
    clear();
}

QPlainTextEdit *WebhookAttemptView::textPane(const QString &objectName)
{
    auto *pane = new QPlainTextEdit(this);
    pane->setObjectName(objectName);
    pane->setReadOnly(true);
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    pane->setLineWrapMode(QPlainTextEdit::NoWrap);
    pane->setMinimumHeight(160);
    return pane;
}

void WebhookAttemptView::clear()
{
    for (QLabel *label : {m_result, m_status, m_duration, m_url, m_nextRetry, m_error})
        label->clear();
    m_error->hide();
    for (QPlainTextEdit *pane : {m_responseBody, m_requestHeaders, m_payload, m_responseHeaders})
        pane->clear();
}

void WebhookAttemptView::setDetails(const WebhookAttemptDetails &details, const QDateTime &now)
{
    const WebhookAttempt &attempt = details.attempt;
    const Result result = WebhookAttemptModel::resultOf(attempt);
    m_result->setText(
        QStringLiteral("<span style=\"color:%1\">\u25CF</span>&nbsp;<b>%2</b>")
            .arg(colorOf(result).name(), WebhookAttemptModel::resultTitle(result).toHtmlEscaped()));
    m_status->setText(attempt.httpStatus > 0 ? QString::number(attempt.httpStatus)
                                             : tr("No HTTP answer arrived"));
    m_duration->setText(tr("%1 ms").arg(attempt.durationMs));
    m_url->setText(attempt.requestUrl);
    switch (result) {
    case Result::Delivered:
        m_nextRetry->setText(tr("None needed"));
        break;
    case Result::Retrying:
        m_nextRetry->setText(tr("%1 (%2)").arg(WebhookAttemptModel::localTime(attempt.nextRetryAt),
                                               ApiKeyModel::relative(attempt.nextRetryAt, now)));
        break;
    case Result::Failed:
        m_nextRetry->setText(attempt.isTest
                                 ? tr("None: tests are sent once")
                                 : tr("None: the delivery failed for good (Resend tries again)"));
        break;
    }
    m_error->setText(attempt.errorMessage);
    m_error->setVisible(!attempt.succeeded && !attempt.errorMessage.isEmpty());

    QString body =
        attempt.responseBody.isEmpty() ? tr("(empty)") : prettyBody(attempt.responseBody);
    if (attempt.responseTruncated)
        body += QLatin1Char('\n') +
                tr("\u2026 (truncated: only the first %1 KiB of the answer are kept)")
                    .arg(WebhookAttempt::kMaxStoredResponseBytes / 1024);
    if (attempt.httpStatus == 0)
        body = tr("(no answer)");
    m_responseBody->setPlainText(body);
    m_requestHeaders->setPlainText(headersText(attempt.requestHeaders));
    m_payload->setPlainText(prettyBody(details.delivery.payload));
    m_responseHeaders->setPlainText(attempt.httpStatus == 0 ? tr("(no answer)")
                                                            : headersText(attempt.responseHeaders));
}

QString WebhookAttemptView::headersText(const HeaderList &headers)
{
    QStringList lines;
    for (const auto &[name, value] : headers)
        lines.append(QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromLatin1(value));
    return lines.join(QLatin1Char('\n'));
}

QString WebhookAttemptView::prettyBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !document.isNull())
        return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(body);
}

} // namespace botbat
