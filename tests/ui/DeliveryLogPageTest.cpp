// The Delivery Log tab as support staff use it, on a real engine delivering to a real HTTPS
// receiver (test CA): the tab opens on the newest attempts; "Failed only" and the other filters
// narrow the table and the summary; a row's details show the payload, the answer and the
// attempt timeline; Retry now sends it again; retry all failed in the filter asks first with the
// count; paused, new attempts are counted and shown on resume without losing the selection;
// export writes CSV and JSON; an alert's "open the log" lands on the filtered view.
#include "ui/DeliveryLogPage.h"

#include "DeliveryLogSeeder.h"
#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "core/Event.h"
#include "domain/ContactInput.h"
#include "domain/Domain.h"
#include "models/DeliveryLogModel.h"
#include "ui/DeliveryLogDetailsPane.h"
#include "ui/DeliveryLogFilterBar.h"
#include "ui/DeliveryLogSummaryStrip.h"
#include "ui/MainWindow.h"
#include "ui/WebhookAttemptView.h"
#include "webhooks/WebhookStore.h"

#include <QAction>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>
#include <memory>

using namespace botbat;
using namespace botbat::test;

namespace {
using Model = DeliveryLogModel;

void click(QWidget *widget)
{
    QVERIFY2(widget, "no such widget");
    QVERIFY2(widget->isVisible() && widget->isEnabled(), qPrintable(widget->objectName()));
    QTest::mouseClick(widget, Qt::LeftButton, {}, widget->rect().center());
}
} // namespace

class DeliveryLogPageTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void opensOnTheNewestAttemptsWithEmptyState();
    void failedOnlyAndFiltersNarrowTableAndSummary();
    void detailsShowPayloadAnswerAndTimeline();
    void retryNowSendsAgain();
    void retryAllFailedAsksWithTheCount();
    void pausedCountsAndKeepsSelection();
    void liveRowsKeepTheScrollPosition();
    void exportsTheFilteredRows();
    void openFilteredFromOutside();
    void screenshots();

private:
    WebhookStore::Saved addEndpoint(const QString &path, const QString &description);
    void openLog();
    void emitContacts(int count);
    int selectRowOfStatus(DeliveryLogEntry::Status status);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_receiver;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    DeliveryLogPage *m_page = nullptr;
};

void DeliveryLogPageTest::init()
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
    // Retries wait for the test to move the clock.
    m_clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
    config.clock = m_clock;
    config.webhooks.trustedCaFiles = {caFile};
    config.webhooks.pollIntervalMs = 20;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void DeliveryLogPageTest::cleanup()
{
    m_window.reset();
    m_engine.reset();
    m_clock.reset();
    m_receiver.reset();
    m_ca.reset();
    m_dir.reset();
    m_page = nullptr;
    QSettings().clear();
}

WebhookStore::Saved DeliveryLogPageTest::addEndpoint(const QString &path,
                                                     const QString &description)
{
    WebhookEndpointInput input;
    input.url = m_receiver->url(path).toString();
    input.description = description;
    input.events = QStringList{EventType::ContactCreated};
    input.secretAction = WebhookEndpointInput::SecretAction::Generate;
    auto saved = m_engine->webhooks().create(input);
    if (!saved)
        qFatal("create failed: %s", qPrintable(saved.error().message()));
    return saved.value();
}

void DeliveryLogPageTest::emitContacts(int count)
{
    for (int i = 0; i < count; ++i) {
        ContactInput contact;
        contact.name = QStringLiteral("Contact %1").arg(i);
        QVERIFY(m_engine->domain().createContact(contact));
    }
}

