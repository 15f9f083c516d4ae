#pragma once

#include <QString>
#include <optional>

namespace botbat {

// Which database the engine uses. Parsed from --database:
//   (empty)                                   SQLite file in the data directory
//   sqlite:///abs/path/file.db | /path/file.db | relative.db
//   postgresql://user[:password]@host[:port]/dbname   (also postgres://)
struct DatabaseConfig
{
    enum class Backend { Sqlite, Postgres };

    Backend backend = Backend::Sqlite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password; // only from the URL; never logged or shown
    QString databaseName;

    static std::optional<DatabaseConfig> parse(const QString &spec, const QString &defaultSqlitePath,
                                               QString *error);

    QString backendName() const; // "SQLite" or "PostgreSQL"
    QString displayName() const; // where it is, without the password
    bool isSqlite() const { return backend == Backend::Sqlite; }
};

} // namespace botbat
