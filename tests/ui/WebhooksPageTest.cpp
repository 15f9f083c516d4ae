// The Webhooks tab as an admin uses it, on a real engine delivering to a real HTTPS receiver on
// loopback whose certificate comes from a test CA the engine trusts: add a webhook (http://
// refused first), generate a secret, Send Test and read the answer and the headers sent, see
// the attempts, disable, delete after confirming; edit with the secret read only on reveal;
// attempt details, resend, retry failed since; trusted certificates.
#include "ui/WebhooksPage.h"

#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "core/Event.h"
#include "domain/ContactInput.h"
#include "domain/Domain.h"
#include "models/IntegrationOverviewModel.h"
#include "models/TrustedCertificateModel.h"
#include "ui/ClipboardGuard.h"
#include "ui/MainWindow.h"
#include "ui/TrustedCertificatesDialog.h"
#include "ui/WebhookDialog.h"
#include "webhooks/WebhookStore.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>
#include <memory>

using namespace botbat;
using namespace botbat::test;

namespace {
using Model = WebhookEndpointModel;
using Attempts = WebhookAttemptModel;
using Health = WebhookEndpoint::Health;

// The first visible widget of type T named name under root (dialogs are the page's children).
template<typename T> T *visible(const QObject *root, const QString &name)
{
    const QList<T *> found = root->findChildren<T *>(name);
    for (T *widget : found)
        if (widget->isVisible())
            return widget;
    return nullptr;
}

void click(QWidget *widget)
{
    QVERIFY2(widget, "no such widget");
    QVERIFY2(widget->isVisible() && widget->isEnabled(), qPrintable(widget->objectName()));
    QTest::mouseClick(widget, Qt::LeftButton, {}, widget->rect().center());
}

void clickCheck(QCheckBox *check)
{
    QVERIFY(check && check->isVisible());
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
}

QString checkName(const QString &eventType)
{
    QString name = eventType;
    name.replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("eventCheck_") + name;
}

QModelIndex rowOf(const QTreeView *table, int idRole, qint64 id)
{
    const QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(idRole).toLongLong() == id)
            return model->index(row, 0);
    return {};
}

QString cell(const QTreeView *table, qint64 id, int column, int role = Qt::DisplayRole)
{
    const QModelIndex row = rowOf(table, Model::IdRole, id);
    return row.isValid() ? row.siblingAtColumn(column).data(role).toString() : QString();
}

QString labelText(const QWidget *root, const QString &name)
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

// The Overview row of the endpoint's entry (its details name the URL; the cell shows the
// error or the reason instead when there is one, the tooltip always has the URL).
QModelIndex overviewRow(const QAbstractItemModel &model, const QString &url)
{
    for (int category = 0; category < model.rowCount(); ++category) {
        const QModelIndex parent = model.index(category, 0);
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            if (index.siblingAtColumn(IntegrationOverviewModel::DetailsColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(url))
                return index;
        }
    }
    return {};
}
} // namespace

class WebhooksPageTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void adminAddsTestsDisablesAndDeletesAWebhook();
    void editReadsTheSecretOnlyOnReveal();
    void rotateSecretShowsTheNewOneWithTheOverlap();
    void storeErrorsShowNextToTheirFields();
    void attemptsFilterDetailsAndResend();
    void retryFailedSinceConfirmsTheCount();
    void sendTestSaysWhenNothingArrives();
    void trustedCertificatesAddAndRemove();
    void screenshots();

private:
    void openWindow();
    void showPage();
    WebhookStore::Saved storeCreate(const QString &url, const QStringList &events,
                                    const QString &description = {});
    void selectEndpoint(qint64 id);
    void emitContact(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_receiver;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    WebhooksPage *m_page = nullptr;
    QTreeView *m_table = nullptr;
};

void WebhooksPageTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BotBat"));
    QCoreApplication::setApplicationName(QStringLiteral("botbat-console-test"));
    QSettings().clear();
}

void WebhooksPageTest::init()
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
    // A clock that stands still unless moved: a failed delivery is not retried behind the
    // test's back (the first retry would come 10 s later on the real one).
    m_clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
    config.clock = m_clock;
    config.webhooks.trustedCaFiles = {caFile};
    config.webhooks.pollIntervalMs = 20;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void WebhooksPageTest::cleanup()
{
    m_window.reset();
    m_engine.reset();
    m_clock.reset();
    m_receiver.reset();
    m_ca.reset();
    m_dir.reset();
    m_page = nullptr;
    m_table = nullptr;
    QGuiApplication::clipboard()->clear();
    QSettings().clear();
}

