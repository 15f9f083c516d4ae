#include "TestConnectionPayloadPage.h"

#include "PageLabels.h"
#include "StatusColors.h"
#include "TestConnectionTargetPage.h"
#include "TestConnectionWizard.h"
#include "models/WebhookEventTexts.h"
#include "webhooks/SamplePayloads.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRadioButton>

namespace botbat {

TestConnectionPayloadPage::TestConnectionPayloadPage(QWidget *parent) : QWizardPage(parent)
{
    setObjectName(QStringLiteral("payloadPage"));
    setTitle(tr("Sample payload"));
    setSubTitle(tr("What the test POSTs: a realistic event, as a delivery would carry it, or "
                   "your own JSON."));

    m_template = new QRadioButton(tr("An &event template"), this);
    m_template->setObjectName(QStringLiteral("payloadTemplateRadio"));
    m_template->setToolTip(tr("A sample event in the delivery envelope: id, type, timestamp, "
                              "data"));
    m_event = new QComboBox(this);
    m_event->setObjectName(QStringLiteral("payloadEventCombo"));
    m_event->setToolTip(tr("The event type whose sample is sent"));
    for (const QString &type : WebhookEventTexts::ordered())
        m_event->addItem(type, type);
    m_trigger = PageLabels::wrapped(QStringLiteral("payloadEventTrigger"), QString(),
                                    StatusColors::muted(), this);

    m_free = new QRadioButton(tr("&Free JSON"), this);
    m_free->setObjectName(QStringLiteral("payloadJsonRadio"));
    m_free->setToolTip(tr("Send a JSON body of your own, exactly as typed"));
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("payloadJsonEdit"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setTabChangesFocus(true);
    m_json->setToolTip(tr("The request body. With a template chosen this shows the sample's data "
                          "(read only); choose Free JSON to edit it."));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("payloadJsonStatus"));
    m_status->setWordWrap(true);

    auto *group = new QButtonGroup(this);
    group->addButton(m_template);
    group->addButton(m_free);
    m_template->setChecked(true);

    auto *layout = new QGridLayout(this);
    layout->setVerticalSpacing(6);
    layout->setColumnMinimumWidth(0, 22);
    layout->addWidget(m_template, 0, 0, 1, 2);
    layout->addWidget(m_event, 1, 1);
    layout->addWidget(m_trigger, 2, 1);
    layout->setRowMinimumHeight(3, 8);
    layout->addWidget(m_free, 4, 0, 1, 2);
    layout->addWidget(m_json, 5, 1);
    layout->addWidget(m_status, 6, 1);
    layout->setRowStretch(5, 1);
    layout->setColumnStretch(1, 1);

    connect(group, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (!checked)
            return;
        if (m_free->isChecked() && !m_typed.isEmpty())
            m_json->setPlainText(m_typed);
        update();
    });
    connect(m_event, &QComboBox::currentIndexChanged, this, &TestConnectionPayloadPage::update);
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        if (m_free->isChecked()) {
            m_typed = m_json->toPlainText();
            update();
        }
    });
    update();
}

void TestConnectionPayloadPage::initializePage()
{
    if (m_initialized)
        return;
    m_initialized = true;
    // An endpoint's own first event is what its receiver surely handles.
    auto *wizard = qobject_cast<TestConnectionWizard *>(this->wizard());
    if (const auto endpoint = wizard ? wizard->targetPage()->endpoint() : std::nullopt;
        endpoint && !endpoint->events.isEmpty()) {
        const int index = m_event->findData(endpoint->events.first());
        if (index >= 0)
            m_event->setCurrentIndex(index);
    }
}

QString TestConnectionPayloadPage::eventType() const
{
    return m_template->isChecked() ? m_event->currentData().toString() : QString();
}

QString TestConnectionPayloadPage::freeJson() const
{
    return m_free->isChecked() ? m_json->toPlainText() : QString();
}

QString TestConnectionPayloadPage::jsonProblem() const
{
    const QByteArray json = m_json->toPlainText().trimmed().toUtf8();
    if (json.isEmpty())
        return tr("Type a JSON body, e.g. {\"order\": 42}.");
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    if (error.error == QJsonParseError::NoError)
        return {};
    // Line and column are what a person looks for, not a byte offset.
    const QByteArray before = json.left(error.offset);
    const int line = int(before.count('\n')) + 1;
    const int column = int(before.size() - before.lastIndexOf('\n'));
    return tr("Not valid JSON: %1 at line %2, column %3.")
        .arg(error.errorString())
        .arg(line)
        .arg(column);
}

bool TestConnectionPayloadPage::isComplete() const
{
    return m_template->isChecked() || jsonProblem().isEmpty();
}

void TestConnectionPayloadPage::update()
{
    const bool useTemplate = m_template->isChecked();
    m_event->setEnabled(useTemplate);
    m_json->setReadOnly(useTemplate);
    QPalette palette = m_status->palette();
    if (useTemplate) {
        const QString type = m_event->currentData().toString();
        m_trigger->setText(tr("Sent when: %1.").arg(WebhookEventTexts::trigger(type)));
        const QString sample = QString::fromUtf8(
            QJsonDocument(SamplePayloads::data(type)).toJson(QJsonDocument::Indented));
        const QSignalBlocker blocker(m_json);
        m_json->setPlainText(sample);
        m_status->setText(tr("The data of the sample event; it goes inside the envelope "
                             "{\"id\", \"type\", \"timestamp\", \"data\"} deliveries use."));
        palette.setColor(QPalette::WindowText, StatusColors::muted());
    } else {
        const QString problem = jsonProblem();
        m_status->setText(problem.isEmpty() ? tr("\u2714 Valid JSON; sent exactly as typed.")
                                            : problem);
        palette.setColor(
            QPalette::WindowText,
            problem.isEmpty()
                ? StatusColors::forStatus(IntegrationSummary::Status::Connected).darker(115)
                : StatusColors::errorText());
    }
    m_status->setPalette(palette);
    emit completeChanged();
}

} // namespace botbat
