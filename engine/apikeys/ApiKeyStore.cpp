#include "ApiKeyStore.h"

#include "ApiKeyScopes.h"
#include "ApiKeyToken.h"
#include "AuditLog.h"
#include "core/Clock.h"
#include "integrations/IntegrationRegistry.h"
#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/SqlRows.h"
#include "storage/SqlTime.h"
#include "storage/StatementCache.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace botbat {

namespace {

const QString kColumns = QStringLiteral(
    "id, name, prefix, scopes, created_at, expires_at, revoked_at, last_used_at, rotated_from, "
    "key_hash");

ApiKey fromRow(const QSqlQuery &query)
{
    ApiKey key;
    key.id = query.value(0).toLongLong();
    key.name = query.value(1).toString();
    key.prefix = query.value(2).toString();
    key.scopes = query.value(3).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    key.createdAt = timeFromSql(query.value(4));
    key.expiresAt = timeFromSql(query.value(5));
    key.revokedAt = timeFromSql(query.value(6));
    key.lastUsedAt = timeFromSql(query.value(7));
    key.rotatedFrom = query.value(8).toLongLong();
    return key;
}

AuditEntry entryFor(const ApiKey &key, const QString &action, const QDateTime &at,
                    const QString &actor, const QString &detail)
{
    AuditEntry entry;
    entry.at = at;
    entry.action = action;
    entry.keyId = key.id;
    entry.keyPrefix = key.prefix;
    entry.keyName = key.name;
    entry.actor = actor;
    entry.detail = detail;
    return entry;
}

} // namespace

ApiKeyStore::ApiKeyStore(Database &database, const Clock &clock, IntegrationRegistry *registry)
    : m_database(database), m_clock(clock), m_registry(registry)
{}

void ApiKeyStore::registerIntegration(const ApiKey &key)
{
    if (!m_registry)
        return;
    IntegrationSummary entry;
    entry.category = IntegrationSummary::Category::ApiKey;
    entry.kind = QStringLiteral("bearer");
    entry.name = key.name;
    entry.status = IntegrationSummary::Status::Connected;
    entry.detail =
        QStringLiteral("%1… · %2").arg(key.prefix, key.scopes.join(QStringLiteral(", ")));
    QString error;
    const auto stored = m_registry->add(entry, &error);
    if (!stored) {
        qWarning("Could not list key %s on the Overview: %s", qPrintable(key.prefix),
                 qPrintable(error));
        return;
    }
    // After the key's own commit, so the Overview never shows a key that was rolled back.
    WriteTransaction tx(m_database, nullptr, m_clock);
    QSqlQuery link;
    if (tx.begin(&error)) {
        link = QSqlQuery(tx.db());
        link.prepare(QStringLiteral("UPDATE api_keys SET integration_id = ? WHERE id = ?"));
        link.addBindValue(stored->id);
        link.addBindValue(key.id);
    }
    if (!link.exec() || !tx.commit(&error))
        qWarning("Could not link key %s to its Overview entry: %s", qPrintable(key.prefix),
                 qPrintable(error.isEmpty() ? sqlErrorText(link) : error));
}

void ApiKeyStore::markInactive(qint64 keyId, const QString &reason)
{
    if (!m_registry)
        return;
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT integration_id FROM api_keys WHERE id = ?"));
    query.addBindValue(keyId);
    if (query.exec() && query.next() && !query.value(0).isNull())
        m_registry->setInactive(query.value(0).toLongLong(), reason);
}

std::optional<ApiKeyStore::Created> ApiKeyStore::create(const QString &name,
                                                        const QStringList &scopes,
                                                        const QDateTime &expiresAt,
                                                        const QString &actor, QString *error)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxNameLength) {
        *error = QStringLiteral("Give the key a name of 1 to %1 characters, e.g. the app or "
                                "script that will use it.")
                     .arg(kMaxNameLength);
        return std::nullopt;
    }
    QString scopeError;
    const auto parsedScopes = ApiKeyScopes::parse(scopes.join(QLatin1Char(' ')), &scopeError);
    if (!parsedScopes) {
        *error = scopeError;
        return std::nullopt;
    }
    if (expiresAt.isValid() && expiresAt <= m_clock.now()) {
        *error = QStringLiteral("The expiry date is in the past; choose a later date or none.");
        return std::nullopt;
    }
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return std::nullopt;
    auto created = insert(trimmed, *parsedScopes, expiresAt, 0, actor, {}, tx, error);
    if (!created || !tx.commit(error))
        return std::nullopt;
    registerIntegration(created->key);
    return created;
}