void WebhooksPageTest::openWindow()
{
    m_window = std::make_unique<MainWindow>(*m_engine);
    m_window->resize(1200, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Shortcuts (Enter, Delete, Ctrl+T) need the window to be the active one.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_page = m_window->webhooksPage();
    QVERIFY(m_page);
    QCOMPARE(m_page->objectName(), QStringLiteral("webhooksPage"));
    m_table = m_page->findChild<QTreeView *>(QStringLiteral("webhooksTable"));
    QVERIFY(m_table);
    m_page->clipboardGuard().setClearAfterMs(1000);
}

void WebhooksPageTest::showPage()
{
    if (!m_window)
        openWindow();
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    tabs->setCurrentWidget(m_page);
    if (!QTest::qWaitFor([this] { return m_page->model().isLoaded(); }, 5000))
        qWarning("The webhooks did not load");
}

WebhookStore::Saved WebhooksPageTest::storeCreate(const QString &url, const QStringList &events,
                                                  const QString &description)
{
    WebhookEndpointInput input;
    input.url = url;
    input.events = events;
    input.description = description;
    input.secretAction = WebhookEndpointInput::SecretAction::Generate;
    auto saved = m_engine->webhooks().create(input);
    if (!saved)
        qFatal("create failed: %s", qPrintable(saved.error().message()));
    return saved.value();
}

void WebhooksPageTest::selectEndpoint(qint64 id)
{
    QTRY_VERIFY(rowOf(m_table, Model::IdRole, id).isValid());
    const QModelIndex index = rowOf(m_table, Model::IdRole, id);
    m_table->scrollTo(index);
    QTest::mouseClick(m_table->viewport(), Qt::LeftButton, {},
                      m_table->visualRect(index.siblingAtColumn(Model::UrlColumn)).center());
    QTRY_COMPARE(m_page->selectedEndpointId(), id);
}

void WebhooksPageTest::emitContact(const QString &name)
{
    ContactInput contact;
    contact.name = name;
    QVERIFY(m_engine->domain().createContact(contact));
}

void WebhooksPageTest::adminAddsTestsDisablesAndDeletesAWebhook()
{
    openWindow();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    // The tab by keyboard, as the View menu says: Ctrl+4.
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    QTRY_COMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_page));
    QTRY_VERIFY(m_page->model().isLoaded());

    // An honest empty state with the one thing to do.
    auto *empty = m_page->findChild<QWidget *>(QStringLiteral("webhooksEmptyState"));
    QTRY_VERIFY(empty && empty->isVisible());
    QCOMPARE(labelText(empty, QStringLiteral("emptyStateTitle")),
             QStringLiteral("No webhooks yet"));
    QVERIFY(labelText(empty, QStringLiteral("emptyStateText"))
                .startsWith(QStringLiteral("Add Webhook sends BotBat events to your HTTPS "
                                           "endpoint")));
    QVERIFY(!m_table->isVisible());
    for (const char *name :
         {"addWebhookButton", "editWebhookButton", "toggleWebhookButton", "sendTestButton",
          "rotateSecretButton", "deleteWebhookButton", "trustedCertificatesButton"}) {
        auto *tool = m_page->findChild<QToolButton *>(QLatin1String(name));
        QVERIFY2(tool && tool->isVisible() && !tool->toolTip().isEmpty(), name);
    }
    QVERIFY(!m_page->findChild<QToolButton *>(QStringLiteral("sendTestButton"))->isEnabled());
    QCOMPARE(m_page->findChild<QAction *>(QStringLiteral("addWebhookAction"))->shortcut(),
             QKeySequence(Qt::CTRL | Qt::Key_N));
    QCOMPARE(m_page->findChild<QAction *>(QStringLiteral("sendTestAction"))->shortcut(),
             QKeySequence(Qt::CTRL | Qt::Key_T));

    // Add Webhook (Ctrl+N).
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<QDialog>(m_page, QStringLiteral("webhookDialog"))));
    auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("webhookUrlEdit"));
    auto *urlMessage = dialog->findChild<QLabel *>(QStringLiteral("webhookUrlMessage"));
    auto *save = dialog->findChild<QPushButton *>(QStringLiteral("saveWebhookButton"));
    QVERIFY(url && urlMessage && save);
    QVERIFY(!save->isEnabled());

    // http:// is refused before saving, with the reason.
    const QUrl https = m_receiver->url(QStringLiteral("/botbat/hooks"));
    QUrl http = https;
    http.setScheme(QStringLiteral("http"));
    QTest::keyClicks(url, http.toString());
    QVERIFY(urlMessage->isVisible());
    QVERIFY2(urlMessage->text().contains(QStringLiteral("http:// is refused")),
             qPrintable(urlMessage->text()));
    QVERIFY(urlMessage->text().contains(QStringLiteral("HTTPS")));
    QVERIFY(!save->isEnabled());

    // Fixed to https://: the message turns into a hint.
    url->selectAll();
    QTest::keyClicks(url, https.toString());
    QVERIFY(!urlMessage->text().contains(QStringLiteral("refused")));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("webhookDescriptionEdit")),
                     QStringLiteral("Order system"));

    // Generate a secret: shown, copyable through the clipboard guard.
    auto *secret = dialog->findChild<QLineEdit *>(QStringLiteral("webhookSecretEdit"));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    click(dialog->findChild<QPushButton *>(QStringLiteral("generateSecretButton")));
    const QString generated = secret->text();
    QVERIFY2(generated.startsWith(QStringLiteral("whsec_")), qPrintable(generated));
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    click(dialog->findChild<QToolButton *>(QStringLiteral("copySecretButton")));
    QCOMPARE(QGuiApplication::clipboard()->text(), generated);
    QVERIFY(m_page->clipboardGuard().isPending());

    // Every event nudges; then just the two this receiver handles.
    auto *nudge = dialog->findChild<QLabel *>(QStringLiteral("allEventsNudge"));
    QVERIFY(nudge && !nudge->isVisible());
    clickCheck(dialog->findChild<QCheckBox *>(QStringLiteral("allEventsCheck")));
    QVERIFY(nudge->isVisible());
    QVERIFY(nudge->text().contains(QStringLiteral("every event costs your endpoint a request")));
    clickCheck(dialog->findChild<QCheckBox *>(QStringLiteral("allEventsCheck")));
    QVERIFY(!nudge->isVisible());
    QVERIFY(!save->isEnabled());
    for (const QString &type : {EventType::MessageReceived, EventType::ContactCreated}) {
        auto *check = dialog->findChild<QCheckBox *>(checkName(type));
        QVERIFY2(check, qPrintable(type));
        QVERIFY(!check->toolTip().isEmpty());
        clickCheck(check);
    }
    QVERIFY(save->isEnabled());
    QPointer<QDialog> addDialog = dialog;
    click(save);
    QTRY_VERIFY(addDialog.isNull());

    // The row, selected, enabled; the secret in the store is the one generated.
    QTRY_COMPARE(m_page->model().rowCount(), 1);
    const WebhookEndpoint endpoint = m_page->model().endpointAt(0);
    QCOMPARE(endpoint.url, https.toString());
    QCOMPARE(endpoint.description, QStringLiteral("Order system"));
    QCOMPARE(endpoint.events, (QStringList{EventType::ContactCreated, EventType::MessageReceived}));
    QVERIFY(endpoint.enabled && endpoint.hasSecret);
    QCOMPARE(m_engine->webhooks().secret(endpoint.id).value(), generated);
    QTRY_VERIFY(m_table->isVisible());
    QTRY_COMPARE(m_page->selectedEndpointId(), endpoint.id);
    QCOMPARE(cell(m_table, endpoint.id, Model::HealthColumn), QStringLiteral("Waiting"));
    QCOMPARE(cell(m_table, endpoint.id, Model::EventsColumn), QStringLiteral("2 events"));
    auto *attemptsEmpty = m_page->findChild<QLabel *>(QStringLiteral("attemptsEmptyLabel"));
    QTRY_VERIFY(attemptsEmpty->isVisible());
    QVERIFY(attemptsEmpty->text().contains(QStringLiteral("Send Test")));

    // Send Test (Ctrl+T): one press sends, the dialog shows the answer and the headers sent.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_table->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
    QDialog *test = nullptr;
    QTRY_VERIFY((test = visible<QDialog>(m_page, QStringLiteral("sendTestDialog"))));
    auto *headline = test->findChild<QLabel *>(QStringLiteral("testHeadline"));
    QTRY_VERIFY_WITH_TIMEOUT(headline->isVisible(), 25000);
    QVERIFY2(headline->text().contains(QStringLiteral("HTTP 200")), qPrintable(headline->text()));
    const QString sentHeaders =
        test->findChild<QPlainTextEdit *>(QStringLiteral("requestHeadersText"))->toPlainText();
    QVERIFY2(sentHeaders.contains(QStringLiteral("X-BotBat-Signature: sha256=")),
             qPrintable(sentHeaders));
    QVERIFY(sentHeaders.contains(QStringLiteral("webhook-signature: v1,")));
    QVERIFY(!sentHeaders.contains(generated));
    QVERIFY(test->findChild<QPlainTextEdit *>(QStringLiteral("responseBodyText"))
                ->toPlainText()
                .contains(QStringLiteral("\"received\": true")));
    QCOMPARE(labelText(test, QStringLiteral("attemptStatusLabel")), QStringLiteral("200"));
    QVERIFY(
        labelText(test, QStringLiteral("attemptDurationLabel")).endsWith(QStringLiteral(" ms")));

    // The receiver really got it, and its signature verifies with the generated secret
    // (checked here with Qt's HMAC, not the engine's).
    QCOMPARE(m_receiver->count(), 1);
    const ReceivedRequest request = m_receiver->requests().constFirst();
    QCOMPARE(request.path, QByteArray("/botbat/hooks"));
    QCOMPARE(request.header("X-BotBat-Event"), QByteArray("message.received"));
    QCOMPARE(request.header("X-BotBat-Signature"),
             "sha256=" + QMessageAuthenticationCode::hash(request.body, generated.toLatin1(),
                                                          QCryptographicHash::Sha256)
                             .toHex());
    QVERIFY(sentHeaders.contains(QString::fromLatin1(request.header("X-BotBat-Signature"))));
    QPointer<QDialog> testDialog = test;
    click(test->findChild<QPushButton *>(QStringLiteral("closeTestButton")));
    QTRY_VERIFY(testDialog.isNull());

    // The test is among the endpoint's attempts; the endpoint is connected, on the Overview too.
    auto *attempts = m_page->attemptsTable();
    QTRY_VERIFY(attempts->isVisible());
    QTRY_COMPARE(attempts->model()->rowCount(), 1);
    QCOMPARE(attempts->model()->index(0, Attempts::EventColumn).data().toString(),
             QStringLiteral("message.received (test)"));
    QCOMPARE(attempts->model()->index(0, Attempts::StatusColumn).data().toString(),
             QStringLiteral("200"));
    QTRY_COMPARE(cell(m_table, endpoint.id, Model::HealthColumn), QStringLiteral("Connected"));
    QTRY_VERIFY(cell(m_table, endpoint.id, Model::LastDeliveryColumn)
                    .startsWith(QStringLiteral("200 \u00b7 ")));
    m_window->overviewModel().refresh();
    QTRY_VERIFY(overviewRow(m_window->overviewModel(), endpoint.url).isValid());
    QTRY_COMPARE(overviewRow(m_window->overviewModel(), endpoint.url)
                     .data(IntegrationOverviewModel::StatusRole)
                     .toInt(),
                 int(IntegrationSummary::Status::Connected));

    // Disable: Inactive here and on the Overview.
    auto *toggle = m_page->findChild<QToolButton *>(QStringLiteral("toggleWebhookButton"));
    auto *toggleAction = m_page->findChild<QAction *>(QStringLiteral("toggleWebhookAction"));
    QCOMPARE(toggleAction->text(), QStringLiteral("&Disable"));
    click(toggle);
    QTRY_COMPARE(cell(m_table, endpoint.id, Model::HealthColumn), QStringLiteral("Inactive"));
    QVERIFY(!m_engine->webhooks().get(endpoint.id)->enabled);
    QCOMPARE(toggleAction->text(), QStringLiteral("E&nable"));
    QCOMPARE(cell(m_table, endpoint.id, Model::EnabledColumn, Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));
    m_window->overviewModel().refresh();
    QTRY_COMPARE(overviewRow(m_window->overviewModel(), endpoint.url)
                     .data(IntegrationOverviewModel::StatusRole)
                     .toInt(),
                 int(IntegrationSummary::Status::Inactive));

    // Delete asks first and says the delivery log goes too; Cancel keeps everything.
    click(m_page->findChild<QToolButton *>(QStringLiteral("deleteWebhookButton")));
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY(
        (confirm = visible<QMessageBox>(m_page, QStringLiteral("deleteWebhookConfirmation"))));
    QVERIFY(confirm->text().contains(endpoint.url));
    QVERIFY(confirm->informativeText().contains(QStringLiteral("delivery log")));
    QCOMPARE(confirm->defaultButton()->objectName(), QStringLiteral("cancelDeleteWebhookButton"));
    click(confirm->findChild<QPushButton *>(QStringLiteral("cancelDeleteWebhookButton")));
    QTRY_VERIFY(!visible<QMessageBox>(m_page, QStringLiteral("deleteWebhookConfirmation")));
    QTest::qWait(50);
    QVERIFY(m_engine->webhooks().get(endpoint.id));

    // Delete from the keyboard, confirmed: the row, the endpoint and its log are gone.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_table->setFocus();
    QTest::keyClick(m_table, Qt::Key_Delete);
    QTRY_VERIFY(
        (confirm = visible<QMessageBox>(m_page, QStringLiteral("deleteWebhookConfirmation"))));
    click(confirm->findChild<QPushButton *>(QStringLiteral("confirmDeleteWebhookButton")));
    QTRY_COMPARE(m_page->model().rowCount(), 0);
    QVERIFY(!m_engine->webhooks().get(endpoint.id));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(
        labelText(m_page, QStringLiteral("webhooksMessage")).contains(QStringLiteral("Deleted")));
}

