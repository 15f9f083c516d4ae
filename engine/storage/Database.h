#pragma once

#include "DatabaseConfig.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <memory>

class QThread;

namespace botbat {

// Owns the engine's database: one QSqlDatabase connection per thread, opened on first use in
// that thread and closed when the thread finishes (or by closeThreadConnection()).
class Database
{
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the database, refuses files that are not readable SQLite databases (they are left
    // untouched), applies pending migrations and reads the instance id. Call once, before use.
    bool open(QString *error);

    // The calling thread's connection; opened on demand. If opening fails, the returned
    // connection is not open and *error (if given) says why.
    QSqlDatabase connection(QString *error = nullptr);
    void closeThreadConnection();
    int openConnectionCount() const;

    const DatabaseConfig &config() const { return m_config; }
    bool isSqlite() const { return m_config.isSqlite(); }
    QString instanceId() const { return m_instanceId; }
    // SQLite has one writer at a time, and a writer that finds the file locked sleeps in
    // SQLite's busy handler (1, 2, 5, 10... ms) instead of waking when it is free. Writers of
    // this process queue on this mutex instead (WriteTransaction takes it), so the turn passes
    // at once; other processes still meet the busy timeout.
    QMutex &sqliteWriter() { return m_sqliteWriter; }

private:
    bool openConnection(QSqlDatabase &db, QString *error) const;
    bool prepareSqliteConnection(QSqlDatabase &db, QString *error) const;
    bool checkSqliteFile(QString *error) const;
    void removeConnection(QThread *thread);

    DatabaseConfig m_config;
    QString m_prefix;
    QString m_instanceId;
    mutable QMutex m_mutex;
    QMutex m_sqliteWriter;
    QHash<QThread *, QString> m_connections;
    std::unique_ptr<QObject> m_context; // scopes the thread-finished connections to our lifetime
};

} // namespace botbat