std::optional<ApiKeyStore::Created>
ApiKeyStore::insert(const QString &name, const QStringList &scopes, const QDateTime &expiresAt,
                    qint64 rotatedFrom, const QString &actor, const QString &detail,
                    WriteTransaction &tx, QString *error)
{
    QStringList sorted = scopes;
    sorted.sort();
    sorted.removeDuplicates();
    Created created;
    created.token = ApiKeyToken::generate();
    ApiKey &key = created.key;
    key.name = name;
    key.prefix = ApiKeyToken::prefixOf(created.token);
    key.scopes = sorted;
    key.createdAt = m_clock.now();
    key.expiresAt = expiresAt;
    key.rotatedFrom = rotatedFrom;

    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral(
        "INSERT INTO api_keys (name, prefix, key_hash, scopes, created_at, expires_at, "
        "rotated_from) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query.addBindValue(key.name);
    query.addBindValue(key.prefix);
    query.addBindValue(QString::fromLatin1(ApiKeyToken::hash(created.token)));
    query.addBindValue(sorted.join(QLatin1Char(' ')));
    query.addBindValue(key.createdAt.toMSecsSinceEpoch());
    query.addBindValue(sqlTime(expiresAt));
    query.addBindValue(rotatedFrom ? QVariant(rotatedFrom)
                                   : QVariant(QMetaType(QMetaType::LongLong)));
    if (!query.exec() || !query.next()) {
        *error = QStringLiteral("Cannot save the API key: ") + sqlErrorText(query);
        return std::nullopt;
    }
    key.id = query.value(0).toLongLong();
    if (!AuditLog(tx.db()).append(
            entryFor(key, AuditEntry::KeyCreated, key.createdAt, actor, detail), error))
        return std::nullopt;
    return created;
}

std::optional<ApiKeyStore::Created> ApiKeyStore::rotate(qint64 id, qint64 overlapMs,
                                                        const QString &actor, QString *error)
{
    if (overlapMs < 0) {
        *error = QStringLiteral("The overlap cannot be negative.");
        return std::nullopt;
    }
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return std::nullopt;
    const auto old = get(id, error);
    if (!old)
        return std::nullopt;
    const QDateTime now = m_clock.now();
    if (old->stateAt(now) != ApiKey::State::Active) {
        *error = QStringLiteral("Key %1 (%2) is %3 and cannot be rotated; create a new key "
                                "instead.")
                     .arg(old->prefix, old->name, ApiKey::stateKey(old->stateAt(now)));
        return std::nullopt;
    }
    QDateTime successorExpiry;
    if (old->expiresAt.isValid())
        successorExpiry = now.addMSecs(old->createdAt.msecsTo(old->expiresAt));
    QDateTime oldExpiry = now.addMSecs(overlapMs);
    if (old->expiresAt.isValid() && old->expiresAt < oldExpiry)
        oldExpiry = old->expiresAt;

    auto created = insert(old->name, old->scopes, successorExpiry, old->id, actor,
                          QStringLiteral("Rotation of %1").arg(old->prefix), tx, error);
    if (!created)
        return std::nullopt;
    QSqlQuery update(tx.db());
    update.prepare(QStringLiteral("UPDATE api_keys SET expires_at = ? WHERE id = ?"));
    update.addBindValue(oldExpiry.toMSecsSinceEpoch());
    update.addBindValue(old->id);
    if (!update.exec()) {
        *error = QStringLiteral("Cannot rotate the key: ") + sqlErrorText(update);
        return std::nullopt;
    }
    const QString detail = QStringLiteral("Replaced by %1; this key stops working at %2")
                               .arg(created->key.prefix, oldExpiry.toString(Qt::ISODate));
    if (!AuditLog(tx.db()).append(entryFor(*old, AuditEntry::KeyRotated, now, actor, detail),
                                  error) ||
        !tx.commit(error))
        return std::nullopt;
    registerIntegration(created->key);
    return created;
}

std::optional<ApiKey> ApiKeyStore::revoke(qint64 id, const QString &actor, QString *error)
{
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(error))
        return std::nullopt;
    auto key = get(id, error);
    if (!key)
        return std::nullopt;
    if (key->revokedAt.isValid()) {
        *error = QStringLiteral("Key %1 (%2) was already revoked on %3.")
                     .arg(key->prefix, key->name, key->revokedAt.toString(Qt::ISODate));
        return std::nullopt;
    }
    key->revokedAt = m_clock.now();
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ?"));
    query.addBindValue(key->revokedAt.toMSecsSinceEpoch());
    query.addBindValue(id);
    if (!query.exec()) {
        *error = QStringLiteral("Cannot revoke the key: ") + sqlErrorText(query);
        return std::nullopt;
    }
    if (!AuditLog(tx.db()).append(entryFor(*key, AuditEntry::KeyRevoked, key->revokedAt, actor, {}),
                                  error) ||
        !tx.commit(error))
        return std::nullopt;
    markInactive(key->id,
                 QStringLiteral("Revoked on %1").arg(key->revokedAt.toString(Qt::ISODate)));
    return key;
}

