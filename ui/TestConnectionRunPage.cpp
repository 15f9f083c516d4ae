#include "TestConnectionRunPage.h"

#include "Icons.h"
#include "StatusColors.h"
#include "TestConnectionStepRow.h"
#include "TestConnectionTargetPage.h"
#include "TestConnectionWizard.h"
#include "probe/ProbeSession.h"

#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace botbat {

namespace {
using State = ProbeStep::State;

QString headerText(const HeaderList &headers)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) +
                QLatin1Char('\n');
    return text;
}

QString bodyText(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull())
        return QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body);
}

void setColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}
} // namespace

TestConnectionRunPage::TestConnectionRunPage(ProbeSession &session, QWidget *parent)
    : QWizardPage(parent), m_session(session)
{
    setObjectName(QStringLiteral("runPage"));
    setTitle(tr("Testing the connection"));
    setSubTitle(tr("Each step runs as deliveries would; the first that fails says why and what "
                   "to do."));

    auto *steps = new QWidget;
    steps->setObjectName(QStringLiteral("runSteps"));
    auto *stepsLayout = new QVBoxLayout(steps);
    stepsLayout->setContentsMargins(4, 4, 8, 4);
    stepsLayout->setSpacing(4);
    for (const ProbeStep::Kind kind : ProbeStep::all()) {
        auto *row = new TestConnectionStepRow(kind, steps);
        m_rows.insert(kind, row);
        stepsLayout->addWidget(row);
    }
    stepsLayout->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("runStepsScroll"));
    m_scroll->setWidget(steps);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setRange(0, int(ProbeStep::all().size()));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->setToolTip(tr("Steps done"));

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("runHeadline"));
    m_headline->setWordWrap(true);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);

    m_again = new QPushButton(Icons::refresh(), tr("Run &Again"), this);
    m_again->setObjectName(QStringLiteral("runAgainButton"));
    m_again->setToolTip(tr("Repeat the test with the same settings (after fixing the cause)"));

    m_request = new QPlainTextEdit(this);
    m_request->setObjectName(QStringLiteral("runRequestView"));
    m_response = new QPlainTextEdit(this);
    m_response->setObjectName(QStringLiteral("runResponseView"));
    for (QPlainTextEdit *view : {m_request, m_response}) {
        view->setReadOnly(true);
        view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
        view->setTabChangesFocus(true);
    }
    m_exchange = new QTabWidget(this);
    m_exchange->setObjectName(QStringLiteral("runExchangeTabs"));
    m_exchange->addTab(m_request, tr("Request sent"));
    m_exchange->addTab(m_response, tr("Response"));
    m_exchange->setTabToolTip(0, tr("The headers and body as sent; credentials are masked, "
                                    "signatures shown, secrets never"));
    m_exchange->setTabToolTip(1, tr("The status, headers and the first 64 KiB of the body"));
    m_exchange->setMinimumHeight(120);

    auto *head = new QHBoxLayout;
    head->addWidget(m_headline, 1);
    head->addWidget(m_again, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    layout->addWidget(m_progress);
    layout->addLayout(head);
    layout->addWidget(m_scroll, 5);
    layout->addWidget(m_exchange, 2);

    connect(m_again, &QPushButton::clicked, this, &TestConnectionRunPage::runAgain);
    connect(&m_session, &ProbeSession::stepStarted, this, &TestConnectionRunPage::onStep);
    connect(&m_session, &ProbeSession::stepFinished, this, &TestConnectionRunPage::onStep);
    connect(&m_session, &ProbeSession::finished, this, &TestConnectionRunPage::onFinished);
}

void TestConnectionRunPage::initializePage()
{
    start();
}

void TestConnectionRunPage::cleanupPage()
{
    // Back: the settings are about to change, this run means nothing any more.
    if (m_running)
        m_session.cancel();
    m_running = false;
}

bool TestConnectionRunPage::isComplete() const
{
    return !m_running && m_report.has_value();
}

void TestConnectionRunPage::runAgain()
{
    if (!m_running)
        start();
}

