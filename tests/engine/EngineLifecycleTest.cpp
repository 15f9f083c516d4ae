#include "TestSupport.h"
#include "core/Engine.h"
#include "storage/Database.h"

#include <QSqlDatabase>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

class EngineLifecycleTest : public QObject
{
    Q_OBJECT
private slots:
    void startsServicesInNamedThreadsAndStopsThemAll();
    void healthzReportsState();
    void unknownPathIsJson404();
    void wrongMethodIs405WithAllow();
    void busyPortFailsWithClearError();
    void restartsOnTheSameData();
};

void EngineLifecycleTest::startsServicesInNamedThreadsAndStopsThemAll()
{
    QTemporaryDir dir;
    QVERIFY(test::threadNames().isEmpty());
    {
        Engine engine(test::engineConfig(dir));
        QSignalSpy states(&engine, &Engine::statusChanged);
        QString error;
        QVERIFY2(engine.start(&error), qPrintable(error));
        QCOMPARE(engine.status().state, EngineState::Running);
        QVERIFY(engine.httpPort() > 0);
        const QStringList running = test::threadNames();
        for (const QString &name : engine.serviceThreadNames())
            QVERIFY2(running.contains(name), qPrintable(name + QStringLiteral(" not running")));
        QVERIFY(running.contains(QStringLiteral("botbat-http-1")));
        QVERIFY(running.contains(QStringLiteral("botbat-http-2"))); // EngineConfig::httpThreads
        QVERIFY(engine.database().openConnectionCount() >= 2); // main + service threads
        engine.stop();
        QCOMPARE(engine.status().state, EngineState::Stopped);
        QCOMPARE(states.count() >= 3, true); // starting, running, stopping, stopped
    }
    QTRY_VERIFY_WITH_TIMEOUT(test::threadNames().isEmpty(), 2000);
    QCOMPARE(QSqlDatabase::connectionNames(), QStringList());
}

void EngineLifecycleTest::healthzReportsState()
{
    QTemporaryDir dir;
    Engine engine(test::engineConfig(dir));
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    const auto result = test::httpRequest(
        "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(engine.httpPort())));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("Content-Type"), QByteArrayLiteral("application/json"));
    const QJsonObject body = result.json();
    QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(body.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    const QJsonObject database = body.value(QStringLiteral("database")).toObject();
    QCOMPARE(database.value(QStringLiteral("backend")).toString(), QStringLiteral("SQLite"));
    QCOMPARE(database.value(QStringLiteral("reachable")).toBool(), true);
    QVERIFY(database.value(QStringLiteral("schema_version")).toInt() >= 1);
    QVERIFY(!result.body.contains(dir.path().toUtf8())); // no paths leak to the network
}

void EngineLifecycleTest::unknownPathIsJson404()
{
    QTemporaryDir dir;
    Engine engine(test::engineConfig(dir));
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    const auto result = test::httpRequest(
        "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/nope").arg(engine.httpPort())));
    QCOMPARE(result.status, 404);
    const QJsonObject error404 = result.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error404.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    QVERIFY(!error404.value(QStringLiteral("message")).toString().isEmpty());
}

void EngineLifecycleTest::wrongMethodIs405WithAllow()
{
    QTemporaryDir dir;
    Engine engine(test::engineConfig(dir));
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    const auto result =
        test::httpRequest("DELETE", QUrl(QStringLiteral("http://127.0.0.1:%1/healthz")
                                             .arg(engine.httpPort())));
    QCOMPARE(result.status, 405);
    QCOMPARE(result.header("Allow"), QByteArrayLiteral("GET"));
    QCOMPARE(result.json()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             QStringLiteral("method_not_allowed"));
}

void EngineLifecycleTest::busyPortFailsWithClearError()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    EngineConfig config = test::engineConfig(dir);
    config.httpPort = squatter.serverPort();
    Engine engine(config);
    QString error;
    QVERIFY(!engine.start(&error));
    QVERIFY2(error.contains(QStringLiteral("--port")), qPrintable(error));
    QCOMPARE(engine.status().state, EngineState::Failed);
    QTRY_VERIFY_WITH_TIMEOUT(test::threadNames().isEmpty(), 2000);
    QCOMPARE(QSqlDatabase::connectionNames(), QStringList());
}

void EngineLifecycleTest::restartsOnTheSameData()
{
    QTemporaryDir dir;
    Engine engine(test::engineConfig(dir));
    QString error;
    for (int round = 0; round < 3; ++round) {
        QVERIFY2(engine.start(&error), qPrintable(error));
        engine.stop();
    }
    // wait() returns when the thread's work is done; the kernel task goes a moment later.
    QTRY_VERIFY2_WITH_TIMEOUT(test::threadNames().isEmpty(),
                              qPrintable(test::threadNames().join(QLatin1Char(','))), 2000);
}

QTEST_GUILESS_MAIN(EngineLifecycleTest)
#include "EngineLifecycleTest.moc"
