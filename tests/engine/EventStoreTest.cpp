#include "TestSupport.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "core/EventBus.h"
#include "storage/Database.h"
#include "storage/EventStore.h"
#include "storage/WriteTransaction.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

class EventStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void eventsAreAnnouncedOnlyAfterCommit();
    void rolledBackEventsLeaveNoTrace();
    void sincePagesInIdOrder();
    void eventsSurviveEngineRestart();
    void corruptDatabaseIsRefusedAndLeftUntouched();
    void directoryAsDatabaseIsRefused();
    void unreachablePostgresSaysWhatToCheck();
};

void EventStoreTest::eventsAreAnnouncedOnlyAfterCommit()
{
    QTemporaryDir dir;
    Engine engine(test::engineConfig(dir));
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    QSignalSpy spy(&engine.eventBus(), &EventBus::eventsPersisted);
    WriteTransaction tx(engine.database(), &engine.eventBus(), engine.clock());
    QVERIFY2(tx.begin(&error), qPrintable(error));
    const auto event = tx.recordEvent(EventType::ContactCreated,
                                      {{QStringLiteral("id"), 7}}, &error);
    QVERIFY2(event, qPrintable(error));
    QVERIFY(event->id > 0);
    QCOMPARE(spy.count(), 0); // not before commit
    QVERIFY2(tx.commit(&error), qPrintable(error));
    QCOMPARE(spy.count(), 1);
    const auto announced = spy.at(0).at(0).value<QList<Event>>();
    QCOMPARE(announced.size(), 1);
    QCOMPARE(announced.first().id, event->id);
    QCOMPARE(announced.first().type, EventType::ContactCreated);
}

void EventStoreTest::rolledBackEventsLeaveNoTrace()
{
    QTemporaryDir dir;
    Engine engine(test::engineConfig(dir));
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    QSignalSpy spy(&engine.eventBus(), &EventBus::eventsPersisted);
    {
        WriteTransaction tx(engine.database(), &engine.eventBus(), engine.clock());
        QVERIFY(tx.begin(&error));
        QVERIFY(tx.recordEvent(EventType::ContactUpdated, {}, &error));
        // no commit: the destructor rolls back
    }
    QCOMPARE(spy.count(), 0);
    QCOMPARE(EventStore(engine.database().connection()).lastId(), 0);
}

void EventStoreTest::sincePagesInIdOrder()
{
    QTemporaryDir dir;
    Engine engine(test::engineConfig(dir));
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    WriteTransaction tx(engine.database(), &engine.eventBus(), engine.clock());
    QVERIFY(tx.begin(&error));
    for (int i = 0; i < 25; ++i)
        QVERIFY(tx.recordEvent(EventType::MessageReceived, {{QStringLiteral("n"), i}}, &error));
    QVERIFY(tx.commit(&error));
    EventStore store(engine.database().connection());
    qint64 cursor = 0;
    int seen = 0;
    while (true) {
        const QList<Event> page = store.since(cursor, 10, &error);
        if (page.isEmpty())
            break;
        for (const Event &event : page) {
            QVERIFY(event.id > cursor);
            QCOMPARE(event.data.value(QStringLiteral("n")).toInt(), seen++);
            cursor = event.id;
        }
    }
    QCOMPARE(seen, 25);
}

void EventStoreTest::eventsSurviveEngineRestart()
{
    QTemporaryDir dir;
    const QDateTime at = QDateTime::fromString(QStringLiteral("2026-03-01T10:00:00.123Z"), Qt::ISODateWithMs);
    qint64 id = 0;
    {
        EngineConfig config = test::engineConfig(dir);
        config.clock = std::make_shared<ManualClock>(at);
        Engine engine(config);
        QString error;
        QVERIFY2(engine.start(&error), qPrintable(error));
        WriteTransaction tx(engine.database(), &engine.eventBus(), engine.clock());
        QVERIFY(tx.begin(&error));
        const auto event = tx.recordEvent(EventType::CampaignCompleted,
                                          {{QStringLiteral("name"), QStringLiteral("Spring")}}, &error);
        QVERIFY(event);
        id = event->id;
        QVERIFY(tx.commit(&error));
    }
    Engine again(test::engineConfig(dir));
    QString error;
    QVERIFY2(again.start(&error), qPrintable(error));
    const QList<Event> events = EventStore(again.database().connection()).since(0, 100, &error);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().id, id);
    QCOMPARE(events.first().type, EventType::CampaignCompleted);
    QCOMPARE(events.first().occurredAt, at);
    QCOMPARE(events.first().data.value(QStringLiteral("name")).toString(), QStringLiteral("Spring"));
}

void EventStoreTest::corruptDatabaseIsRefusedAndLeftUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("botbat.db"));
    QByteArray garbage;
    for (int i = 0; i < 8192; ++i)
        garbage.append(static_cast<char>((i * 131 + 7) % 251));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
    }
    Engine engine(test::engineConfig(dir));
    QString error;
    QVERIFY(!engine.start(&error));
    QVERIFY2(error.contains(QStringLiteral("not a readable SQLite database")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("untouched")), qPrintable(error));
    QCOMPARE(engine.status().state, EngineState::Failed);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), garbage);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) ||
            QFileInfo(path + QStringLiteral("-wal")).size() == 0);
}

void EventStoreTest::directoryAsDatabaseIsRefused()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("botbat.db")));
    Engine engine(test::engineConfig(dir));
    QString error;
    QVERIFY(!engine.start(&error));
    QVERIFY2(error.contains(QStringLiteral("is not a file")), qPrintable(error));
}

void EventStoreTest::unreachablePostgresSaysWhatToCheck()
{
    QTcpServer probe; // find a port nobody listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QTemporaryDir dir;
    EngineConfig config = test::engineConfig(dir);
    config.databaseSpec = QStringLiteral("postgresql://botbat:sekrit-pw@127.0.0.1:%1/botbat").arg(port);
    Engine engine(config);
    QString error;
    QVERIFY(!engine.start(&error));
    QVERIFY2(error.contains(QStringLiteral("Cannot connect to PostgreSQL")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("--database")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("sekrit-pw")), qPrintable(error)); // never the password
}

QTEST_GUILESS_MAIN(EventStoreTest)
#include "EventStoreTest.moc"
