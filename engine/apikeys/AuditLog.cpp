#include "AuditLog.h"

#include "storage/SqlError.h"

#include <QSqlQuery>

namespace botbat {

bool AuditLog::append(const AuditEntry &entry, QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO audit_log (at, action, key_id, key_prefix, key_name, client_address, actor, "
        "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(entry.at.toMSecsSinceEpoch());
    query.addBindValue(entry.action);
    query.addBindValue(entry.keyId ? QVariant(entry.keyId) : QVariant(QMetaType(QMetaType::LongLong)));
    query.addBindValue(notNull(entry.keyPrefix));
    query.addBindValue(notNull(entry.keyName));
    query.addBindValue(notNull(entry.clientAddress));
    query.addBindValue(notNull(entry.actor));
    query.addBindValue(notNull(entry.detail));
    if (!query.exec()) {
        *error = QStringLiteral("Cannot write the audit log: ") + sqlErrorText(query);
        return false;
    }
    return true;
}

QList<AuditEntry> AuditLog::recent(int limit, qint64 beforeId, QString *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT id, at, action, key_id, key_prefix, key_name, client_address, actor, detail "
        "FROM audit_log WHERE (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?"));
    query.addBindValue(beforeId);
    query.addBindValue(beforeId);
    query.addBindValue(limit);
    QList<AuditEntry> entries;
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the audit log: ") + sqlErrorText(query);
        return entries;
    }
    while (query.next()) {
        AuditEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.at = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
        entry.action = query.value(2).toString();
        entry.keyId = query.value(3).toLongLong();
        entry.keyPrefix = query.value(4).toString();
        entry.keyName = query.value(5).toString();
        entry.clientAddress = query.value(6).toString();
        entry.actor = query.value(7).toString();
        entry.detail = query.value(8).toString();
        entries.append(entry);
    }
    return entries;
}

} // namespace botbat
