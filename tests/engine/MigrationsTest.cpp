#include "TestSupport.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace botbat;

// Runs every case on SQLite and on the real PostgreSQL the test command starts.
class MigrationsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void appliesAllVersionsOnce_data();
    void appliesAllVersionsOnce();
    void concurrentStartersApplyOnce_data();
    void concurrentStartersApplyOnce();
    void refusesNewerSchema_data();
    void refusesNewerSchema();
    void sqliteUsesWal();

private:
    void backends();
    QString freshSpec(const QString &backend);

    QTemporaryDir m_dir;
    QStringList m_pgDatabases;
};

void MigrationsTest::initTestCase()
{
    QVERIFY2(!test::postgresUrl().isEmpty(),
             "BOTBAT_TEST_PG_URL is not set: run through ctest, which starts PostgreSQL");
}

void MigrationsTest::cleanupTestCase()
{
    for (const QString &url : std::as_const(m_pgDatabases))
        test::dropPostgresDatabase(url);
}

void MigrationsTest::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString MigrationsTest::freshSpec(const QString &backend)
{
    if (backend == QLatin1String("sqlite"))
        return m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".db"));
    QString error;
    const QString url = test::createPostgresDatabase(&error);
    if (url.isEmpty())
        qFatal("Cannot create a PostgreSQL test database: %s", qPrintable(error));
    m_pgDatabases.append(url);
    return url;
}

static std::unique_ptr<Database> openDatabase(const QString &spec, QString *error)
{
    const auto config = DatabaseConfig::parse(spec, {}, error);
    if (!config)
        return nullptr;
    auto database = std::make_unique<Database>(*config);
    if (!database->open(error))
        return nullptr;
    return database;
}

static QStringList tables(QSqlDatabase db)
{
    QStringList names = db.tables();
    names.sort();
    return names;
}

void MigrationsTest::appliesAllVersionsOnce_data()
{
    backends();
}

void MigrationsTest::appliesAllVersionsOnce()
{
    QFETCH(QString, backend);
    const QString spec = freshSpec(backend);
    QString error;
    QString instanceId;
    QStringList firstTables;
    {
        auto database = openDatabase(spec, &error);
        QVERIFY2(database, qPrintable(error));
        QSqlDatabase db = database->connection();
        QCOMPARE(Migrations::currentVersion(db), Migrations::latestVersion());
        firstTables = tables(db);
        for (const char *table : {"schema_migrations", "meta", "events", "contacts",
                                  "conversations", "messages", "campaigns", "integrations"})
            QVERIFY2(firstTables.contains(QLatin1String(table)), table);
        instanceId = database->instanceId();
        QVERIFY(!instanceId.isEmpty());
        database->closeThreadConnection();
    }
    // Second start: nothing re-applied, the same instance id, no duplicate version rows.
    auto database = openDatabase(spec, &error);
    QVERIFY2(database, qPrintable(error));
    QSqlDatabase db = database->connection();
    QCOMPARE(database->instanceId(), instanceId);
    QCOMPARE(tables(db), firstTables);
    QSqlQuery count(db);
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations")));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toInt(), Migrations::latestVersion());
    QCOMPARE(count.value(1).toInt(), Migrations::latestVersion());
    QVERIFY(Migrations::apply(db, database->config().backend, &error));
    QCOMPARE(Migrations::currentVersion(db), Migrations::latestVersion());
    database->closeThreadConnection();
}

void MigrationsTest::concurrentStartersApplyOnce_data()
{
    backends();
}

void MigrationsTest::concurrentStartersApplyOnce()
{
    QFETCH(QString, backend);
    const QString spec = freshSpec(backend);
    constexpr int kStarters = 4;
    QList<QThread *> threads;
    QStringList errors;
    QMutex mutex;
    for (int i = 0; i < kStarters; ++i) {
        threads.append(QThread::create([&] {
            QString error;
            auto database = openDatabase(spec, &error);
            if (database)
                database->closeThreadConnection();
            else {
                QMutexLocker lock(&mutex);
                errors.append(error);
            }
        }));
    }
    for (QThread *thread : threads)
        thread->start();
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(30000));
        delete thread;
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QString error;
    auto database = openDatabase(spec, &error);
    QVERIFY2(database, qPrintable(error));
    QSqlQuery count(database->connection());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM meta WHERE key = 'instance_id'")));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toInt(), 1);
    count.finish();
    database->closeThreadConnection();
}

void MigrationsTest::refusesNewerSchema_data()
{
    backends();
}

void MigrationsTest::refusesNewerSchema()
{
    QFETCH(QString, backend);
    const QString spec = freshSpec(backend);
    QString error;
    {
        auto database = openDatabase(spec, &error);
        QVERIFY2(database, qPrintable(error));
        QSqlQuery insert(database->connection());
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)")));
        insert.finish();
        database->closeThreadConnection();
    }
    auto database = openDatabase(spec, &error);
    QVERIFY(!database);
    QVERIFY2(error.contains(QStringLiteral("newer")) && error.contains(QStringLiteral("Upgrade")),
             qPrintable(error));
}

void MigrationsTest::sqliteUsesWal()
{
    QString error;
    auto database = openDatabase(freshSpec(QStringLiteral("sqlite")), &error);
    QVERIFY2(database, qPrintable(error));
    QSqlQuery mode(database->connection());
    QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")));
    QVERIFY(mode.next());
    QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
    mode.finish();
    database->closeThreadConnection();
}

QTEST_GUILESS_MAIN(MigrationsTest)
#include "MigrationsTest.moc"
