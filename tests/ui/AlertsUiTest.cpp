// Alerts in the console, offscreen, on a real engine whose webhook endpoint is a real HTTPS
// receiver (test CA) that fails: the notifier shows a notification naming the integration and
// its activation asks for that endpoint's log; the Overview badge counts unread alerts, lists
// them and "Mark All as Read" clears the count; the Alerts… dialog refuses http://, sends a test
// alert and saves the URL to the secret store only.
#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "alerts/AlertStore.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "domain/ContactInput.h"
#include "domain/Domain.h"
#include "models/AlertListModel.h"
#include "models/IntegrationOverviewModel.h"
#include "ui/AlertNotifier.h"
#include "ui/AlertSettingsDialog.h"
#include "ui/AlertsPanel.h"
#include "ui/MainWindow.h"
#include "webhooks/WebhookStore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace botbat;
using namespace botbat::test;

namespace {
void click(QWidget *widget)
{
    QVERIFY2(widget, "no such widget");
    QVERIFY2(widget->isVisible() && widget->isEnabled(), qPrintable(widget->objectName()));
    QTest::mouseClick(widget, Qt::LeftButton, {}, widget->rect().center());
}
} // namespace

class AlertsUiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void failingWebhookNotifiesAndBadgeCounts();
    void settingsDialogRefusesHttpSendsTestAndSaves();
    void screenshots();

private:
    qint64 addFailingEndpoint(const QString &description);
    void emitContact(const QString &name);
    void openWindow();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_endpoint;
    std::unique_ptr<HttpsReceiver> m_alertHook;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
};

void AlertsUiTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BotBat"));
    QCoreApplication::setApplicationName(QStringLiteral("botbat-console-test"));
    QSettings().clear();
}

void AlertsUiTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ca = std::make_unique<TestCa>();
    m_endpoint = std::make_unique<HttpsReceiver>();
    m_endpoint->setCertificate(m_ca->issue());
    QVERIFY2(m_endpoint->listen(), qPrintable(m_endpoint->errorString()));
    m_endpoint->setDefaultResponse({503, {}, QByteArrayLiteral("{\"error\":\"maintenance\"}")});
    m_alertHook = std::make_unique<HttpsReceiver>();
    m_alertHook->setCertificate(m_ca->issue());
    QVERIFY2(m_alertHook->listen(), qPrintable(m_alertHook->errorString()));

    const QString caFile = m_dir->filePath(QStringLiteral("test-ca.pem"));
    QVERIFY(m_ca->writeCaPem(caFile));
    EngineConfig config = engineConfig(*m_dir);
    m_clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
    config.clock = m_clock;
    config.webhooks.trustedCaFiles = {caFile};
    config.webhooks.pollIntervalMs = 20;
    config.alerts.pollIntervalMs = 20;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void AlertsUiTest::cleanup()
{
    m_window.reset();
    m_engine.reset();
    m_endpoint.reset();
    m_alertHook.reset();
    m_ca.reset();
    m_dir.reset();
    QSettings().clear();
}

qint64 AlertsUiTest::addFailingEndpoint(const QString &description)
{
    WebhookEndpointInput input;
    input.url = m_endpoint->url(QStringLiteral("/orders")).toString();
    input.description = description;
    input.events = {EventType::ContactCreated};
    auto saved = m_engine->webhooks().create(input);
    if (!saved)
        qFatal("create failed: %s", qPrintable(saved.error().message()));
    return saved->endpoint.id;
}

void AlertsUiTest::emitContact(const QString &name)
{
    ContactInput input;
    input.name = name;
    if (!m_engine->domain().createContact(input))
        qFatal("contact failed");
}