void WebhooksPageTest::editReadsTheSecretOnlyOnReveal()
{
    const auto saved = storeCreate(QStringLiteral("https://hooks.example.com/a"),
                                   {EventType::ContactCreated}, QStringLiteral("Before"));
    showPage();
    selectEndpoint(saved.endpoint.id);
    // Enter in the table opens Edit.
    m_table->setFocus();
    QTest::keyClick(m_table, Qt::Key_Return);
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<QDialog>(m_page, QStringLiteral("webhookDialog"))));
    auto *secret = dialog->findChild<QLineEdit *>(QStringLiteral("webhookSecretEdit"));
    // Not read from the secret store until asked.
    QVERIFY(secret->text().isEmpty());
    QVERIFY(secret->placeholderText().contains(QStringLiteral("Stored")));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("webhookUrlEdit"))->text(),
             saved.endpoint.url);
    QVERIFY(dialog->findChild<QCheckBox *>(checkName(EventType::ContactCreated))->isChecked());
    click(dialog->findChild<QToolButton *>(QStringLiteral("revealSecretButton")));
    QTRY_COMPARE(secret->text(), saved.generatedSecret);
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);

    auto *description = dialog->findChild<QLineEdit *>(QStringLiteral("webhookDescriptionEdit"));
    description->selectAll();
    QTest::keyClicks(description, QStringLiteral("After"));
    clickCheck(dialog->findChild<QCheckBox *>(checkName(EventType::CampaignCompleted)));
    QPointer<QDialog> edit = dialog;
    click(dialog->findChild<QPushButton *>(QStringLiteral("saveWebhookButton")));
    QTRY_VERIFY(edit.isNull());
    const auto stored = m_engine->webhooks().get(saved.endpoint.id);
    QCOMPARE(stored->description, QStringLiteral("After"));
    QCOMPARE(stored->events,
             (QStringList{EventType::CampaignCompleted, EventType::ContactCreated}));
    // Revealing is not changing: the secret stays.
    QCOMPARE(m_engine->webhooks().secret(saved.endpoint.id).value(), saved.generatedSecret);
    QTRY_COMPARE(cell(m_table, saved.endpoint.id, Model::DescriptionColumn),
                 QStringLiteral("After"));
}

