#include "Database.h"

#include "Migrations.h"
#include "SqlError.h"
#include "StatementCache.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace botbat {

Database::Database(DatabaseConfig config)
    : m_config(std::move(config)),
      m_prefix(QStringLiteral("botbat-") + QUuid::createUuid().toString(QUuid::Id128).left(12)),
      m_context(std::make_unique<QObject>())
{
}

Database::~Database()
{
    m_context.reset();
    QList<QThread *> threads;
    {
        QMutexLocker lock(&m_mutex);
        threads = m_connections.keys();
    }
    for (QThread *thread : threads)
        removeConnection(thread);
}

bool Database::open(QString *error)
{
    if (isSqlite() && !checkSqliteFile(error))
        return false;
    QSqlDatabase db = connection(error);
    if (!db.isOpen())
        return false;
    if (!Migrations::apply(db, m_config.backend, error))
        return false;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'instance_id'")) ||
        !query.next()) {
        *error = QStringLiteral("The database has no instance id: ") + sqlErrorText(query);
        return false;
    }
    m_instanceId = query.value(0).toString();
    return true;
}

bool Database::checkSqliteFile(QString *error) const
{
    const QFileInfo info(m_config.sqlitePath);
    if (info.exists() && !info.isFile()) {
        *error = QStringLiteral("The database path %1 is not a file. Choose a file path with "
                                "--database or --data-dir.")
                     .arg(m_config.sqlitePath);
        return false;
    }
    if (info.exists() && !info.isReadable()) {
        *error = QStringLiteral("The database file %1 cannot be read (permission denied). Fix its "
                                "permissions or choose another file with --database.")
                     .arg(m_config.sqlitePath);
        return false;
    }
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("Cannot create the folder %1 for the database. Check the path and "
                                "its permissions, or choose another with --data-dir.")
                     .arg(info.absolutePath());
        return false;
    }
    return true;
}

QSqlDatabase Database::connection(QString *error)
{
    QThread *thread = QThread::currentThread();
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.value(thread);
        if (name.isEmpty()) {
            name = m_prefix + QLatin1Char('-') +
                   QString::number(reinterpret_cast<quintptr>(thread), 16);
            m_connections.insert(thread, name);
            // finished() is emitted from the finishing thread itself: the right place to close.
            QObject::connect(
                thread, &QThread::finished, m_context.get(),
                [this, thread] { removeConnection(thread); }, Qt::DirectConnection);
        }
    }
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    const QString driver =
        isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    // A connection that was lost is opened again; its old prepared statements are useless.
    StatementCache::forget(name);
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : QSqlDatabase::addDatabase(driver, name);
    QString reason;
    if (!openConnection(db, &reason) && error)
        *error = reason;
    return db;
}

bool Database::openConnection(QSqlDatabase &db, QString *error) const
{
    if (!db.isValid()) {
        *error = QStringLiteral("The Qt SQL driver for %1 is not installed (package %2).")
                     .arg(m_config.backendName(),
                          isSqlite() ? QStringLiteral("libqt6sql6-sqlite")
                                     : QStringLiteral("libqt6sql6-psql"));
        return false;
    }
    if (isSqlite()) {
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setDatabaseName(m_config.databaseName);
        db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=botbat-console"));
    }
    if (!db.open()) {
        *error = isSqlite()
                     ? QStringLiteral("Cannot open the database file %1: %2. Check the path and "
                                      "its permissions.")
                           .arg(m_config.sqlitePath, db.lastError().text())
                     : QStringLiteral("Cannot connect to PostgreSQL at %1: %2. Check that the "
                                      "server is running and the address given to --database.")
                           .arg(m_config.displayName(), db.lastError().text().trimmed());
        return false;
    }
    if (isSqlite())
        return prepareSqliteConnection(db, error);
    // PostgreSQL reports NOTICEs (e.g. "relation already exists, skipping") that Qt would print
    // as warnings; only warnings and errors matter here.
    QSqlQuery quiet(db);
    quiet.exec(QStringLiteral("SET client_min_messages = warning"));
    return true;
}

bool Database::prepareSqliteConnection(QSqlDatabase &db, QString *error) const
{
    QSqlQuery query(db);
    auto fail = [&](const QString &step) {
        const QString reason = query.lastError().text();
        const bool corrupt = reason.contains(QLatin1String("not a database")) ||
                             reason.contains(QLatin1String("malformed"));
        *error = corrupt ? QStringLiteral("The database file %1 is not a readable SQLite database "
                                          "(%2). It was left untouched. Restore it from a backup, "
                                          "or start with another file using --database.")
                               .arg(m_config.sqlitePath, reason)
                         : QStringLiteral("Cannot prepare the database file %1 (%2: %3). Check "
                                          "that no other program holds it locked.")
                               .arg(m_config.sqlitePath, step, reason);
        query.finish();
        db.close();
        return false;
    };
    // Reading the schema first tells a damaged or foreign file apart before anything writes.
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return fail(QStringLiteral("reading the schema"));
    query.finish();
    // WAL lets readers run beside the single writer; it is a property of the file, so only the
    // first connection switches it. Switching needs a moment alone with the file, and SQLite
    // does not apply the busy timeout to it: retry while another connection is starting too.
    for (int attempt = 0;; ++attempt) {
        if (!query.exec(QStringLiteral("PRAGMA journal_mode")) || !query.next())
            return fail(QStringLiteral("reading the journal mode"));
        if (query.value(0).toString() == QLatin1String("wal"))
            break;
        query.finish();
        if (query.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            continue;
        if (attempt >= 100)
            return fail(QStringLiteral("switching to WAL"));
        QThread::msleep(50);
    }
    query.finish();
    // NORMAL in WAL mode loses nothing when the process crashes, only on power loss.
    for (const QString &pragma :
         {QStringLiteral("PRAGMA synchronous=NORMAL"), QStringLiteral("PRAGMA foreign_keys=ON")}) {
        if (!query.exec(pragma))
            return fail(pragma);
    }
    return true;
}

void Database::closeThreadConnection()
{
    removeConnection(QThread::currentThread());
}

void Database::removeConnection(QThread *thread)
{
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.take(thread);
    }
    if (name.isEmpty() || !QSqlDatabase::contains(name))
        return;
    StatementCache::forget(name);
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

int Database::openConnectionCount() const
{
    QMutexLocker lock(&m_mutex);
    int count = 0;
    for (const QString &name : m_connections)
        count += QSqlDatabase::contains(name) ? 1 : 0;
    return count;
}

} // namespace botbat
