#pragma once

#include "AuditEntry.h"

#include <QList>
#include <QSqlDatabase>

namespace botbat {

// Appends to and reads the audit_log table on a given connection (so an entry can join the
// transaction of the change it records).
class AuditLog
{
public:
    explicit AuditLog(QSqlDatabase db) : m_db(std::move(db)) {}

    bool append(const AuditEntry &entry, QString *error);
    // Newest first; beforeId 0 starts at the newest.
    QList<AuditEntry> recent(int limit, qint64 beforeId = 0, QString *error = nullptr);

private:
    QSqlDatabase m_db;
};

} // namespace botbat
