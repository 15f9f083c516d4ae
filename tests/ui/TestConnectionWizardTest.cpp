// The Test Connection wizard as an admin uses it, offscreen, driven by object names, on a real
// engine and a real HTTPS receiver on loopback whose certificate comes from a test CA the engine
// trusts (--trusted-ca): a new URL (http:// refused as typed) with a bearer token, an extra
// header and an event template runs through every step and is saved as a webhook in one click;
// a refused port and a 401 fail at their step with the diagnosis and the fix; an existing
// endpoint is tested from the Webhooks tab, signed; the window's Ctrl+Shift+T action opens it.
// Host names resolve through an injected lookup that knows only localhost.
#include "ui/TestConnectionWizard.h"

#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "core/Engine.h"
#include "probe/ProbeCredentials.h"
#include "probe/ProbeSession.h"
#include "ui/MainWindow.h"
#include "ui/TestConnectionAuthPage.h"
#include "ui/TestConnectionRunPage.h"
#include "ui/TestConnectionStepRow.h"
#include "ui/TestConnectionTargetPage.h"
#include "ui/WebhooksPage.h"
#include "webhooks/WebhookStore.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace botbat;
using namespace botbat::test;

namespace {

using Kind = ProbeStep::Kind;
using State = ProbeStep::State;

DnsLookup::Function loopbackLookup()
{
    return [](const QString &host, QObject *context, DnsLookup::Done done) {
        DnsLookup::Answer answer;
        if (host == QLatin1String("localhost"))
            answer.addresses = {QHostAddress(QHostAddress::LocalHost)};
        else
            answer.error = QStringLiteral("Host not found");
        QMetaObject::invokeMethod(
            context, [done, answer] { done(answer); }, Qt::QueuedConnection);
    };
}

template<typename T> T *child(const QObject *root, const QString &name)
{
    T *found = root->findChild<T *>(name);
    if (!found)
        qWarning("no %s", qPrintable(name));
    return found;
}

void click(QAbstractButton *button)
{
    QVERIFY2(button, "no such button");
    QVERIFY2(button->isVisible() && button->isEnabled(), qPrintable(button->objectName()));
    // Radio buttons and check boxes take clicks on their mark and label only, not across their
    // whole width.
    const bool mark = qobject_cast<QRadioButton *>(button) || qobject_cast<QCheckBox *>(button);
    const QPoint at = mark ? QPoint(8, button->height() / 2) : button->rect().center();
    QTest::mouseClick(button, Qt::LeftButton, {}, at);
}

QString text(const QObject *root, const QString &name)
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

} // namespace

class TestConnectionWizardTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void newUrlPassesAndIsSavedAsWebhook();
    void refusedPortShowsDiagnosisAndFix();
    void rejectedTokenShowsDiagnosisAndFix();
    void otherFailuresShowDiagnosisAndFix_data();
    void otherFailuresShowDiagnosisAndFix();
    void invalidJsonCannotBeSent();
    void rememberedCredentialsLiveInTheSecretStore();
    void existingEndpointFromWebhooksTab();
    void windowActionOpensTheWizard();

private:
    TestConnectionWizard *openWizard(qint64 endpointId = 0, QWidget *parent = nullptr);
    void next();
    void chooseNewUrl(const QString &url);
    void runToResult();
    void screenshot(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_receiver;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TestConnectionWizard> m_owned;
    std::unique_ptr<MainWindow> m_window;
    TestConnectionWizard *m_wizard = nullptr;
};

void TestConnectionWizardTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BotBat"));
    QCoreApplication::setApplicationName(QStringLiteral("botbat-console-test"));
    QSettings().clear();
}

void TestConnectionWizardTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ca = std::make_unique<TestCa>();
    m_receiver = std::make_unique<HttpsReceiver>();
    m_receiver->setCertificate(m_ca->issue());
    QVERIFY2(m_receiver->listen(), qPrintable(m_receiver->errorString()));
    m_receiver->setDefaultResponse(
        {200,
         {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
         QByteArrayLiteral("{\"received\":true}")});
    const QString caFile = m_dir->filePath(QStringLiteral("test-ca.pem"));
    QVERIFY(m_ca->writeCaPem(caFile));
    EngineConfig config = engineConfig(*m_dir);
    config.webhooks.trustedCaFiles = {caFile};
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void TestConnectionWizardTest::cleanup()
{
    m_owned.reset();
    m_window.reset();
    m_wizard = nullptr;
    m_engine.reset();
    m_receiver.reset();
    m_ca.reset();
    m_dir.reset();
    QSettings().clear();
}

TestConnectionWizard *TestConnectionWizardTest::openWizard(qint64 endpointId, QWidget *parent)
{
    if (!parent) {
        m_owned = std::make_unique<TestConnectionWizard>(*m_engine, endpointId);
        m_wizard = m_owned.get();
    }
    ProbeSettings settings;
    settings.dnsTimeoutMs = 3000;
    settings.connectTimeoutMs = 3000;
    settings.tlsTimeoutMs = 3000;
    settings.httpTimeoutMs = 5000;
    m_wizard->session().setSettings(settings);
    m_wizard->session().setDnsLookup(loopbackLookup());
    m_wizard->resize(860, 720);
    m_wizard->show();
    if (!QTest::qWaitForWindowExposed(m_wizard))
        qWarning("the wizard was not shown");
    m_wizard->activateWindow();
    // The endpoint list arrives from the engine's worker thread.
    if (!QTest::qWaitFor([this] { return m_wizard->targetPage()->isLoaded(); }, 5000))
        qWarning("the webhooks did not load");
    return m_wizard;
}

void TestConnectionWizardTest::next()
{
    click(m_wizard->button(QWizard::NextButton));
}

void TestConnectionWizardTest::screenshot(const QString &name)
{
    const QString directory = qEnvironmentVariable("BOTBAT_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    QCoreApplication::processEvents();
    const QString file = QDir(directory).filePath(name + QStringLiteral(".png"));
    if (!m_wizard->grab().save(file))
        qWarning("Cannot save %s", qPrintable(file));
}

void TestConnectionWizardTest::chooseNewUrl(const QString &url)
{
    click(child<QRadioButton>(m_wizard, QStringLiteral("targetUrlRadio")));
    auto *edit = child<QLineEdit>(m_wizard, QStringLiteral("targetUrlEdit"));
    QVERIFY(edit && edit->isEnabled());
    edit->clear();
    QTest::keyClicks(edit, url);
    QVERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());
}

void TestConnectionWizardTest::runToResult()
{
    auto *run = m_wizard->runPage();
    QTRY_VERIFY_WITH_TIMEOUT(run->report().has_value(), 15000);
    QTRY_VERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());
}