void WebhooksPageTest::rotateSecretShowsTheNewOneWithTheOverlap()
{
    const auto saved =
        storeCreate(QStringLiteral("https://hooks.example.com/r"), {EventType::ContactCreated});
    showPage();
    selectEndpoint(saved.endpoint.id);
    click(m_page->findChild<QToolButton *>(QStringLiteral("rotateSecretButton")));
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY(
        (confirm = visible<QMessageBox>(m_page, QStringLiteral("rotateSecretConfirmation"))));
    QVERIFY(confirm->informativeText().contains(QStringLiteral("24 hours")));
    click(confirm->findChild<QPushButton *>(QStringLiteral("confirmRotateSecretButton")));
    QDialog *shown = nullptr;
    QTRY_VERIFY((shown = visible<QDialog>(m_page, QStringLiteral("webhookSecretDialog"))));
    auto *edit = shown->findChild<QLineEdit *>(QStringLiteral("newSecretEdit"));
    const QString rotated = edit->text();
    QVERIFY(rotated.startsWith(QStringLiteral("whsec_")));
    QVERIFY(rotated != saved.generatedSecret);
    QCOMPARE(m_engine->webhooks().secret(saved.endpoint.id).value(), rotated);
    QVERIFY(labelText(shown, QStringLiteral("newSecretInfo"))
                .contains(QStringLiteral("previous secret keeps signing")));
    click(shown->findChild<QPushButton *>(QStringLiteral("copyNewSecretButton")));
    QCOMPARE(QGuiApplication::clipboard()->text(), rotated);
    QPointer<QDialog> dialog = shown;
    click(shown->findChild<QPushButton *>(QStringLiteral("closeSecretButton")));
    QTRY_VERIFY(dialog.isNull());
    // The clipboard guard takes the secret off the clipboard again.
    QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 3000);
}

