#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace botbat {

// One line of the audit log: API key lifecycle and failed authentication. Holds at most a key's
// display prefix, never a key.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString action; // key.created, key.rotated, key.revoked, key.expired, auth.failed
    qint64 keyId = 0;
    QString keyPrefix;
    QString keyName;
    QString clientAddress;
    QString actor; // "console", "cli", "api"
    QString detail;

    static inline const QString KeyCreated = QStringLiteral("key.created");
    static inline const QString KeyRotated = QStringLiteral("key.rotated");
    static inline const QString KeyRevoked = QStringLiteral("key.revoked");
    static inline const QString KeyExpired = QStringLiteral("key.expired");
    static inline const QString AuthFailed = QStringLiteral("auth.failed");
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::AuditEntry)