void TestConnectionWizardTest::newUrlPassesAndIsSavedAsWebhook()
{
    openWizard();
    QCOMPARE(m_wizard->currentId(), int(TestConnectionWizard::TargetPageId));
    // No webhooks yet: the empty state says what to do, and only a new URL can be chosen.
    QVERIFY(!child<QRadioButton>(m_wizard, QStringLiteral("targetEndpointRadio"))->isEnabled());
    QVERIFY(text(m_wizard, QStringLiteral("targetEndpointInfo"))
                .contains(QLatin1String("No webhooks yet")));
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());

    // http:// is refused as it is typed.
    auto *edit = child<QLineEdit>(m_wizard, QStringLiteral("targetUrlEdit"));
    QTest::keyClicks(edit, QStringLiteral("http://localhost/hooks"));
    QVERIFY(text(m_wizard, QStringLiteral("targetUrlProblem"))
                .contains(QLatin1String("http:// is refused")));
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
    screenshot(QStringLiteral("wizard-1-target-http-refused"));
    const QString url = m_receiver->url(QStringLiteral("/hooks/orders")).toString();
    chooseNewUrl(url);
    QVERIFY(child<QLabel>(m_wizard, QStringLiteral("targetUrlProblem"))->isHidden());
    screenshot(QStringLiteral("wizard-1-target"));
    next();

    // Bearer token, masked as typed; Next waits for it.
    QCOMPARE(m_wizard->currentId(), int(TestConnectionWizard::AuthPageId));
    auto *type = child<QComboBox>(m_wizard, QStringLiteral("authTypeCombo"));
    type->setFocus();
    type->setCurrentIndex(type->findData(int(ProbeRequest::Auth::Bearer)));
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
    auto *token = child<QLineEdit>(m_wizard, QStringLiteral("bearerTokenEdit"));
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    QTest::keyClicks(token, QStringLiteral("tok_wizard_5150"));
    screenshot(QStringLiteral("wizard-2-auth"));
    next();

    // One extra header.
    QCOMPARE(m_wizard->currentId(), int(TestConnectionWizard::HeadersPageId));
    QVERIFY(child<QLabel>(m_wizard, QStringLiteral("headersEmptyLabel"))->isVisible());
    click(child<QPushButton>(m_wizard, QStringLiteral("addHeaderButton")));
    auto *table = child<QTableWidget>(m_wizard, QStringLiteral("headersTable"));
    QCOMPARE(table->rowCount(), 1);
    // Add Header opens the new row's name for typing.
    auto *editor = table->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("X-Tenant"));
    QTest::keyClick(editor, Qt::Key_Return);
    table->item(0, 1)->setText(QStringLiteral("acme"));
    QTRY_COMPARE(table->item(0, 0)->text(), QStringLiteral("X-Tenant"));
    screenshot(QStringLiteral("wizard-3-headers"));
    next();

    // A message.received template; Next now says Test.
    QCOMPARE(m_wizard->currentId(), int(TestConnectionWizard::PayloadPageId));
    QVERIFY(m_wizard->button(QWizard::NextButton)->text().contains(QLatin1String("Test")));
    auto *event = child<QComboBox>(m_wizard, QStringLiteral("payloadEventCombo"));
    event->setCurrentIndex(event->findData(QStringLiteral("message.received")));
    QVERIFY(child<QPlainTextEdit>(m_wizard, QStringLiteral("payloadJsonEdit"))
                ->toPlainText()
                .contains(QLatin1String("charged twice")));
    screenshot(QStringLiteral("wizard-4-payload"));
    next();

    // The run: every step passes but the signature, which a new URL does not have.
    QCOMPARE(m_wizard->currentId(), int(TestConnectionWizard::RunPageId));
    runToResult();
    auto *run = m_wizard->runPage();
    for (const Kind kind : {Kind::Url, Kind::Dns, Kind::Connect, Kind::Tls, Kind::Http})
        QCOMPARE(run->row(kind)->state(), State::Passed);
    QCOMPARE(run->row(Kind::Signature)->state(), State::Skipped);
    QVERIFY(text(m_wizard, QStringLiteral("runHeadline"))
                .contains(QLatin1String("The connection works")));
    QVERIFY(text(m_wizard, QStringLiteral("stepDetails_tls"))
                .contains(QLatin1String("BotBat Test CA")));
    QVERIFY(text(m_wizard, QStringLiteral("stepDetails_dns")).contains(QLatin1String("127.0.0.1")));
    QCOMPARE(m_receiver->count(), 1);
    const ReceivedRequest received = m_receiver->requests().constFirst();
    QCOMPARE(received.header("Authorization"), QByteArray("Bearer tok_wizard_5150"));
    QCOMPARE(received.header("X-Tenant"), QByteArray("acme"));
    QCOMPARE(received.header("X-BotBat-Event"), QByteArray("message.received"));
    // The request shown masks the token; the response is shown.
    const QString shown =
        child<QPlainTextEdit>(m_wizard, QStringLiteral("runRequestView"))->toPlainText();
    QVERIFY(shown.contains(QLatin1String("Authorization: Bearer")));
    QVERIFY(!shown.contains(QLatin1String("tok_wizard_5150")));
    QVERIFY(child<QPlainTextEdit>(m_wizard, QStringLiteral("runResponseView"))
                ->toPlainText()
                .contains(QLatin1String("\"received\": true")));
    screenshot(QStringLiteral("wizard-5-run-passed"));
    next();

    // Save as Webhook, in one click, subscribed to the tested event.
    QCOMPARE(m_wizard->currentId(), int(TestConnectionWizard::ResultPageId));
    QVERIFY(text(m_wizard, QStringLiteral("saveWebhookNote"))
                .contains(QLatin1String("authenticate by signature")));
    QVERIFY(text(m_wizard, QStringLiteral("saveWebhookNote")).contains(QLatin1String("not kept")));
    QCOMPARE(child<QComboBox>(m_wizard, QStringLiteral("saveEventCombo"))->currentData().toString(),
             QStringLiteral("message.received"));
    screenshot(QStringLiteral("wizard-6-result"));
    QSignalSpy saved(m_wizard, &TestConnectionWizard::webhookSaved);
    click(child<QPushButton>(m_wizard, QStringLiteral("saveWebhookButton")));
    QTRY_COMPARE(saved.size(), 1);
    const qint64 id = saved.first().first().toLongLong();
    auto *secret = child<QLineEdit>(m_wizard, QStringLiteral("savedSecretEdit"));
    QTRY_VERIFY(secret->isVisible());
    QVERIFY(secret->text().startsWith(QLatin1String("whsec_")));
    screenshot(QStringLiteral("wizard-6-result-saved"));

    const auto endpoint = m_engine->webhooks().get(id);
    QVERIFY(endpoint);
    QCOMPARE(endpoint->url, url);
    QCOMPARE(endpoint->events, QStringList{QStringLiteral("message.received")});
    QVERIFY(endpoint->hasSecret);
    QCOMPARE(m_engine->webhooks().secret(id).value(), secret->text());
    // The token typed for the test went nowhere: not on the endpoint, not in the settings.
    QVERIFY(!endpoint->toJson().contains(QStringLiteral("tok_wizard_5150")));
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY(!settings.value(key).toString().contains(QLatin1String("tok_wizard")));
    click(m_wizard->button(QWizard::FinishButton));
    QVERIFY(!m_wizard->isVisible());
}