void WebhooksPageTest::storeErrorsShowNextToTheirFields()
{
    showPage();
    WebhookDialog dialog(m_page->clipboardGuard(), m_page);
    dialog.show();
    dialog.showError(DomainError::validation(
        {FieldError{QStringLiteral("url"), QStringLiteral("credentials_in_url"),
                    QStringLiteral("contains a user name or password")},
         FieldError{QStringLiteral("events"), QStringLiteral("required"),
                    QStringLiteral("lists no events")},
         FieldError{QStringLiteral("max_concurrency"), QStringLiteral("out_of_range"),
                    QStringLiteral("is 0; use a number from 1 to 64")}}));
    QCOMPARE(labelText(&dialog, QStringLiteral("webhookUrlMessage")),
             QStringLiteral("The URL contains a user name or password."));
    QVERIFY(labelText(&dialog, QStringLiteral("webhookEventsMessage"))
                .contains(QStringLiteral("lists no events")));
    auto *advanced = dialog.findChild<QLabel *>(QStringLiteral("advancedMessage"));
    QVERIFY(advanced->isVisible());
    QVERIFY(advanced->text().contains(QStringLiteral("Max concurrency is 0")));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("webhookDialogError"));
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("fields marked in red")));
    // Editing the field clears its message.
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("webhookUrlEdit")),
                     QStringLiteral("https://ok.example.com"));
    QVERIFY(!labelText(&dialog, QStringLiteral("webhookUrlMessage"))
                 .contains(QStringLiteral("user name")));

    // A pasted secret that is not whsec_ base64 is refused where it is typed.
    auto *secret = dialog.findChild<QLineEdit *>(QStringLiteral("webhookSecretEdit"));
    QTest::keyClicks(secret, QStringLiteral("hunter2"));
    QVERIFY(!labelText(&dialog, QStringLiteral("webhookSecretMessage")).isEmpty());
    QVERIFY(!dialog.isValid());
}