void AlertsUiTest::openWindow()
{
    m_window = std::make_unique<MainWindow>(*m_engine);
    m_window->resize(1200, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->tabs()->setCurrentWidget(
        m_window->findChild<QWidget *>(QStringLiteral("overviewPage")));
    QTRY_VERIFY(m_window->alertsModel().isLoaded());
}

void AlertsUiTest::failingWebhookNotifiesAndBadgeCounts()
{
    openWindow();
    auto *badge = m_window->findChild<QToolButton *>(QStringLiteral("alertsBadge"));
    auto *list = m_window->findChild<QListView *>(QStringLiteral("alertsList"));
    auto *markRead = m_window->findChild<QPushButton *>(QStringLiteral("markAlertsReadButton"));
    QVERIFY(badge && list && markRead);
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), QStringLiteral("No unread alerts"));
    QVERIFY(!markRead->isEnabled());
    QVERIFY(!list->isVisible());

    AlertNotifier *notifier = m_window->alertNotifier();
    QVERIFY(notifier);
    QVERIFY(notifier->isEnabled());
    QSignalSpy opened(notifier, &AlertNotifier::openLogRequested);

    const qint64 endpointId = addFailingEndpoint(QStringLiteral("Order system"));
    emitContact(QStringLiteral("Ada Lovelace"));

    // The endpoint goes into Error: one notification naming it, with the reason.
    QTRY_COMPARE(notifier->shown().size(), 1);
    const AlertNotifier::Notification shown = notifier->shown().constFirst();
    QVERIFY2(shown.title.contains(QLatin1String("Order system")), qPrintable(shown.title));
    QVERIFY2(shown.message.contains(QLatin1String("503")), qPrintable(shown.message));
    QCOMPARE(shown.endpointId, endpointId);
    // Clicking it asks for that endpoint's log.
    notifier->activateLastMessage();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toLongLong(), endpointId);
    // ...which the window shows: the Delivery Log tab.
    QCOMPARE(m_window->tabs()->currentWidget()->objectName(), QStringLiteral("deliveryLogPage"));
    m_window->tabs()->setCurrentWidget(
        m_window->findChild<QWidget *>(QStringLiteral("overviewPage")));

    // The badge counts it and the list shows it; Enter (or a double-click) asks for the log too.
    QTRY_COMPARE(badge->text(), QStringLiteral("1 unread alert"));
    QTRY_VERIFY(list->isVisible());
    QCOMPARE(list->model()->rowCount(), 1);
    QVERIFY(list->model()->index(0, 0).data().toString().contains(QLatin1String("Order system")));
    auto *panel = m_window->findChild<AlertsPanel *>(QStringLiteral("alertsPanel"));
    QVERIFY(panel);
    QSignalSpy panelOpened(panel, &AlertsPanel::openLogRequested);
    list->setFocus();
    list->setCurrentIndex(list->model()->index(0, 0));
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_COMPARE(panelOpened.size(), 1);
    QCOMPARE(panelOpened.at(0).at(0).toLongLong(), endpointId);
    QCOMPARE(m_window->tabs()->currentWidget()->objectName(), QStringLiteral("deliveryLogPage"));
    m_window->tabs()->setCurrentWidget(
        m_window->findChild<QWidget *>(QStringLiteral("overviewPage")));

    // A second endpoint failing is its own burst: a second alert at once.
    const qint64 second = addFailingEndpoint(QStringLiteral("Analytics"));
    emitContact(QStringLiteral("Grace Hopper"));
    QTRY_COMPARE(notifier->shown().size(), 2);
    QCOMPARE(notifier->shown().constLast().endpointId, second);
    QTRY_COMPARE(badge->text(), QStringLiteral("2 unread alerts"));

    // Mark all as read: the count goes, the alerts stay listed; and it is stored.
    click(markRead);
    QTRY_COMPARE(badge->text(), QStringLiteral("No unread alerts"));
    QCOMPARE(m_engine->alerts().unacknowledgedCount(), 0);
    QCOMPARE(list->model()->rowCount(), 2);
    QVERIFY(!markRead->isEnabled());

    // Notifications off: alerts are still counted, nothing is shown.
    AlertSettings settings = m_engine->alerts().settings();
    settings.desktopNotifications = false;
    QString error;
    QVERIFY2(m_engine->alerts().setSettings(settings, &error), qPrintable(error));
    QTRY_VERIFY(!notifier->isEnabled());
    const qint64 third = addFailingEndpoint(QStringLiteral("Billing"));
    emitContact(QStringLiteral("Alan Turing"));
    QTRY_COMPARE(badge->text(), QStringLiteral("1 unread alert"));
    QCOMPARE(notifier->shown().size(), 2);
    QCOMPARE(m_window->alertsModel().alertAt(0).sourceId, third);
}