void DeliveryLogPageTest::openLog()
{
    m_window = std::make_unique<MainWindow>(*m_engine);
    m_window->resize(1400, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_page = m_window->findChild<DeliveryLogPage *>(QStringLiteral("deliveryLogPage"));
    QVERIFY(m_page);
    QSignalSpy first(&m_page->model(), &Model::firstPageLoaded);
    m_window->tabs()->setCurrentWidget(m_page);
    QVERIFY(first.wait(10000));
}

int DeliveryLogPageTest::selectRowOfStatus(DeliveryLogEntry::Status status)
{
    QTableView *table = m_page->table();
    for (int row = 0; row < table->model()->rowCount(); ++row)
        if (table->model()->index(row, 0).data(Model::StatusRole).toInt() == int(status)) {
            table->setCurrentIndex(table->model()->index(row, 0));
            return row;
        }
    return -1;
}

void DeliveryLogPageTest::opensOnTheNewestAttemptsWithEmptyState()
{
    openLog();
    auto *empty = m_page->findChild<QLabel *>(QStringLiteral("logEmptyState"));
    QVERIFY(empty && empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("No delivery attempts yet")));

    addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    emitContacts(3);
    // Live: the attempts appear without a refresh.
    QTRY_COMPARE_WITH_TIMEOUT(m_page->table()->model()->rowCount(), 3, 15000);
    QVERIFY(m_page->table()->isVisible());
    QCOMPARE(m_page->table()->model()->index(0, Model::EndpointColumn).data().toString(),
             QStringLiteral("Shop"));
    QCOMPARE(m_page->table()->model()->index(0, Model::StatusColumn).data().toString(),
             QStringLiteral("Succeeded"));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->summary()->text().contains(QStringLiteral("100.0%")), 10000);
}

void DeliveryLogPageTest::failedOnlyAndFiltersNarrowTableAndSummary()
{
    const auto shop = addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    const auto crm = addEndpoint(QStringLiteral("/crm"), QStringLiteral("CRM"));
    QString error;
    QVERIFY2(DeliveryLogSeeder::seed(m_engine->database(), {shop.endpoint.id, crm.endpoint.id}, 400,
                                     m_clock->now().addDays(-1), 1000, &error),
             qPrintable(error));
    openLog();
    QTableView *table = m_page->table();
    QVERIFY(table->model()->rowCount() >= Model::kPageSize);

    auto *failedOnly = m_page->findChild<QToolButton *>(QStringLiteral("logFailedOnly"));
    QSignalSpy first(&m_page->model(), &Model::firstPageLoaded);
    click(failedOnly);
    QVERIFY(first.wait(10000));
    QCOMPARE(table->model()->rowCount(), 40); // i % 10 == 9 of 400: 32 retrying, 8 failed
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const int status = table->model()->index(row, 0).data(Model::StatusRole).toInt();
        QVERIFY(status == int(DeliveryLogEntry::Status::Retrying) ||
                status == int(DeliveryLogEntry::Status::Failed));
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_page->summary()->text().startsWith(QStringLiteral("40 deliveries")),
                             10000);
    QVERIFY(m_page->summary()->text().contains(QStringLiteral("0.0%")));
    // The chart: every one of the 40 in the failed bars, none in the succeeded ones.
    const QList<QAbstractSeries *> series = m_page->summary()->chartView()->chart()->series();
    QCOMPARE(series.size(), 1);
    const QList<QBarSet *> sets = static_cast<QStackedBarSeries *>(series.first())->barSets();
    QCOMPARE(sets.size(), 2);
    QCOMPARE(sets.at(0)->sum(), 0.0);
    QCOMPARE(sets.at(1)->sum(), 40.0);

    // Combined with an event type: campaign.completed is i % 4 == 3, so i % 20 == 19.
    auto *event = m_page->findChild<QComboBox *>(QStringLiteral("logEventFilter"));
    event->setCurrentIndex(event->findData(QStringLiteral("campaign.completed")));
    QVERIFY(first.wait(10000));
    QCOMPARE(table->model()->rowCount(), 20);
    // And an endpoint: the shop takes the even indexes, none of which fail.
    auto *endpoint = m_page->findChild<QComboBox *>(QStringLiteral("logEndpointFilter"));
    QTRY_VERIFY(endpoint->findData(shop.endpoint.id) >= 0);
    endpoint->setCurrentIndex(endpoint->findData(shop.endpoint.id));
    QVERIFY(first.wait(10000));
    QCOMPARE(table->model()->rowCount(), 0);
    auto *empty = m_page->findChild<QLabel *>(QStringLiteral("logEmptyState"));
    QVERIFY(empty->isVisible() && empty->text().contains(QStringLiteral("No attempts match")));
    endpoint->setCurrentIndex(0);
    QVERIFY(first.wait(10000));
    event->setCurrentIndex(0);
    QVERIFY(first.wait(10000));
    // Free text, applied after a pause in typing.
    auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("logSearch"));
    QTest::keyClicks(search, QStringLiteral("order-39"));
    QVERIFY(first.wait(10000));
    // Failing among 39, 390..399: 39 (retrying), 399 (failed).
    QCOMPARE(table->model()->rowCount(), 2);
    click(m_page->findChild<QToolButton *>(QStringLiteral("logClearFilters")));
    QVERIFY(first.wait(10000));
    QVERIFY(!failedOnly->isChecked());
    QVERIFY(search->text().isEmpty());
    QVERIFY(table->model()->rowCount() >= Model::kPageSize);
}

