#pragma once

#include "ApiSettings.h"
#include "TokenBucket.h"
#include "apikeys/ApiKey.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QObject>

class QTimer;

namespace botbat {

class ApiKeyStore;
class Clock;

// Decides who is calling the REST API. Lives in the HTTP thread. Every request looks the key
// up in the database (by its display prefix, then a constant-time hash comparison), so a key
// revoked by another process or console is refused on its very next use. "Last used" times
// are kept in memory and written in one batch every ApiSettings::lastUsedFlushMs.
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

    ApiAuthenticator(ApiKeyStore &store, const Clock &clock, const ApiSettings &settings,
                     QObject *parent = nullptr);
    ~ApiAuthenticator() override;

    Result authenticate(const QHttpServerRequest &request);
    void flush(); // writes pending "last used" times now

signals:
    // After each batch is stored: key id -> last use (ms since epoch).
    void keysUsed(const QHash<qint64, qint64> &lastUsed);

private:
    Result fail(const QString &client, const QString &prefix, const QString &code,
                const QString &message);

    ApiKeyStore &m_store;
    const Clock &m_clock;
    ApiSettings m_settings;
    QTimer *m_flushTimer;
    QHash<qint64, qint64> m_pendingUse;
    QHash<qint64, TokenBucket> m_keyBuckets;
    QHash<QString, TokenBucket> m_failureBuckets;
};

} // namespace botbat