void WebhooksPageTest::attemptsFilterDetailsAndResend()
{
    m_receiver->enqueueResponse({500, {}, QByteArrayLiteral("{\"error\":\"boom\"}")});
    const auto saved = storeCreate(m_receiver->url(QStringLiteral("/hooks")).toString(),
                                   {EventType::ContactCreated});
    emitContact(QStringLiteral("Ada Lovelace"));
    QVERIFY(m_receiver->waitForCount(1));
    showPage();
    selectEndpoint(saved.endpoint.id);
    auto *attempts = m_page->attemptsTable();
    QTRY_COMPARE(attempts->model()->rowCount(), 1);
    QTRY_VERIFY(attempts->isVisible());
    QCOMPARE(attempts->model()->index(0, Attempts::StatusColumn).data().toString(),
             QStringLiteral("500"));
    QCOMPARE(Attempts::Result(attempts->model()->index(0, 0).data(Attempts::ResultRole).toInt()),
             Attempts::Result::Retrying);
    QTRY_COMPARE(cell(m_table, saved.endpoint.id, Model::HealthColumn), QStringLiteral("Error"));

    // Filter: Succeeded shows none (and says so), Failed shows the failure.
    auto *filter = m_page->findChild<QComboBox *>(QStringLiteral("attemptOutcomeCombo"));
    filter->setCurrentIndex(filter->findText(QStringLiteral("Succeeded")));
    auto *empty = m_page->findChild<QLabel *>(QStringLiteral("attemptsEmptyLabel"));
    QTRY_VERIFY(empty->isVisible());
    QTRY_VERIFY(empty->text().contains(QStringLiteral("No successful attempts")));
    filter->setCurrentIndex(filter->findText(QStringLiteral("Failed")));
    QTRY_COMPARE(attempts->model()->rowCount(), 1);
    filter->setCurrentIndex(filter->findText(QStringLiteral("All")));
    QTRY_COMPARE(attempts->model()->rowCount(), 1);

    // Double-click: the attempt in full.
    const QModelIndex first = attempts->model()->index(0, Attempts::EventColumn);
    QTest::mouseClick(attempts->viewport(), Qt::LeftButton, {},
                      attempts->visualRect(first).center());
    QTest::mouseDClick(attempts->viewport(), Qt::LeftButton, {},
                       attempts->visualRect(first).center());
    QDialog *details = nullptr;
    QTRY_VERIFY((details = visible<QDialog>(m_page, QStringLiteral("attemptDetailsDialog"))));
    auto *payload = details->findChild<QPlainTextEdit *>(QStringLiteral("payloadText"));
    QTRY_VERIFY(payload->toPlainText().contains(QStringLiteral("\"type\": \"contact.created\"")));
    QVERIFY(payload->toPlainText().contains(QStringLiteral("Ada Lovelace")));
    QVERIFY(details->findChild<QPlainTextEdit *>(QStringLiteral("requestHeadersText"))
                ->toPlainText()
                .contains(QStringLiteral("X-BotBat-Delivery: evt_")));
    QVERIFY(details->findChild<QPlainTextEdit *>(QStringLiteral("responseBodyText"))
                ->toPlainText()
                .contains(QStringLiteral("boom")));
    QVERIFY(
        labelText(details, QStringLiteral("attemptErrorLabel")).contains(QStringLiteral("500")));
    QVERIFY(labelText(details, QStringLiteral("attemptNextRetryLabel"))
                .contains(QStringLiteral("in ")));
    QVERIFY(
        labelText(details, QStringLiteral("attemptUrlLabel")).contains(QStringLiteral("/hooks")));
    QPointer<QDialog> detailsDialog = details;
    details->reject();
    QTRY_VERIFY(detailsDialog.isNull());

    // Resend the selected attempt's delivery: a second attempt, now, delivered.
    QTest::mouseClick(attempts->viewport(), Qt::LeftButton, {},
                      attempts->visualRect(attempts->model()->index(0, 0)).center());
    QTRY_VERIFY(m_page->selectedAttemptId() != 0);
    click(m_page->findChild<QToolButton *>(QStringLiteral("resendAttemptButton")));
    QVERIFY(m_receiver->waitForCount(2));
    QTRY_COMPARE(attempts->model()->rowCount(), 2);
    QCOMPARE(attempts->model()->index(0, Attempts::AttemptColumn).data().toString(),
             QStringLiteral("2"));
    QCOMPARE(attempts->model()->index(0, Attempts::StatusColumn).data().toString(),
             QStringLiteral("200"));
    QTRY_COMPARE(cell(m_table, saved.endpoint.id, Model::HealthColumn),
                 QStringLiteral("Connected"));
}

void WebhooksPageTest::retryFailedSinceConfirmsTheCount()
{
    const auto saved = storeCreate(m_receiver->url().toString(), {EventType::ContactCreated});
    showPage();
    selectEndpoint(saved.endpoint.id);
    click(m_page->findChild<QToolButton *>(QStringLiteral("retryFailedButton")));
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<QDialog>(m_page, QStringLiteral("retryFailedDialog"))));
    auto *since = dialog->findChild<QDateTimeEdit *>(QStringLiteral("retrySinceEdit"));
    const qint64 ago = since->dateTime().toUTC().secsTo(m_engine->clock().now());
    QVERIFY2(ago >= 24 * 3600 - 120 && ago <= 24 * 3600 + 120, qPrintable(QString::number(ago)));
    click(dialog->findChild<QPushButton *>(QStringLiteral("confirmRetryFailedButton")));
    auto *result = dialog->findChild<QLabel *>(QStringLiteral("retryFailedResult"));
    QTRY_VERIFY(result->isVisible());
    QVERIFY2(result->text().contains(QStringLiteral("nothing was queued")),
             qPrintable(result->text()));
    QPointer<QDialog> retry = dialog;
    click(dialog->findChild<QPushButton *>(QStringLiteral("confirmRetryFailedButton")));
    QTRY_VERIFY(retry.isNull());
}