void AlertsUiTest::settingsDialogRefusesHttpSendsTestAndSaves()
{
    AlertSettingsDialog dialog(*m_engine);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(dialog.isLoaded());
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("alertWebhookUrlEdit"));
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("alertUrlProblem"));
    auto *window = dialog.findChild<QSpinBox *>(QStringLiteral("alertBurstWindowSpin"));
    auto *desktop = dialog.findChild<QCheckBox *>(QStringLiteral("alertDesktopCheck"));
    auto *test = dialog.findChild<QPushButton *>(QStringLiteral("sendTestAlertButton"));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testAlertResult"));
    auto *buttons = dialog.findChild<QDialogButtonBox *>(QStringLiteral("alertSettingsButtons"));
    QVERIFY(url && problem && window && desktop && test && result && buttons);
    QCOMPARE(url->echoMode(), QLineEdit::Password);
    QCOMPARE(window->value(), 10);
    QVERIFY(desktop->isChecked());

    // http:// is refused as you type, with the reason, and Save is off.
    QTest::keyClicks(url, QStringLiteral("http://hooks.example.com/services/x"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QLatin1String("https://")), qPrintable(problem->text()));
    QVERIFY(!buttons->button(QDialogButtonBox::Save)->isEnabled());

    // A real https one: the test alert arrives.
    const QString hook =
        m_alertHook->url(QStringLiteral("/services/T1/B1/dialogToken77")).toString();
    url->clear();
    QTest::keyClicks(url, hook);
    QVERIFY(!problem->isVisible());
    QVERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
    click(test);
    QTRY_VERIFY(m_alertHook->count() == 1);
    QTRY_VERIFY2(result->text().contains(QLatin1String("delivered")), qPrintable(result->text()));

    // Save: URL in the secret store, window and notifications in the database.
    window->setValue(25);
    desktop->setChecked(false);
    click(buttons->button(QDialogButtonBox::Save));
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QString error;
    QCOMPARE(m_engine->alerts().webhookUrl(&error), hook);
    const AlertSettings saved = m_engine->alerts().settings();
    QCOMPARE(saved.burstWindowMs, 25LL * 60 * 1000);
    QVERIFY(!saved.desktopNotifications);
    QVERIFY(saved.webhookConfigured);

    // Opened again: the stored URL is not shown back, only that there is one.
    AlertSettingsDialog again(*m_engine);
    again.show();
    QTRY_VERIFY(again.isLoaded());
    QVERIFY(again.findChild<QLineEdit *>(QStringLiteral("alertWebhookUrlEdit"))->text().isEmpty());
    QVERIFY(again.findChild<QLabel *>(QStringLiteral("alertUrlState"))
                ->text()
                .contains(QLatin1String("secret store")));
    QCOMPARE(again.findChild<QSpinBox *>(QStringLiteral("alertBurstWindowSpin"))->value(), 25);
}

void AlertsUiTest::screenshots()
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
    openWindow();
    addFailingEndpoint(QStringLiteral("Order system"));
    emitContact(QStringLiteral("Ada Lovelace"));
    QTRY_VERIFY(m_window->alertsModel().rowCount() == 1);
    addFailingEndpoint(QStringLiteral("Analytics warehouse"));
    emitContact(QStringLiteral("Grace Hopper"));
    QTRY_VERIFY(m_window->alertsModel().rowCount() == 2);
    QTRY_VERIFY(m_window->overviewModel().isLoaded());
    QTest::qWait(200);
    save(m_window.get(), QStringLiteral("alerts-overview"));

    QString error;
    QVERIFY(m_engine->alerts().setWebhookUrl(
        m_alertHook->url(QStringLiteral("/services/T/B/x")).toString(), &error));
    AlertSettingsDialog dialog(*m_engine, m_window.get());
    dialog.show();
    QTRY_VERIFY(dialog.isLoaded());
    save(&dialog, QStringLiteral("alerts-settings"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("alertWebhookUrlEdit")),
                     QStringLiteral("http://hooks.example.com/services/x"));
    save(&dialog, QStringLiteral("alerts-settings-http-refused"));
    dialog.findChild<QLineEdit *>(QStringLiteral("alertWebhookUrlEdit"))->clear();
    m_alertHook->setDefaultResponse({404, {}, QByteArrayLiteral("no_service")});
    click(dialog.findChild<QPushButton *>(QStringLiteral("sendTestAlertButton")));
    QTRY_VERIFY(dialog.findChild<QLabel *>(QStringLiteral("testAlertResult"))
                    ->text()
                    .contains(QLatin1String("404")));
    save(&dialog, QStringLiteral("alerts-settings-test-failed"));
}

QTEST_MAIN(AlertsUiTest)
#include "AlertsUiTest.moc"
