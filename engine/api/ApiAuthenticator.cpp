#include "ApiAuthenticator.h"

#include "RateLimiter.h"
#include "apikeys/ApiKeyStore.h"
#include "apikeys/ApiKeyToken.h"
#include "core/Clock.h"
#include "security/Crypto.h"

#include <QMutexLocker>
#include <QTimer>

namespace botbat {

ApiAuthenticator::ApiAuthenticator(ApiKeyStore &store, const Clock &clock,
                                   std::shared_ptr<RateLimiter> limits, QObject *parent)
    : QObject(parent), m_store(store), m_clock(clock), m_limits(std::move(limits)),
      m_settings(m_limits->settings()), m_flushTimer(new QTimer(this))
{
    m_flushTimer->setInterval(m_settings.lastUsedFlushMs);
    connect(m_flushTimer, &QTimer::timeout, this, &ApiAuthenticator::flush);
    m_flushTimer->start();
}

ApiAuthenticator::ApiAuthenticator(ApiKeyStore &store, const Clock &clock,
                                   const ApiSettings &settings, QObject *parent)
    : ApiAuthenticator(store, clock, std::make_shared<RateLimiter>(settings), parent)
{}

ApiAuthenticator::~ApiAuthenticator()
{
    flush();
}

ApiAuthenticator::Result ApiAuthenticator::authenticate(const QHttpServerRequest &request)
{
    const qint64 now = m_clock.nowMs();
    const QString client = request.remoteAddress().toString();

    // A client that keeps failing is stopped before its next guess is even looked at.
    if (const qint64 blockedMs = m_limits->failureBlockedForMs(client, now); blockedMs > 0) {
        Result result;
        result.status = 429;
        result.code = QStringLiteral("too_many_failed_attempts");
        result.retryAfterMs = blockedMs;
        result.message = QStringLiteral("Too many failed authentication attempts from %1; retry "
                                        "in %2 s with a valid key.")
                             .arg(client)
                             .arg((result.retryAfterMs + 999) / 1000);
        return result;
    }

    const QByteArray header = request.value(QByteArrayLiteral("Authorization")).trimmed();
    if (header.isEmpty())
        return fail(client, {}, QStringLiteral("missing_api_key"),
                    QStringLiteral("Send an API key in the header \"Authorization: Bearer "
                                   "bbk_...\". Create keys in the console's API Keys tab."));
    if (!header.toLower().startsWith("bearer "))
        return fail(client, {}, QStringLiteral("malformed_api_key"),
                    QStringLiteral("The Authorization header must be \"Bearer <key>\"."));
    const QString token = QString::fromLatin1(header.mid(7).trimmed());
    if (!ApiKeyToken::isWellFormed(token))
        return fail(client, {}, QStringLiteral("malformed_api_key"),
                    QStringLiteral("That is not a BotBat API key: keys start with bbk_ followed "
                                   "by %1 letters and digits. Check it was copied completely.")
                        .arg(ApiKeyToken::kRandomLength));

    const QString prefix = ApiKeyToken::prefixOf(token);
    QString error;
    const QList<ApiKeyStore::Credential> candidates = lookUp(prefix, &error);
    if (!error.isEmpty()) {
        Result result;
        result.status = 503;
        result.code = QStringLiteral("unavailable");
        result.message = QStringLiteral("Keys cannot be checked right now (database "
                                        "unavailable); retry shortly.");
        result.retryAfterMs = 1000;
        return result;
    }
    const QByteArray hash = ApiKeyToken::hash(token);
    const ApiKeyStore::Credential *match = nullptr;
    for (const ApiKeyStore::Credential &candidate : candidates)
        if (Crypto::constantTimeEquals(candidate.hash, hash))
            match = &candidate;
    if (!match)
        return fail(client, prefix, QStringLiteral("invalid_api_key"),
                    QStringLiteral("This API key is not known. Check it, or create a new one in "
                                   "the console."));
    const ApiKey &key = match->key;
    const QDateTime nowTime = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    switch (key.stateAt(nowTime)) {
    case ApiKey::State::Revoked:
        return fail(client, prefix, QStringLiteral("revoked_api_key"),
                    QStringLiteral("This API key was revoked on %1. Ask an admin for a new key.")
                        .arg(key.revokedAt.toString(Qt::ISODate)));
    case ApiKey::State::Expired:
        auditExpired();
        return fail(client, prefix, QStringLiteral("expired_api_key"),
                    QStringLiteral("This API key expired on %1. Use its replacement, or ask an "
                                   "admin for a new key.")
                        .arg(key.expiresAt.toString(Qt::ISODate)));
    case ApiKey::State::Active:
        break;
    }

    if (qint64 retryAfterMs = 0; !m_limits->takeKeyToken(key.id, now, &retryAfterMs)) {
        Result result;
        result.status = 429;
        result.code = QStringLiteral("rate_limited");
        result.retryAfterMs = retryAfterMs;
        result.message = QStringLiteral("Rate limit of this key exceeded (%1 requests/s, burst "
                                        "%2); retry after the Retry-After delay.")
                             .arg(m_settings.keyRequestsPerSecond)
                             .arg(m_settings.keyBurst);
        return result;
    }
    m_pendingUse.insert(key.id, now);
    Result result;
    result.ok = true;
    result.key = key;
    result.key.lastUsedAt = nowTime;
    return result;
}

ApiAuthenticator::Result ApiAuthenticator::fail(const QString &client, const QString &prefix,
                                                const QString &code, const QString &message)
{
    m_limits->recordFailure(client, m_clock.nowMs());
    m_store.recordAuthFailure(client, prefix, code);
    Result result;
    result.status = 401;
    result.code = code;
    result.message = message;
    return result;
}

void ApiAuthenticator::auditExpired()
{
    m_store.auditNewlyExpired();
}

QList<ApiKeyStore::Credential> ApiAuthenticator::lookUp(const QString &prefix, QString *error)
{
    // Any commit by another connection (another thread, the CLI, another engine on the same
    // SQLite file) changes the counter, so a revoked key is refused on its next use.
    const qint64 version = m_store.changeCounter();
    if (version < 0 || version != m_cacheVersion) {
        m_cache.clear();
        m_cacheVersion = version;
    }
    const auto cached = m_cache.constFind(prefix);
    if (cached != m_cache.cend())
        return *cached;
    QList<ApiKeyStore::Credential> found = m_store.candidates(prefix, error);
    // Only known keys are kept, and only so many: guesses must not grow the cache.
    if (version >= 0 && !found.isEmpty() && error->isEmpty()) {
        if (m_cache.size() >= kMaxCachedPrefixes)
            m_cache.clear();
        m_cache.insert(prefix, found);
    }
    return found;
}

void ApiAuthenticator::flush()
{
    m_limits->prune(m_clock.nowMs());
    if (m_pendingUse.isEmpty())
        return;
    const QHash<qint64, qint64> batch = std::exchange(m_pendingUse, {});
    QString error;
    const bool stored = m_store.storeLastUsed(batch, &error);
    if (!stored) {
        qWarning("Could not record API key use: %s", qPrintable(error));
        for (auto it = batch.cbegin(); it != batch.cend(); ++it)
            m_pendingUse.insert(it.key(), std::max(it.value(), m_pendingUse.value(it.key())));
        return;
    }
    emit keysUsed(batch);
}

} // namespace botbat