void DeliveryLogPageTest::detailsShowPayloadAnswerAndTimeline()
{
    addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    m_receiver->enqueueResponse({503, {}, QByteArrayLiteral("{\"error\":\"busy\"}")});
    emitContacts(1);
    QVERIFY(m_receiver->waitForCount(1, 15000));
    openLog();
    QTRY_COMPARE_WITH_TIMEOUT(m_page->table()->model()->rowCount(), 1, 10000);
    // The retry after 10 s, on the manual clock: delivered.
    m_clock->advance(12000);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->table()->model()->rowCount(), 2, 15000);

    DeliveryLogDetailsPane *details = m_page->details();
    QSignalSpy loaded(details, &DeliveryLogDetailsPane::loaded);
    QVERIFY(selectRowOfStatus(DeliveryLogEntry::Status::Retrying) >= 0);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(details->timeline()->count(), 2);
    QVERIFY(details->timeline()->item(0)->text().contains(QStringLiteral("HTTP 503")));
    QVERIFY(details->timeline()->item(1)->text().contains(QStringLiteral("delivered")));
    auto *payload = details->findChild<QPlainTextEdit *>(QStringLiteral("payloadText"));
    QVERIFY(payload->toPlainText().contains(QStringLiteral("\"Contact 0\"")));
    auto *body = details->findChild<QPlainTextEdit *>(QStringLiteral("responseBodyText"));
    QVERIFY(body->toPlainText().contains(QStringLiteral("busy")));
    // Picking the second attempt in the timeline shows its answer.
    details->timeline()->setCurrentRow(1);
    QVERIFY(body->toPlainText().contains(QStringLiteral("received")));

    click(details->findChild<QPushButton *>(QStringLiteral("logCopyPayload")));
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(QStringLiteral("{\"id\":\"evt_")));
    click(details->findChild<QPushButton *>(QStringLiteral("logCopyCurl")));
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY(curl.startsWith(QStringLiteral("curl -sS -X POST 'https://localhost:")));
    QVERIFY(curl.contains(QStringLiteral("-H 'X-BotBat-Signature: sha256=")));
    QVERIFY(curl.contains(QStringLiteral("--data-binary '{\"id\":\"evt_")));
    const auto secret = m_engine->webhooks().secret(
        m_page->table()->currentIndex().data(Model::EndpointIdRole).toLongLong());
    QVERIFY(secret && !secret->isEmpty() && !curl.contains(secret.value()));
}

void DeliveryLogPageTest::retryNowSendsAgain()
{
    addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    emitContacts(1);
    QVERIFY(m_receiver->waitForCount(1, 15000));
    openLog();
    QTRY_COMPARE_WITH_TIMEOUT(m_page->table()->model()->rowCount(), 1, 10000);
    QSignalSpy loaded(m_page->details(), &DeliveryLogDetailsPane::loaded);
    m_page->table()->setCurrentIndex(m_page->table()->model()->index(0, 0));
    QVERIFY(loaded.wait(10000));
    click(m_page->details()->findChild<QPushButton *>(QStringLiteral("logResend")));
    QVERIFY(m_receiver->waitForCount(2, 15000));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->table()->model()->rowCount(), 2, 10000);
    QCOMPARE(m_page->table()->model()->index(0, Model::AttemptColumn).data().toInt(), 2);
    // The selection stays on the row that was selected, now the second.
    QCOMPARE(m_page->table()->currentIndex().row(), 1);
}