std::optional<ApiKey> ApiKeyStore::get(qint64 id, QString *error)
{
    QSqlQuery query(m_database.connection(error));
    query.prepare(QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM api_keys WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        if (error)
            *error = query.lastError().isValid()
                         ? QStringLiteral("Cannot read the key: ") + sqlErrorText(query)
                         : QStringLiteral("There is no API key with id %1.").arg(id);
        return std::nullopt;
    }
    return fromRow(query);
}

QList<ApiKey> ApiKeyStore::list(QString *error)
{
    QSqlQuery query(m_database.connection(error));
    return selectRows<ApiKey>(
        query,
        QStringLiteral("SELECT ") + kColumns +
            QStringLiteral(" FROM api_keys ORDER BY created_at DESC, id DESC"),
        fromRow, QStringLiteral("Cannot list API keys: "), error);
}

std::optional<ApiKey> ApiKeyStore::find(const QString &idPrefixOrName, QString *error)
{
    bool isNumber = false;
    const qint64 id = idPrefixOrName.toLongLong(&isNumber);
    if (isNumber)
        return get(id, error);
    QList<ApiKey> matches;
    const QList<ApiKey> keys = list(error);
    for (const ApiKey &key : keys)
        if (key.prefix == idPrefixOrName || key.name == idPrefixOrName)
            matches.append(key);
    if (matches.size() == 1)
        return matches.first();
    *error = matches.isEmpty()
                 ? QStringLiteral("No API key has the id, prefix or name \"%1\". List them with "
                                  "`botbat-console keys list`.")
                       .arg(idPrefixOrName)
                 : QStringLiteral("%1 keys are named \"%2\"; use the id or the prefix instead.")
                       .arg(matches.size())
                       .arg(idPrefixOrName);
    return std::nullopt;
}

qint64 ApiKeyStore::changeCounter()
{
    if (!m_database.isSqlite())
        return -1;
    QSqlDatabase db = m_database.connection();
    QSqlQuery &query = StatementCache::prepare(db, QStringLiteral("PRAGMA data_version"));
    qint64 version = -1;
    if (query.exec() && query.next())
        version = query.value(0).toLongLong();
    query.finish();
    return version;
}

QList<ApiKeyStore::Credential> ApiKeyStore::candidates(const QString &prefix, QString *error)
{
    QList<Credential> found;
    QSqlDatabase db = m_database.connection(error);
    // On every API request: a cached statement, not a new compile.
    static const QString sql =
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM api_keys WHERE prefix = ?");
    QSqlQuery &query = StatementCache::prepare(db, sql);
    query.addBindValue(prefix);
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("Cannot look up the key: ") + sqlErrorText(query);
        return found;
    }
    while (query.next())
        found.append({fromRow(query), query.value(9).toString().toLatin1()});
    query.finish();
    return found;
}

