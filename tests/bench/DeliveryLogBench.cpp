// The Delivery Log on a log of ATTEMPTS attempts (default 1,000,000), offscreen, on a real engine
// with SQLite: time from showing the tab to the first rows painted; time to apply each filter
// (status, endpoint, text) to its first page; resident memory growth after scrolling through
// every row; and the GUI event loop's longest stall while 1,000 new attempts per second arrive
// live. Prints figures; it does not pass or fail.
//   bench_delivery_log [ATTEMPTS]
#include "DeliveryLogSeeder.h"
#include "TestSupport.h"
#include "core/Engine.h"
#include "core/Event.h"
#include "models/DeliveryLogModel.h"
#include "storage/Database.h"
#include "ui/DeliveryLogFilterBar.h"
#include "ui/DeliveryLogPage.h"
#include "webhooks/WebhookStore.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <algorithm>
#include <atomic>
#include <cstdio>

using namespace botbat;
using namespace botbat::test;

namespace {

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

// Waits for the model's next first page, then for the table to have painted it; the time since
// start.
qint64 firstRows(DeliveryLogPage &page, const QElapsedTimer &since, int timeoutMs = 60000)
{
    QSignalSpy first(&page.model(), &DeliveryLogModel::firstPageLoaded);
    if (first.isEmpty() && !first.wait(timeoutMs))
        return -1;
    page.table()->viewport()->repaint();
    return since.elapsed();
}

// Measures the longest gap between 1 ms timer ticks while fn runs the event loop for ms.
qint64 longestStall(int ms)
{
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 worst = 0;
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worst = std::max(worst, now - last);
        last = now;
    });
    tick.start();
    while (clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return worst;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int attempts = argc > 1 ? std::max(1000, atoi(argv[1])) : 1000000;
    QTemporaryDir dir;
    EngineConfig config = engineConfig(dir);
    Engine engine(config);
    QString error;
    if (!engine.start(&error)) {
        std::fprintf(stderr, "engine: %s\n", qPrintable(error));
        return 1;
    }
    QList<qint64> endpoints;
    for (int i = 0; i < 10; ++i) {
        WebhookEndpointInput input;
        // Never reached: the seeded deliveries are never due.
        input.url = QStringLiteral("https://receiver-%1.invalid/hook").arg(i);
        input.events = QStringList{EventType::ContactCreated};
        endpoints.append(engine.webhooks().create(input).value().endpoint.id);
    }
    QElapsedTimer seeding;
    seeding.start();
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-attempts);
    if (!DeliveryLogSeeder::seed(engine.database(), endpoints, attempts, start, 1000, &error)) {
        std::fprintf(stderr, "seed: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("seeded %d attempts over %d endpoints in %.1f s\n", attempts, int(endpoints.size()),
                seeding.elapsed() / 1000.0);
    const qint64 rssBefore = residentKiB();

    DeliveryLogPage page(engine);
    page.resize(1400, 860);
    QElapsedTimer since;
    since.start();
    page.show();
    const qint64 open = firstRows(page, since);
    std::printf("open the tab -> first rows shown: %lld ms (target < 500)\n", (long long)open);

    auto measure = [&](const char *name, const std::function<void()> &apply) {
        QCoreApplication::processEvents();
        QSignalSpy first(&page.model(), &DeliveryLogModel::firstPageLoaded);
        QElapsedTimer timer;
        timer.start();
        apply();
        if (first.isEmpty() && !first.wait(60000)) {
            std::printf("filter %-34s: no answer within 60 s\n", name);
            return;
        }
        page.table()->viewport()->repaint();
        std::printf("filter %-34s: %5lld ms to the first page, %d rows shown (target < 300)\n",
                    name, (long long)timer.elapsed(), page.table()->model()->rowCount());
    };
    auto *failedOnly = page.findChild<QToolButton *>(QStringLiteral("logFailedOnly"));
    auto *endpoint = page.findChild<QComboBox *>(QStringLiteral("logEndpointFilter"));
    auto *search = page.findChild<QLineEdit *>(QStringLiteral("logSearch"));
    QTest::qWait(500); // the endpoint list
    measure("status: failed only", [&] { failedOnly->click(); });
    measure("status off, endpoint #9", [&] {
        failedOnly->click();
        endpoint->setCurrentIndex(endpoint->findData(endpoints.at(9)));
    });
    measure("endpoint #9 + failed only", [&] { failedOnly->click(); });
    measure("text \"order-4242\" (all endpoints)", [&] {
        failedOnly->click();
        endpoint->setCurrentIndex(0);
        QCoreApplication::processEvents();
        search->setText(QStringLiteral("order-4242"));
        emit search->returnPressed();
    });
    measure("text \"timeout\" (common)", [&] {
        search->setText(QStringLiteral("timeout"));
        emit search->returnPressed();
    });
    measure("clear filters",
            [&] { page.findChild<QToolButton *>(QStringLiteral("logClearFilters"))->click(); });

    // Scroll through every row as a person dragging to the bottom would: the view fetches more.
    QElapsedTimer scrolling;
    scrolling.start();
    QTableView *table = page.table();
    qint64 peak = residentKiB();
    while (page.model().canFetchMore({}) || page.model().isLoading()) {
        table->scrollToBottom();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        peak = std::max(peak, residentKiB());
    }
    table->scrollToBottom();
    QCoreApplication::processEvents();
    // And back up through the middle, where rows were given up and are read again.
    for (int i = 0; i <= 20; ++i) {
        table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum() * (20 - i) / 20);
        QTest::qWait(20);
        peak = std::max(peak, residentKiB());
    }
    const qint64 rssAfter = residentKiB();
    std::printf("scrolled through %d rows in %.1f s: resident %lld MiB before opening, %lld MiB "
                "after, peak %lld MiB: growth %lld MiB (target < 150); %d rows held in memory\n",
                table->model()->rowCount(), scrolling.elapsed() / 1000.0,
                (long long)rssBefore / 1024, (long long)rssAfter / 1024, (long long)peak / 1024,
                (long long)(std::max(rssAfter, peak) - rssBefore) / 1024,
                page.model().loadedRowCount());

    // Live: 1,000 attempts per second written by another thread (as the dispatcher's recorder
    // does) and announced; the GUI thread's longest stall meanwhile.
    table->scrollToTop();
    QCoreApplication::processEvents();
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    QThread *writer = QThread::create([&] {
        QElapsedTimer clock;
        clock.start();
        int next = attempts;
        while (!stop) {
            QString failure;
            if (!DeliveryLogSeeder::seed(engine.database(), endpoints, 100, start, 1000, &failure,
                                         next)) {
                std::fprintf(stderr, "live seed: %s\n", qPrintable(failure));
                return;
            }
            next += 100;
            written += 100;
            QMetaObject::invokeMethod(&engine,
                                      [&engine] { emit engine.webhookAttemptsRecorded({}); });
            // 1,000 per second: the n-th attempt is due n ms after the start.
            const qint64 wait = qint64(written) - clock.elapsed();
            if (wait > 0)
                QThread::msleep(wait);
        }
        engine.database().closeThreadConnection();
    });
    const int before = table->model()->rowCount();
    writer->start();
    const qint64 stall = longestStall(10000);
    stop = true;
    writer->wait();
    delete writer;
    QTest::qWait(500);
    std::printf("live at 1,000 attempts/s for 10 s: %d written, %d shown on top, longest GUI "
                "event-loop stall %lld ms (target < 50)\n",
                written.load(), table->model()->rowCount() - before, (long long)stall);
    page.hide();
    return 0;
}
