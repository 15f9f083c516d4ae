#pragma once

#include "ApiSettings.h"
#include "apikeys/ApiKey.h"
#include "apikeys/ApiKeyStore.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QObject>
#include <memory>

class QMutex;
class QTimer;

namespace botbat {

class ApiKeyStore;
class Clock;
class RateLimiter;

// Decides who is calling the REST API. One per HTTP thread, living there; the rate limits are
// in a RateLimiter shared by all of them, so they hold for the whole server. Every request looks
// the key up in the database (by its display prefix, then a constant-time hash comparison), so a
// key revoked by another process or console is refused on its very next use. "Last used" times are
// kept in memory (per thread) and written in one batch every ApiSettings::lastUsedFlushMs.
class ApiAuthenticator : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool ok = false;
        ApiKey key;
        int status = 401; // 401, 429 or 500 when not ok
        QString code;     // stable error code, e.g. "revoked_api_key"
        QString message;
        qint64 retryAfterMs = 0; // for 429
    };

    // limits (shared with the other HTTP threads' authenticators) also supplies the settings.
    ApiAuthenticator(ApiKeyStore &store, const Clock &clock, std::shared_ptr<RateLimiter> limits,
                     QObject *parent = nullptr);
    // With limits of its own: for a server with a single HTTP thread.
    ApiAuthenticator(ApiKeyStore &store, const Clock &clock, const ApiSettings &settings,
                     QObject *parent = nullptr);
    ~ApiAuthenticator() override;

    Result authenticate(const QHttpServerRequest &request);
    void flush(); // writes pending "last used" times now

signals:
    // After each batch is stored: key id -> last use (ms since epoch).
    void keysUsed(const QHash<qint64, qint64> &lastUsed);

private:
    void auditExpired();
    QList<ApiKeyStore::Credential> lookUp(const QString &prefix, QString *error);
    Result fail(const QString &client, const QString &prefix, const QString &code,
                const QString &message);

    ApiKeyStore &m_store;
    const Clock &m_clock;
    std::shared_ptr<RateLimiter> m_limits;
    ApiSettings m_settings;
    QTimer *m_flushTimer;
    QHash<qint64, qint64> m_pendingUse;
    static constexpr int kMaxCachedPrefixes = 1000;
    QHash<QString, QList<ApiKeyStore::Credential>> m_cache; // prefix -> rows, this thread only
    qint64 m_cacheVersion = -1;
};

} // namespace botbat