void WebhooksPageTest::sendTestSaysWhenNothingArrives()
{
    m_receiver->setDefaultResponse({200, {}, {}, 3000});
    const auto saved = storeCreate(m_receiver->url().toString(), {EventType::ContactCreated});
    showPage();
    selectEndpoint(saved.endpoint.id);
    m_page->setSendTestTimeoutMs(400);
    click(m_page->findChild<QToolButton *>(QStringLiteral("sendTestButton")));
    QDialog *test = nullptr;
    QTRY_VERIFY((test = visible<QDialog>(m_page, QStringLiteral("sendTestDialog"))));
    auto *progress = test->findChild<QWidget *>(QStringLiteral("testProgress"));
    QVERIFY(progress->isVisible());
    auto *problem = test->findChild<QLabel *>(QStringLiteral("testProblemLabel"));
    QTRY_VERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(QStringLiteral("No attempt was recorded")));
    QVERIFY(!progress->isVisible());
    QVERIFY(test->findChild<QPushButton *>(QStringLiteral("testSendButton"))->isEnabled());
    test->reject();
}

void WebhooksPageTest::trustedCertificatesAddAndRemove()
{
    showPage();
    click(m_page->findChild<QToolButton *>(QStringLiteral("trustedCertificatesButton")));
    TrustedCertificatesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<TrustedCertificatesDialog>(
                     m_page, QStringLiteral("trustedCertificatesDialog"))));
    QTRY_VERIFY(dialog->model().isLoaded());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("trustedCertificatesEmpty"))->isVisible());
    // The --trusted-ca file of this engine is named.
    QVERIFY(labelText(dialog, QStringLiteral("trustedCaFilesLabel"))
                .contains(QStringLiteral("test-ca.pem")));

    TestCa corporate(QStringLiteral("Example Corp Root CA"));
    const QString pem = m_dir->filePath(QStringLiteral("corporate.pem"));
    QVERIFY(corporate.writeCaPem(pem));
    dialog->setFileChooser([pem] { return pem; });
    click(dialog->findChild<QPushButton *>(QStringLiteral("addCertificateButton")));
    QTRY_COMPARE(dialog->model().rowCount(), 1);
    QVERIFY(dialog->table()->isVisible());
    QVERIFY(dialog->model()
                .index(0, TrustedCertificateModel::SubjectColumn)
                .data()
                .toString()
                .contains(QStringLiteral("Example Corp Root CA")));
    QTRY_VERIFY(labelText(dialog, QStringLiteral("trustedCertificatesMessage"))
                    .startsWith(QStringLiteral("Added")));

    // Not a certificate: said, nothing added.
    const QString junk = m_dir->filePath(QStringLiteral("junk.pem"));
    {
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello");
    }
    dialog->setFileChooser([junk] { return junk; });
    click(dialog->findChild<QPushButton *>(QStringLiteral("addCertificateButton")));
    QTRY_VERIFY(labelText(dialog, QStringLiteral("trustedCertificatesMessage"))
                    .contains(QStringLiteral("was not added")));
    QCOMPARE(dialog->model().rowCount(), 1);

    dialog->table()->setCurrentIndex(dialog->model().index(0, 0));
    click(dialog->findChild<QPushButton *>(QStringLiteral("removeCertificateButton")));
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY(
        (confirm = visible<QMessageBox>(dialog, QStringLiteral("removeCertificateConfirmation"))));
    click(confirm->findChild<QPushButton *>(QStringLiteral("confirmRemoveCertificateButton")));
    QTRY_COMPARE(dialog->model().rowCount(), 0);
    QVERIFY(m_engine->webhooks().trustedCertificates()->isEmpty());
    dialog->reject();
}

