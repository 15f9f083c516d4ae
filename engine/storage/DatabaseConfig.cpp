#include "DatabaseConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace botbat {

std::optional<DatabaseConfig> DatabaseConfig::parse(const QString &spec,
                                                    const QString &defaultSqlitePath, QString *error)
{
    DatabaseConfig config;
    const QString trimmed = spec.trimmed();
    if (trimmed.isEmpty()) {
        config.sqlitePath = defaultSqlitePath;
        return config;
    }
    if (trimmed.startsWith(QLatin1String("postgresql://")) ||
        trimmed.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(trimmed, QUrl::StrictMode);
        const QString name = url.path().mid(1);
        if (!url.isValid() || url.host().isEmpty() || name.isEmpty() || name.contains(QLatin1Char('/'))) {
            *error = QStringLiteral("The PostgreSQL address is not valid. Use "
                                    "postgresql://user@host:port/dbname, for example "
                                    "postgresql://botbat@127.0.0.1:5432/botbat.");
            return std::nullopt;
        }
        config.backend = Backend::Postgres;
        config.host = url.host();
        config.port = url.port(5432);
        config.user = url.userName();
        config.password = url.password();
        config.databaseName = name;
        return config;
    }
    QString path = trimmed;
    if (path.startsWith(QLatin1String("sqlite://")))
        path = QUrl(path).path();
    else if (path.contains(QLatin1String("://"))) {
        *error = QStringLiteral("Unknown database scheme in \"%1\". Use a SQLite file path or "
                                "postgresql://user@host:port/dbname.")
                     .arg(trimmed.section(QLatin1String("://"), 0, 0));
        return std::nullopt;
    }
    if (path.isEmpty()) {
        *error = QStringLiteral("The SQLite database path is empty.");
        return std::nullopt;
    }
    config.sqlitePath = QFileInfo(path).absoluteFilePath();
    return config;
}

QString DatabaseConfig::backendName() const
{
    return isSqlite() ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
}

QString DatabaseConfig::displayName() const
{
    if (isSqlite())
        return QDir::toNativeSeparators(sqlitePath);
    const QString who = user.isEmpty() ? QString() : user + QLatin1Char('@');
    return who + host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + databaseName;
}

} // namespace botbat