void TestConnectionWizardTest::refusedPortShowsDiagnosisAndFix()
{
    QTcpServer free;
    QVERIFY(free.listen(QHostAddress::LocalHost));
    const quint16 port = free.serverPort();
    free.close();
    openWizard();
    chooseNewUrl(QStringLiteral("https://localhost:%1/hooks").arg(port));
    next();
    next();
    next();
    next();
    runToResult();
    auto *run = m_wizard->runPage();
    QCOMPARE(run->row(Kind::Connect)->state(), State::Failed);
    QCOMPARE(run->row(Kind::Tls)->state(), State::Skipped);
    QCOMPARE(run->row(Kind::Http)->state(), State::Skipped);
    auto *diagnosis = child<QLabel>(m_wizard, QStringLiteral("stepDiagnosis_connect"));
    QVERIFY(diagnosis->isVisible());
    QVERIFY2(diagnosis->text().contains(QLatin1String("refused the connection")),
             qPrintable(diagnosis->text()));
    QVERIFY(text(m_wizard, QStringLiteral("stepFix_connect")).contains(QLatin1String("running")));
    QVERIFY(text(m_wizard, QStringLiteral("runHeadline"))
                .contains(QLatin1String("TCP connection failed")));
    QVERIFY(child<QPlainTextEdit>(m_wizard, QStringLiteral("runRequestView"))
                ->toPlainText()
                .startsWith(QLatin1String("Not sent")));
    screenshot(QStringLiteral("wizard-5-run-refused"));
    next();
    QVERIFY(text(m_wizard, QStringLiteral("resultHeadline"))
                .contains(QLatin1String("TCP connection failed")));
    QVERIFY(text(m_wizard, QStringLiteral("resultText")).contains(QLatin1String("What to do")));
    QVERIFY(!child<QWidget>(m_wizard, QStringLiteral("saveWebhookBox"))->isVisible());
    screenshot(QStringLiteral("wizard-6-result-failed"));
}

