#include "TestConnectionResultPage.h"

#include "ClipboardGuard.h"
#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "TestConnectionAuthPage.h"
#include "TestConnectionHeadersPage.h"
#include "TestConnectionPayloadPage.h"
#include "TestConnectionRunPage.h"
#include "TestConnectionTargetPage.h"
#include "TestConnectionWizard.h"
#include "core/Engine.h"
#include "models/WebhookEventTexts.h"
#include "models/WebhookStoreCall.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace botbat {

namespace {
void setColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}
} // namespace

TestConnectionResultPage::TestConnectionResultPage(Engine &engine, ClipboardGuard &clipboard,
                                                   QWidget *parent)
    : QWizardPage(parent), m_engine(engine), m_clipboard(clipboard)
{
    setObjectName(QStringLiteral("resultPage"));
    setTitle(tr("Result"));
    setSubTitle(tr("What the test concluded, and what to do next."));

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("resultHeadline"));
    m_headline->setWordWrap(true);
    QFont bold = m_headline->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_headline->setFont(bold);
    m_text = PageLabels::wrapped(QStringLiteral("resultText"), QString(),
                                 palette().color(QPalette::WindowText), this);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_saveBox = new QWidget(this);
    m_saveBox->setObjectName(QStringLiteral("saveWebhookBox"));
    m_event = new QComboBox(m_saveBox);
    m_event->setObjectName(QStringLiteral("saveEventCombo"));
    m_event->setToolTip(tr("The event the new webhook subscribes to; more can be ticked later "
                           "with Edit on the Webhooks tab"));
    for (const QString &type : WebhookEventTexts::ordered())
        m_event->addItem(type, type);
    m_description = new QLineEdit(m_saveBox);
    m_description->setObjectName(QStringLiteral("saveDescriptionEdit"));
    m_description->setPlaceholderText(tr("Optional, e.g. \"Order system\""));
    m_description->setToolTip(tr("A note for the Webhooks tab: what receives these events"));
    m_description->setMaxLength(500);
    m_save = new QPushButton(Icons::add(), tr("&Save as Webhook"), m_saveBox);
    m_save->setObjectName(QStringLiteral("saveWebhookButton"));
    m_save->setToolTip(tr("Add this URL on the Webhooks tab, subscribed to the chosen event, "
                          "with a new signing secret"));
    m_saveNote = PageLabels::wrapped(QStringLiteral("saveWebhookNote"), QString(),
                                     StatusColors::muted(), m_saveBox);
    m_saveProblem = PageLabels::wrapped(QStringLiteral("saveWebhookProblem"), QString(),
                                        StatusColors::errorText(), m_saveBox);
    m_saveProblem->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("Subscribe &to:"), m_event);
    form->addRow(tr("&Description:"), m_description);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_save);
    auto *saveLayout = new QVBoxLayout(m_saveBox);
    saveLayout->setContentsMargins(0, 8, 0, 0);
    saveLayout->addLayout(form);
    saveLayout->addWidget(m_saveNote);
    saveLayout->addLayout(saveRow);
    saveLayout->addWidget(m_saveProblem);

    m_savedBox = new QWidget(this);
    m_savedBox->setObjectName(QStringLiteral("savedWebhookBox"));
    m_saved = PageLabels::wrapped(QStringLiteral("savedWebhookLabel"), QString(),
                                  palette().color(QPalette::WindowText), m_savedBox);
    m_secret = new QLineEdit(m_savedBox);
    m_secret->setObjectName(QStringLiteral("savedSecretEdit"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secret->setToolTip(tr("The new webhook's signing secret; give it to the receiver"));
    m_copy = new QPushButton(Icons::copy(), tr("&Copy"), m_savedBox);
    m_copy->setObjectName(QStringLiteral("copySecretButton"));
    m_copy->setToolTip(tr("Copy the secret; the clipboard is cleared after %1 seconds")
                           .arg(ClipboardGuard::kDefaultClearAfterMs / 1000));
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copy);
    auto *savedLayout = new QVBoxLayout(m_savedBox);
    savedLayout->setContentsMargins(0, 8, 0, 0);
    savedLayout->addWidget(m_saved);
    savedLayout->addLayout(secretRow);
    m_savedBox->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_headline);
    layout->addWidget(m_text);
    layout->addWidget(m_saveBox);
    layout->addWidget(m_savedBox);
    layout->addStretch(1);

    connect(m_save, &QPushButton::clicked, this, &TestConnectionResultPage::save);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { m_clipboard.copySecret(m_secret->text()); });
}

