#pragma once

#include "DatabaseConfig.h"

#include <QSqlDatabase>
#include <QString>

namespace botbat {

// Versioned schema changes, applied in order at start. Each version runs in its own
// transaction and is recorded in schema_migrations, so applying twice changes nothing.
// Several engines starting at once on one PostgreSQL database serialize on an advisory lock.
class Migrations
{
public:
    static bool apply(QSqlDatabase &db, DatabaseConfig::Backend backend, QString *error);
    static int latestVersion();
    static int currentVersion(QSqlDatabase &db); // 0 when none applied
};

} // namespace botbat
