#pragma once

#include "ApiKey.h"
#include "AuditEntry.h"

#include <QHash>
#include <optional>

namespace botbat {

class Clock;
class Database;
class IntegrationRegistry;

// API keys in the database: created, listed, rotated, revoked, with every lifecycle change in
// the audit log in the same transaction. The key text exists only in the return value of
// create()/rotate(); the database keeps its SHA-256 and display prefix. Callable from any
// thread (uses that thread's connection), so the console, the CLI and the HTTP thread share it.
class ApiKeyStore
{
public:
    struct Created
    {
        ApiKey key;
        QString token; // the full key: show once, then forget
    };
    struct Credential
    {
        ApiKey key;
        QByteArray hash;
    };

    static constexpr qint64 kDefaultOverlapMs = 24LL * 60 * 60 * 1000;
    static constexpr int kMaxNameLength = 100;

    // registry (optional) gets one Overview entry per key, kept in step with its state.
    ApiKeyStore(Database &database, const Clock &clock, IntegrationRegistry *registry = nullptr);

    std::optional<Created> create(const QString &name, const QStringList &scopes,
                                  const QDateTime &expiresAt, const QString &actor,
                                  QString *error);
    // A new key with the same name and scopes; the old one keeps working for overlapMs, then
    // expires. A key that had a lifetime passes the same lifetime on to its successor.
    std::optional<Created> rotate(qint64 id, qint64 overlapMs, const QString &actor,
                                  QString *error);
    // Immediate and final. Revoking a revoked key is an error that says so.
    std::optional<ApiKey> revoke(qint64 id, const QString &actor, QString *error);

    std::optional<ApiKey> get(qint64 id, QString *error = nullptr);
    QList<ApiKey> list(QString *error = nullptr);
    // Finds a key by its id, or by its display prefix (bbk_xxxxxxxx), or by its unique name.
    std::optional<ApiKey> find(const QString &idPrefixOrName, QString *error);

    // A number that changes whenever another connection commits to the database, or -1 when
    // the backend cannot tell (PostgreSQL): lets a reader cache key rows safely.
    qint64 changeCounter();
    // For authentication: the rows whose display prefix matches (normally one).
    QList<Credential> candidates(const QString &prefix, QString *error = nullptr);
    // Batched "last used" times (key id -> ms since epoch); never moves a time backwards.
    bool storeLastUsed(const QHash<qint64, qint64> &lastUsed, QString *error = nullptr);
    // Writes key.expired to the audit log once for each key whose expiry has passed.
    QList<ApiKey> auditNewlyExpired(QString *error = nullptr);
    bool recordAuthFailure(const QString &clientAddress, const QString &keyPrefix,
                           const QString &reason, QString *error = nullptr);
    QList<AuditEntry> audit(int limit, qint64 beforeId = 0, QString *error = nullptr);

private:
    std::optional<Created> insert(const QString &name, const QStringList &scopes,
                                  const QDateTime &expiresAt, qint64 rotatedFrom,
                                  const QString &actor, const QString &detail,
                                  class WriteTransaction &tx, QString *error);

    void registerIntegration(const ApiKey &key);
    void markInactive(qint64 keyId, const QString &reason);

    Database &m_database;
    const Clock &m_clock;
    IntegrationRegistry *m_registry;
};

} // namespace botbat