void TestConnectionResultPage::initializePage()
{
    auto *wizard = qobject_cast<TestConnectionWizard *>(this->wizard());
    if (!wizard)
        return;
    const auto &report = wizard->runPage()->report();
    const qint64 endpointId = wizard->targetPage()->endpointId();
    const bool passed = report && report->passed;
    m_saveProblem->hide();
    const bool alreadySaved = m_savedId != 0 && m_savedUrl == wizard->targetPage()->url();
    m_savedBox->setVisible(alreadySaved);
    m_saveBox->setVisible(passed && endpointId == 0 && !alreadySaved);

    if (!report) {
        m_headline->setText(tr("The test did not run."));
        m_text->setText(tr("Go Back and run it."));
        setColor(m_headline, StatusColors::muted());
        return;
    }
    if (passed) {
        m_headline->setText(tr("\u2714 %1 works.").arg(report->url.toString()));
        setColor(m_headline,
                 StatusColors::forStatus(IntegrationSummary::Status::Connected).darker(115));
        if (endpointId != 0)
            m_text->setText(tr("Its deliveries will get through: the endpoint answered %1 to a "
                               "request signed as they are. Nothing was changed on the "
                               "endpoint.")
                                .arg(report->status));
        else
            m_text->setText(tr("The receiver accepted the sample. Save it as a webhook to send "
                               "it BotBat events from now on."));
        const QString type = wizard->payloadPage()->eventType();
        if (const int index = m_event->findData(type); index >= 0)
            m_event->setCurrentIndex(index);
        const bool credentials = wizard->authPage()->auth() != ProbeRequest::Auth::None ||
                                 !wizard->headersPage()->headers().isEmpty();
        m_saveNote->setText(
            credentials
                ? tr("Webhooks authenticate by signature: every delivery is signed with the new "
                     "webhook's secret (shown once after saving). The credentials and extra "
                     "headers used for this test are not kept on the webhook, so a receiver that "
                     "insists on them will refuse deliveries; have it verify the signature "
                     "instead.")
                : tr("Webhooks authenticate by signature: every delivery is signed with the new "
                     "webhook's secret, shown once after saving, for the receiver to verify."));
        return;
    }
    setColor(m_headline, StatusColors::errorText());
    if (const ProbeStep *failed = report->failedStep()) {
        m_headline->setText(tr("\u2716 %1 failed.").arg(ProbeStep::title(failed->kind)));
        m_text->setText(tr("%1\n\nWhat to do: %2\n\nGo Back to change the settings, or fix the "
                           "cause and use Run Again there.")
                            .arg(failed->diagnosis, failed->fix));
    } else {
        m_headline->setText(tr("The test was cancelled."));
        m_text->setText(tr("Go Back to run it again."));
    }
}

void TestConnectionResultPage::setSaving(bool saving)
{
    m_save->setEnabled(!saving);
    m_event->setEnabled(!saving);
    m_description->setEnabled(!saving);
    m_save->setText(saving ? tr("Saving\u2026") : tr("&Save as Webhook"));
}

void TestConnectionResultPage::save()
{
    auto *wizard = qobject_cast<TestConnectionWizard *>(this->wizard());
    if (!wizard || !m_save->isEnabled())
        return;
    WebhookEndpointInput input;
    input.url = wizard->targetPage()->url();
    input.description = m_description->text().trimmed();
    input.events = QStringList{m_event->currentData().toString()};
    input.secretAction = WebhookEndpointInput::SecretAction::Generate;
    setSaving(true);
    m_saveProblem->hide();
    WebhookStoreCall::run(
        m_engine, this, [input](WebhookStore &store) { return store.create(input); },
        [this](const DomainResult<WebhookStore::Saved> &result) {
            setSaving(false);
            if (!result) {
                m_saveProblem->setText(
                    tr("The webhook was not saved: %1").arg(result.error().message()));
                m_saveProblem->show();
                return;
            }
            m_savedId = result->endpoint.id;
            m_savedUrl = result->endpoint.url;
            m_saveBox->hide();
            m_saved->setText(
                tr("Saved: %1 now receives %2 events, signed. This is its signing secret; it is "
                   "shown only now. Give it to the receiver so it can verify deliveries.")
                    .arg(result->endpoint.url, result->endpoint.events.join(QStringLiteral(", "))));
            m_secret->setText(result->generatedSecret);
            m_savedBox->show();
            emit webhookSaved(m_savedId);
        });
}

} // namespace botbat