void TestConnectionWizardTest::rejectedTokenShowsDiagnosisAndFix()
{
    m_receiver->setDefaultResponse({401, {}, QByteArrayLiteral("{\"error\":\"token expired\"}")});
    openWizard();
    chooseNewUrl(m_receiver->url(QStringLiteral("/api/hooks")).toString());
    next();
    auto *type = child<QComboBox>(m_wizard, QStringLiteral("authTypeCombo"));
    type->setCurrentIndex(type->findData(int(ProbeRequest::Auth::Bearer)));
    QTest::keyClicks(child<QLineEdit>(m_wizard, QStringLiteral("bearerTokenEdit")),
                     QStringLiteral("old-token"));
    next();
    next();
    next();
    runToResult();
    QCOMPARE(m_wizard->runPage()->row(Kind::Http)->state(), State::Failed);
    QVERIFY2(text(m_wizard, QStringLiteral("stepDiagnosis_http"))
                 .contains(QLatin1String("the token was rejected")),
             qPrintable(text(m_wizard, QStringLiteral("stepDiagnosis_http"))));
    QVERIFY(
        text(m_wizard, QStringLiteral("stepFix_http")).contains(QLatin1String("has not expired")));
    QVERIFY(child<QPlainTextEdit>(m_wizard, QStringLiteral("runResponseView"))
                ->toPlainText()
                .contains(QLatin1String("token expired")));
    screenshot(QStringLiteral("wizard-5-run-401"));

    // Fix the cause and run again on the same page.
    m_receiver->setDefaultResponse({204, {}, {}});
    click(child<QPushButton>(m_wizard, QStringLiteral("runAgainButton")));
    QTRY_COMPARE_WITH_TIMEOUT(m_wizard->runPage()->row(Kind::Http)->state(), State::Passed, 15000);
}

void TestConnectionWizardTest::otherFailuresShowDiagnosisAndFix_data()
{
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("diagnosis");
    QTest::newRow("expired certificate")
        << QStringLiteral("expired") << QStringLiteral("tls") << QStringLiteral("expired on");
    QTest::newRow("500") << QStringLiteral("500") << QStringLiteral("http")
                         << QStringLiteral("500 Internal Server Error");
    QTest::newRow("timeout") << QStringLiteral("timeout") << QStringLiteral("http")
                             << QStringLiteral("(timeout)");
}

// The remaining failure classes, driven through the wizard as an admin would: the failing step
// is marked, with its diagnosis and what to do.
void TestConnectionWizardTest::otherFailuresShowDiagnosisAndFix()
{
    QFETCH(QString, failure);
    QFETCH(QString, step);
    QFETCH(QString, diagnosis);
    if (failure == QLatin1String("expired")) {
        m_receiver->close();
        m_receiver->setCertificate(m_ca->issueExpired());
        QVERIFY(m_receiver->listen());
    } else if (failure == QLatin1String("500")) {
        m_receiver->setDefaultResponse({500, {}, QByteArrayLiteral("{\"error\":\"boom\"}")});
    } else {
        m_receiver->setDefaultResponse({200, {}, QByteArrayLiteral("late"), 4000});
    }
    openWizard();
    if (failure == QLatin1String("timeout")) {
        ProbeSettings settings;
        settings.dnsTimeoutMs = 3000;
        settings.connectTimeoutMs = 3000;
        settings.tlsTimeoutMs = 3000;
        settings.httpTimeoutMs = 600;
        m_wizard->session().setSettings(settings);
    }
    chooseNewUrl(m_receiver->url(QStringLiteral("/hooks")).toString());
    next();
    next();
    next();
    next();
    runToResult();
    const Kind kind = step == QLatin1String("tls") ? Kind::Tls : Kind::Http;
    QCOMPARE(m_wizard->runPage()->row(kind)->state(), State::Failed);
    const QString shown = text(m_wizard, QStringLiteral("stepDiagnosis_") + step);
    QVERIFY2(shown.contains(diagnosis), qPrintable(shown));
    QVERIFY(!text(m_wizard, QStringLiteral("stepFix_") + step).isEmpty());
    next();
    QVERIFY(text(m_wizard, QStringLiteral("resultText")).contains(QLatin1String("What to do")));
    QVERIFY(!child<QWidget>(m_wizard, QStringLiteral("saveWebhookBox"))->isVisible());
}