void TestConnectionRunPage::start()
{
    auto *wizard = qobject_cast<TestConnectionWizard *>(this->wizard());
    if (!wizard)
        return;
    m_report.reset();
    m_running = true;
    for (TestConnectionStepRow *row : std::as_const(m_rows))
        row->reset();
    m_progress->setValue(0);
    m_headline->setText(tr("Testing %1\u2026").arg(wizard->targetPage()->url()));
    setColor(m_headline, palette().color(QPalette::WindowText));
    m_again->setEnabled(false);
    m_request->clear();
    m_exchange->setTabText(0, tr("Request sent"));
    m_response->setPlainText(tr("Waiting for the answer\u2026"));
    emit completeChanged();
    m_session.start(wizard->request());
}

void TestConnectionRunPage::onStep(const ProbeStep &step)
{
    if (!m_running)
        return;
    if (TestConnectionStepRow *row = m_rows.value(step.kind)) {
        row->setStep(step);
        // Follow the test down the list.
        if (step.state == State::Running || step.state == State::Failed)
            m_scroll->ensureWidgetVisible(row, 0, 0);
    }
    int done = 0;
    for (TestConnectionStepRow *row : std::as_const(m_rows))
        if (row->state() != State::Pending && row->state() != State::Running)
            ++done;
    m_progress->setValue(done);
}

void TestConnectionRunPage::onFinished(const ProbeReport &report)
{
    if (!m_running)
        return;
    m_running = false;
    m_report = report;
    for (const ProbeStep &step : report.steps)
        if (TestConnectionStepRow *row = m_rows.value(step.kind))
            row->setStep(step);
    m_progress->setValue(m_progress->maximum());
    m_again->setEnabled(true);
    // The failed step's diagnosis and fix are what to read; they sit under its title.
    if (const ProbeStep *failed = report.failedStep()) {
        if (TestConnectionStepRow *row = m_rows.value(failed->kind)) {
            layout()->activate();
            m_scroll->widget()->adjustSize();
            m_scroll->ensureWidgetVisible(row, 0, 0);
        }
    }
    if (report.passed) {
        m_headline->setText(tr("\u2714 The connection works: %1 answered %2 in %3 ms.")
                                .arg(report.url.host())
                                .arg(report.status)
                                .arg(report.responseMs));
        setColor(m_headline,
                 StatusColors::forStatus(IntegrationSummary::Status::Connected).darker(115));
    } else if (const ProbeStep *failed = report.failedStep()) {
        m_headline->setText(
            tr("\u2716 %1 failed: %2").arg(ProbeStep::title(failed->kind), failed->diagnosis));
        setColor(m_headline, StatusColors::errorText());
    } else {
        m_headline->setText(tr("The test was cancelled."));
        setColor(m_headline, StatusColors::muted());
    }
    QString request;
    if (!report.sentHeaders.isEmpty())
        request = QStringLiteral("POST %1 HTTP/1.1\n%2\n%3")
                      .arg(report.url.path().isEmpty() ? QStringLiteral("/") : report.url.path(),
                           headerText(report.sentHeaders), bodyText(report.payload));
    if (request.isEmpty())
        request = tr("Nothing was sent.");
    else if (!report.requestSent)
        request = tr("Not sent, as an earlier step failed. It would have been:\n\n") + request;
    m_request->setPlainText(request);
    m_exchange->setTabText(0, report.requestSent ? tr("Request sent") : tr("Request (not sent)"));
    if (report.status > 0) {
        QString response =
            QStringLiteral("HTTP/1.1 %1 %2\n%3\n%4")
                .arg(report.status)
                .arg(QString::fromLatin1(report.reason), headerText(report.responseHeaders),
                     bodyText(report.responseBody));
        if (report.responseBytes > report.responseBody.size())
            response += tr("\n\u2026 (%1 bytes in all; the first %2 are shown)")
                            .arg(report.responseBytes)
                            .arg(report.responseBody.size());
        m_response->setPlainText(response);
    } else {
        m_response->setPlainText(tr("No HTTP answer."));
    }
    m_exchange->setCurrentIndex(report.status > 0 ? 1 : 0);
    emit completeChanged();
}

} // namespace botbat