// Not a check: with BOTBAT_SCREENSHOT_DIR set, saves PNGs of the Webhooks tab and its dialogs.
void WebhooksPageTest::screenshots()
{
    const QString directory = qEnvironmentVariable("BOTBAT_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("Set BOTBAT_SCREENSHOT_DIR to save screenshots.");
    QVERIFY(QDir().mkpath(directory));
    auto save = [&directory](QWidget *widget, const QString &name) {
        QCoreApplication::processEvents();
        const QString file = QDir(directory).filePath(name + QStringLiteral(".png"));
        if (!widget->grab().save(file))
            qWarning("Cannot save %s", qPrintable(file));
    };

    showPage();
    save(m_window.get(), QStringLiteral("webhooks-0-empty"));

    // A few endpoints in different states, with real deliveries behind them: the order
    // system's first delivery meets a 503, the rest succeed.
    m_receiver->enqueueResponse({503, {}, QByteArrayLiteral("{\"error\":\"maintenance\"}")});
    const auto orders = storeCreate(
        m_receiver->url(QStringLiteral("/orders/botbat")).toString(),
        {EventType::MessageReceived, EventType::ContactCreated, EventType::ConversationClosed},
        QStringLiteral("Order system"));
    emitContact(QStringLiteral("Ada Lovelace"));
    QVERIFY(m_receiver->waitForCount(1));
    const auto analytics = storeCreate(m_receiver->url(QStringLiteral("/ingest")).toString(),
                                       EventType::all(), QStringLiteral("Analytics warehouse"));
    const auto slack =
        storeCreate(QStringLiteral("https://hooks.slack.example.com/services/T0/B0"),
                    {EventType::ConversationCreated}, QStringLiteral("Slack alerts"));
    QVERIFY(
        m_engine->webhooks().setEnabled(slack.endpoint.id, false, Model::adminDisabledReason()));
    emitContact(QStringLiteral("Grace Hopper"));
    emitContact(QStringLiteral("Alan Turing"));
    QVERIFY(m_receiver->waitForCount(5));
    m_page->refresh();
    QTRY_COMPARE(m_page->model().rowCount(), 3);
    selectEndpoint(orders.endpoint.id);
    QTRY_COMPARE(m_page->attemptsTable()->model()->rowCount(), 3);
    QTest::qWait(300);
    save(m_window.get(), QStringLiteral("webhooks-1-table"));

    click(m_page->findChild<QToolButton *>(QStringLiteral("addWebhookButton")));
    QDialog *add = nullptr;
    QTRY_VERIFY((add = visible<QDialog>(m_page, QStringLiteral("webhookDialog"))));
    QTest::keyClicks(add->findChild<QLineEdit *>(QStringLiteral("webhookUrlEdit")),
                     QStringLiteral("http://crm.example.com/botbat"));
    save(add, QStringLiteral("webhooks-2-add-dialog-http-refused"));
    auto *url = add->findChild<QLineEdit *>(QStringLiteral("webhookUrlEdit"));
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("https://crm.example.com/botbat"));
    QTest::keyClicks(add->findChild<QLineEdit *>(QStringLiteral("webhookDescriptionEdit")),
                     QStringLiteral("CRM sync"));
    click(add->findChild<QPushButton *>(QStringLiteral("generateSecretButton")));
    clickCheck(add->findChild<QCheckBox *>(QStringLiteral("allEventsCheck")));
    click(add->findChild<QToolButton *>(QStringLiteral("advancedToggle")));
    save(add, QStringLiteral("webhooks-3-add-dialog-filled"));
    add->reject();

    selectEndpoint(analytics.endpoint.id);
    click(m_page->findChild<QToolButton *>(QStringLiteral("sendTestButton")));
    QDialog *test = nullptr;
    QTRY_VERIFY((test = visible<QDialog>(m_page, QStringLiteral("sendTestDialog"))));
    save(test, QStringLiteral("webhooks-4-send-test-waiting"));
    QTRY_VERIFY_WITH_TIMEOUT(test->findChild<QLabel *>(QStringLiteral("testHeadline"))->isVisible(),
                             25000);
    save(test, QStringLiteral("webhooks-5-send-test-result"));
    auto *tabs = test->findChild<QTabWidget *>(QStringLiteral("attemptTabs"));
    tabs->setCurrentIndex(1);
    save(test, QStringLiteral("webhooks-6-send-test-headers"));
    test->reject();

    selectEndpoint(orders.endpoint.id);
    QTRY_COMPARE(m_page->attemptsTable()->model()->rowCount(), 3);
    const auto *failedRow = m_page->attemptsTable()->model();
    int failed = -1;
    for (int row = 0; row < failedRow->rowCount(); ++row)
        if (failedRow->index(row, Attempts::StatusColumn).data().toString() == QLatin1String("503"))
            failed = row;
    QVERIFY(failed >= 0);
    m_page->showAttemptDetails(failedRow->index(failed, 0).data(Attempts::IdRole).toLongLong());
    QDialog *details = nullptr;
    QTRY_VERIFY((details = visible<QDialog>(m_page, QStringLiteral("attemptDetailsDialog"))));
    QTRY_VERIFY(details->findChild<QWidget *>(QStringLiteral("attemptView"))->isVisible());
    details->findChild<QTabWidget *>(QStringLiteral("attemptTabs"))->setCurrentIndex(2);
    save(details, QStringLiteral("webhooks-7-attempt-details"));
    details->reject();

    m_page->showTrustedCertificates();
    auto *certificates =
        visible<TrustedCertificatesDialog>(m_page, QStringLiteral("trustedCertificatesDialog"));
    QVERIFY(certificates);
    TestCa corporate(QStringLiteral("Example Corp Root CA"));
    const QString pem = m_dir->filePath(QStringLiteral("corporate.pem"));
    QVERIFY(corporate.writeCaPem(pem));
    certificates->addFile(pem);
    QTRY_COMPARE(certificates->model().rowCount(), 1);
    save(certificates, QStringLiteral("webhooks-8-trusted-certificates"));
    certificates->reject();

    m_window->resize(m_window->minimumSize());
    selectEndpoint(orders.endpoint.id);
    save(m_window.get(), QStringLiteral("webhooks-9-minimum-size"));
}

QTEST_MAIN(WebhooksPageTest)
#include "WebhooksPageTest.moc"