void TestConnectionWizardTest::invalidJsonCannotBeSent()
{
    openWizard();
    chooseNewUrl(m_receiver->url().toString());
    next();
    next();
    next();
    QCOMPARE(m_wizard->currentId(), int(TestConnectionWizard::PayloadPageId));
    click(child<QRadioButton>(m_wizard, QStringLiteral("payloadJsonRadio")));
    QVERIFY(child<QRadioButton>(m_wizard, QStringLiteral("payloadJsonRadio"))->isChecked());
    auto *json = child<QPlainTextEdit>(m_wizard, QStringLiteral("payloadJsonEdit"));
    QVERIFY(!json->isReadOnly());
    json->selectAll();
    QTest::keyClicks(json, QStringLiteral("{\"order\": 42,"));
    QVERIFY(text(m_wizard, QStringLiteral("payloadJsonStatus"))
                .contains(QLatin1String("Not valid JSON")));
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
    screenshot(QStringLiteral("wizard-4-payload-invalid"));
    QTest::keyClicks(json, QStringLiteral(" \"paid\": true}"));
    QVERIFY(
        text(m_wizard, QStringLiteral("payloadJsonStatus")).contains(QLatin1String("Valid JSON")));
    next();
    runToResult();
    QVERIFY(m_wizard->runPage()->report()->passed);
    QCOMPARE(m_receiver->requests().constFirst().body,
             QByteArray("{\"order\": 42, \"paid\": true}"));
}

void TestConnectionWizardTest::rememberedCredentialsLiveInTheSecretStore()
{
    const QString url = m_receiver->url(QStringLiteral("/remembered")).toString();
    openWizard();
    chooseNewUrl(url);
    next();
    auto *type = child<QComboBox>(m_wizard, QStringLiteral("authTypeCombo"));
    type->setCurrentIndex(type->findData(int(ProbeRequest::Auth::Basic)));
    QTest::keyClicks(child<QLineEdit>(m_wizard, QStringLiteral("basicUserEdit")),
                     QStringLiteral("ada"));
    QTest::keyClicks(child<QLineEdit>(m_wizard, QStringLiteral("basicPasswordEdit")),
                     QStringLiteral("s3cret-pass"));
    // Nothing is remembered for this URL yet; the look-up says so quickly.
    QTRY_VERIFY(!m_wizard->authPage()->isLoading());
    auto *remember = child<QCheckBox>(m_wizard, QStringLiteral("rememberCredentialsCheck"));
    QVERIFY(!remember->isChecked());
    click(remember);
    QVERIFY(remember->isChecked());
    QSignalSpy persisted(m_wizard->authPage(), &TestConnectionAuthPage::credentialsPersisted);
    next();
    next();
    next();
    QVERIFY(persisted.wait(5000));
    QCOMPARE(persisted.first().first().toString(), QString());
    runToResult();

    // In the secret store, and nowhere in the settings.
    QString error;
    const auto stored = ProbeCredentials::load(m_engine->secrets(), url, &error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->auth, ProbeRequest::Auth::Basic);
    QCOMPARE(stored->username, QStringLiteral("ada"));
    QCOMPARE(stored->password, QStringLiteral("s3cret-pass"));
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY(!settings.value(key).toString().contains(QLatin1String("s3cret")));
    m_owned.reset();

    // The next test of that URL finds them; unticking Remember forgets them.
    openWizard();
    chooseNewUrl(url);
    next();
    remember = child<QCheckBox>(m_wizard, QStringLiteral("rememberCredentialsCheck"));
    QTRY_VERIFY(remember->isChecked());
    type = child<QComboBox>(m_wizard, QStringLiteral("authTypeCombo"));
    QCOMPARE(type->currentData().toInt(), int(ProbeRequest::Auth::Basic));
    QCOMPARE(child<QLineEdit>(m_wizard, QStringLiteral("basicPasswordEdit"))->text(),
             QStringLiteral("s3cret-pass"));
    QVERIFY(child<QLabel>(m_wizard, QStringLiteral("rememberCredentialsStatus"))->isVisible());
    QVERIFY(text(m_wizard, QStringLiteral("rememberCredentialsStatus"))
                .contains(QLatin1String("secret store")));
    screenshot(QStringLiteral("wizard-2-auth-remembered"));
    click(remember);
    QSignalSpy forgotten(m_wizard->authPage(), &TestConnectionAuthPage::credentialsPersisted);
    next();
    next();
    next();
    QVERIFY(forgotten.wait(5000));
    error.clear();
    QVERIFY(!ProbeCredentials::load(m_engine->secrets(), url, &error));
    QCOMPARE(error, QString());
    runToResult();
}