void DeliveryLogPageTest::retryAllFailedAsksWithTheCount()
{
    const auto shop = addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    QString error;
    QVERIFY2(DeliveryLogSeeder::seed(m_engine->database(), {shop.endpoint.id}, 200,
                                     m_clock->now().addDays(-1), 1000, &error),
             qPrintable(error));
    openLog();
    m_page->openFiltered(shop.endpoint.id, true);
    QSignalSpy first(&m_page->model(), &Model::firstPageLoaded);
    QVERIFY(first.wait(10000));
    m_page->retryFailedAction()->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = m_page->findChild<QMessageBox *>(QStringLiteral("retryFailedConfirmation"))) &&
            box->isVisible(),
        10000);
    // 49, 99, 149, 199: four permanently failed deliveries (the retrying ones retry anyway).
    QVERIFY2(box->text().contains(QStringLiteral("Retry 4 permanently failed")),
             qPrintable(box->text()));
    const qsizetype before = m_receiver->requests().size();
    click(box->findChild<QPushButton *>(QStringLiteral("confirmRetryFailedButton")));
    // Seeded endpoints point at the receiver: the four are sent now.
    QVERIFY(m_receiver->waitForCount(before + 4, 15000));
}

void DeliveryLogPageTest::pausedCountsAndKeepsSelection()
{
    addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    emitContacts(3);
    QVERIFY(m_receiver->waitForCount(3, 15000));
    openLog();
    QTRY_COMPARE_WITH_TIMEOUT(m_page->table()->model()->rowCount(), 3, 10000);
    m_page->table()->setCurrentIndex(m_page->table()->model()->index(1, 0));
    const qint64 selected = m_page->table()->currentIndex().data(Model::KeyRole).toLongLong();

    auto *pause = m_page->findChild<QToolButton *>(QStringLiteral("logPauseButton"));
    click(pause);
    QVERIFY(m_page->model().isPaused());
    emitContacts(4);
    QVERIFY(m_receiver->waitForCount(7, 15000));
    auto *newRows = m_page->findChild<QLabel *>(QStringLiteral("logNewRows"));
    QTRY_VERIFY_WITH_TIMEOUT(newRows->text().contains(QStringLiteral("4 new")), 10000);
    QCOMPARE(m_page->table()->model()->rowCount(), 3);
    click(pause);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->table()->model()->rowCount(), 7, 10000);
    QCOMPARE(m_page->table()->currentIndex().data(Model::KeyRole).toLongLong(), selected);
    QCOMPARE(m_page->table()->currentIndex().row(), 5);
}

void DeliveryLogPageTest::liveRowsKeepTheScrollPosition()
{
    const auto shop = addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    QString error;
    QVERIFY2(DeliveryLogSeeder::seed(m_engine->database(), {shop.endpoint.id}, 300,
                                     m_clock->now().addDays(-1), 1000, &error),
             qPrintable(error));
    openLog();
    QTableView *table = m_page->table();
    // Scrolled once the view has laid its rows out (later under load).
    QTRY_VERIFY_WITH_TIMEOUT(
        (table->scrollTo(table->model()->index(100, 0), QAbstractItemView::PositionAtTop),
         table->rowAt(0) >= 90),
        5000);
    const int top = table->rowAt(0);
    const qint64 topKey = table->model()->index(top, 0).data(Model::KeyRole).toLongLong();
    const int rows = table->model()->rowCount();
    QVERIFY2(DeliveryLogSeeder::seed(m_engine->database(), {shop.endpoint.id}, 20,
                                     m_clock->now().addDays(-1), 1000, &error, 300),
             qPrintable(error));
    emit m_engine->webhookAttemptsRecorded({});
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), rows + 20, 10000);
    // The row the reader was looking at is still the one at the top of the view.
    QTRY_COMPARE(table->model()->index(table->rowAt(0), 0).data(Model::KeyRole).toLongLong(),
                 topKey);
    // At the top, new rows come into view instead.
    table->scrollToTop();
    QVERIFY2(DeliveryLogSeeder::seed(m_engine->database(), {shop.endpoint.id}, 5,
                                     m_clock->now().addDays(-1), 1000, &error, 320),
             qPrintable(error));
    emit m_engine->webhookAttemptsRecorded({});
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), rows + 25, 10000);
    QCOMPARE(table->rowAt(0), 0);
    QCOMPARE(table->model()->index(0, 0).data(Model::KeyRole).toLongLong(), qint64(325));
}