bool ApiKeyStore::storeLastUsed(const QHash<qint64, qint64> &lastUsed, QString *error)
{
    if (lastUsed.isEmpty())
        return true;
    QString reason;
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(&reason)) {
        if (error)
            *error = reason;
        return false;
    }
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND "
                                 "(last_used_at IS NULL OR last_used_at < ?)"));
    for (auto it = lastUsed.cbegin(); it != lastUsed.cend(); ++it) {
        query.bindValue(0, it.value());
        query.bindValue(1, it.key());
        query.bindValue(2, it.value());
        if (!query.exec()) {
            if (error)
                *error = QStringLiteral("Cannot record key use: ") + sqlErrorText(query);
            return false;
        }
    }
    if (!tx.commit(error ? error : &reason))
        return false;
    if (m_registry) {
        QSqlQuery links(m_database.connection());
        links.prepare(QStringLiteral("SELECT integration_id FROM api_keys WHERE id = ?"));
        for (auto it = lastUsed.cbegin(); it != lastUsed.cend(); ++it) {
            links.bindValue(0, it.key());
            if (links.exec() && links.next() && !links.value(0).isNull())
                m_registry->recordSuccess(links.value(0).toLongLong());
        }
    }
    return true;
}

QList<ApiKey> ApiKeyStore::auditNewlyExpired(QString *error)
{
    QList<ApiKey> expired;
    QString reason;
    WriteTransaction tx(m_database, nullptr, m_clock);
    if (!tx.begin(&reason)) {
        if (error)
            *error = reason;
        return expired;
    }
    const QDateTime now = m_clock.now();
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM api_keys WHERE expires_at <= ? AND revoked_at IS NULL "
                                 "AND expiry_audited_at IS NULL"));
    query.addBindValue(now.toMSecsSinceEpoch());
    if (!query.exec()) {
        if (error)
            *error = sqlErrorText(query);
        return expired;
    }
    while (query.next())
        expired.append(fromRow(query));
    query.finish();
    QSqlQuery mark(tx.db());
    mark.prepare(QStringLiteral("UPDATE api_keys SET expiry_audited_at = ? WHERE id = ?"));
    AuditLog log(tx.db());
    for (const ApiKey &key : std::as_const(expired)) {
        mark.bindValue(0, now.toMSecsSinceEpoch());
        mark.bindValue(1, key.id);
        if (!mark.exec() || !log.append(entryFor(key, AuditEntry::KeyExpired, key.expiresAt,
                                                 QStringLiteral("engine"), {}),
                                        &reason)) {
            if (error)
                *error = reason.isEmpty() ? sqlErrorText(mark) : reason;
            return {};
        }
    }
    if (!tx.commit(&reason)) {
        if (error)
            *error = reason;
        return {};
    }
    for (const ApiKey &key : std::as_const(expired))
        markInactive(key.id,
                     QStringLiteral("Expired on %1").arg(key.expiresAt.toString(Qt::ISODate)));
    return expired;
}

bool ApiKeyStore::recordAuthFailure(const QString &clientAddress, const QString &keyPrefix,
                                    const QString &reason, QString *error)
{
    AuditEntry entry;
    entry.at = m_clock.now();
    entry.action = AuditEntry::AuthFailed;
    entry.keyPrefix = keyPrefix;
    entry.clientAddress = clientAddress;
    entry.actor = QStringLiteral("api");
    entry.detail = reason;
    QString failure;
    WriteTransaction tx(m_database, nullptr, m_clock); // queues with this process's writers
    const bool ok =
        tx.begin(&failure) && AuditLog(tx.db()).append(entry, &failure) && tx.commit(&failure);
    if (!ok && error)
        *error = failure;
    return ok;
}

QList<AuditEntry> ApiKeyStore::audit(int limit, qint64 beforeId, QString *error)
{
    return AuditLog(m_database.connection(error)).recent(limit, beforeId, error);
}

} // namespace botbat