void TestConnectionWizardTest::existingEndpointFromWebhooksTab()
{
    WebhookEndpointInput input;
    input.url = m_receiver->url(QStringLiteral("/signed")).toString();
    input.events = QStringList{QStringLiteral("contact.updated")};
    input.secretAction = WebhookEndpointInput::SecretAction::Generate;
    const auto saved = m_engine->webhooks().create(input);
    QVERIFY(saved);

    m_window = std::make_unique<MainWindow>(*m_engine);
    m_window->resize(1200, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    WebhooksPage *page = m_window->webhooksPage();
    m_window->tabs()->setCurrentWidget(page);
    QTRY_VERIFY(page->model().isLoaded());
    page->selectEndpoint(saved->endpoint.id);
    QTRY_COMPARE(page->selectedEndpointId(), saved->endpoint.id);
    if (const QString directory = qEnvironmentVariable("BOTBAT_SCREENSHOT_DIR");
        !directory.isEmpty()) {
        m_window->resize(1000, 680); // the window's minimum: the toolbar must still fit
        QCoreApplication::processEvents();
        m_window->grab().save(QDir(directory).filePath(QStringLiteral("webhooks-tab.png")));
    }
    auto *button = child<QAbstractButton>(page, QStringLiteral("testConnectionButton"));
    QVERIFY(button && button->isEnabled());
    click(button);
    m_wizard = page->findChild<TestConnectionWizard *>();
    QVERIFY(m_wizard);
    openWizard(saved->endpoint.id, page);
    QVERIFY(child<QRadioButton>(m_wizard, QStringLiteral("targetEndpointRadio"))->isChecked());
    QCOMPARE(child<QComboBox>(m_wizard, QStringLiteral("targetEndpointCombo"))
                 ->currentData()
                 .toLongLong(),
             saved->endpoint.id);
    screenshot(QStringLiteral("wizard-1-target-endpoint"));
    next();
    next();
    next();
    // The endpoint's own event is the template.
    QCOMPARE(
        child<QComboBox>(m_wizard, QStringLiteral("payloadEventCombo"))->currentData().toString(),
        QStringLiteral("contact.updated"));
    next();
    runToResult();
    auto *run = m_wizard->runPage();
    QCOMPARE(run->row(Kind::Signature)->state(), State::Passed);
    QCOMPARE(run->row(Kind::Http)->state(), State::Passed);
    const QByteArray signature = m_receiver->requests().constFirst().header("X-BotBat-Signature");
    QVERIFY(signature.startsWith("sha256="));
    // The signature is shown as sent; the secret is not shown anywhere.
    QVERIFY(text(m_wizard, QStringLiteral("stepDetails_signature"))
                .contains(QString::fromLatin1(signature)));
    const QString shown =
        child<QPlainTextEdit>(m_wizard, QStringLiteral("runRequestView"))->toPlainText();
    QVERIFY(shown.contains(QString::fromLatin1(signature)));
    QVERIFY(!shown.contains(saved->generatedSecret));
    QVERIFY(
        !text(m_wizard, QStringLiteral("stepDetails_signature")).contains(saved->generatedSecret));
    screenshot(QStringLiteral("wizard-5-run-endpoint"));
    next();
    // Already a webhook: nothing to save.
    QVERIFY(!child<QWidget>(m_wizard, QStringLiteral("saveWebhookBox"))->isVisible());
    QVERIFY(text(m_wizard, QStringLiteral("resultText"))
                .contains(QLatin1String("deliveries will get through")));
    click(m_wizard->button(QWizard::FinishButton));
}

void TestConnectionWizardTest::windowActionOpensTheWizard()
{
    m_window = std::make_unique<MainWindow>(*m_engine);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    auto *action = m_window->findChild<QAction *>(QStringLiteral("testConnectionMenuAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    action->trigger();
    auto *wizard = m_window->findChild<TestConnectionWizard *>();
    QVERIFY(wizard);
    QTRY_VERIFY(wizard->isVisible());
    QCOMPARE(wizard->targetPage()->endpointId(), qint64(0));
    wizard->reject();
}

QTEST_MAIN(TestConnectionWizardTest)
#include "TestConnectionWizardTest.moc"