void DeliveryLogPageTest::exportsTheFilteredRows()
{
    const auto shop = addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    QString error;
    QVERIFY2(DeliveryLogSeeder::seed(m_engine->database(), {shop.endpoint.id}, 300,
                                     m_clock->now().addDays(-1), 1000, &error),
             qPrintable(error));
    openLog();
    m_page->openFiltered(0, true);
    QSignalSpy first(&m_page->model(), &Model::firstPageLoaded);
    QVERIFY(first.wait(10000));
    const QString csvPath = m_dir->filePath(QStringLiteral("log.csv"));
    const QString jsonPath = m_dir->filePath(QStringLiteral("log.json"));
    m_page->setPathChooser([&](DeliveryLogStore::ExportFormat format) {
        return format == DeliveryLogStore::ExportFormat::Csv ? csvPath : jsonPath;
    });
    QSignalSpy exported(m_page, &DeliveryLogPage::exported);
    click(m_page->findChild<QToolButton *>(QStringLiteral("logExportCsvButton")));
    QVERIFY(exported.wait(15000));
    QCOMPARE(exported.last().at(1).toLongLong(), 30); // i % 10 == 9: 24 retrying + 6 failed
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().trimmed().split('\n').size(), 31);
    click(m_page->findChild<QToolButton *>(QStringLiteral("logExportJsonButton")));
    QVERIFY(exported.wait(15000));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(json.readAll()).array().size(), 30);
    auto *message = m_page->findChild<QLabel *>(QStringLiteral("logMessage"));
    QVERIFY2(message->text().contains(QStringLiteral("30 row")), qPrintable(message->text()));
}

void DeliveryLogPageTest::openFilteredFromOutside()
{
    const auto shop = addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop"));
    openLog();
    m_window->tabs()->setCurrentIndex(0);
    m_window->openDeliveryLog(shop.endpoint.id, true);
    QCOMPARE(m_window->tabs()->currentWidget(), m_page);
    QCOMPARE(m_page->model().filter().endpointId, shop.endpoint.id);
    QCOMPARE(m_page->model().filter().status, DeliveryLogFilter::StatusFilter::Failing);
    QVERIFY(m_page->findChild<QToolButton *>(QStringLiteral("logFailedOnly"))->isChecked());
}

// Not a check: with BOTBAT_SCREENSHOT_DIR set, saves PNGs of the tab.
void DeliveryLogPageTest::screenshots()
{
    const QString directory = qEnvironmentVariable("BOTBAT_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("Set BOTBAT_SCREENSHOT_DIR to save screenshots.");
    const auto shop = addEndpoint(QStringLiteral("/shop"), QStringLiteral("Shop orders"));
    const auto crm = addEndpoint(QStringLiteral("/crm"), QStringLiteral("CRM sync"));
    QString error;
    QVERIFY2(DeliveryLogSeeder::seed(m_engine->database(), {shop.endpoint.id, crm.endpoint.id},
                                     3000, m_clock->now().addSecs(-3 * 3600), 3600, &error),
             qPrintable(error));
    m_receiver->enqueueResponse({503, {}, QByteArrayLiteral("{\"error\":\"busy\"}")});
    emitContacts(2);
    QVERIFY(m_receiver->waitForCount(4, 15000));
    openLog();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->summary()->text().contains(QStringLiteral("%")), 10000);
    QTRY_VERIFY(m_page->table()->model()->rowCount() > 0);
    QSignalSpy loaded(m_page->details(), &DeliveryLogDetailsPane::loaded);
    QVERIFY(selectRowOfStatus(DeliveryLogEntry::Status::Retrying) >= 0);
    QVERIFY(loaded.wait(10000));
    QTest::qWait(200);
    QDir().mkpath(directory);
    QVERIFY(m_window->grab().save(QDir(directory).filePath(QStringLiteral("delivery-log.png"))));
    click(m_page->findChild<QToolButton *>(QStringLiteral("logFailedOnly")));
    QSignalSpy first(&m_page->model(), &Model::firstPageLoaded);
    QVERIFY(first.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->summary()->text().contains(QStringLiteral("0.0%")), 10000);
    QTest::qWait(200);
    QVERIFY(
        m_window->grab().save(QDir(directory).filePath(QStringLiteral("delivery-log-failed.png"))));
}

QTEST_MAIN(DeliveryLogPageTest)
#include "DeliveryLogPageTest.moc"
