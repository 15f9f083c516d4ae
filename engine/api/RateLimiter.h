#pragma once

#include "ApiSettings.h"
#include "TokenBucket.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace botbat {

// The REST API's token buckets (one per API key, one per failing client address), shared by
// every HTTP thread so a limit holds for the whole server however connections are spread over
// threads. Thread-safe: each call holds one mutex for a few hash operations.
class RateLimiter
{
public:
    explicit RateLimiter(const ApiSettings &settings);
    RateLimiter(const RateLimiter &) = delete;
    RateLimiter &operator=(const RateLimiter &) = delete;

    const ApiSettings &settings() const { return m_settings; }

    // 0 when the address may try to authenticate, else ms until its failure bucket refills.
    qint64 failureBlockedForMs(const QString &client, qint64 nowMs);
    void recordFailure(const QString &client, qint64 nowMs);
    // Spends one of the key's tokens; when there is none returns false and sets *retryAfterMs.
    bool takeKeyToken(qint64 keyId, qint64 nowMs, qint64 *retryAfterMs);
    // Forgets buckets that are full again, so the maps stay as small as the active clients.
    void prune(qint64 nowMs);

private:
    const ApiSettings m_settings;
    QMutex m_mutex;
    QHash<qint64, TokenBucket> m_keyBuckets;
    QHash<QString, TokenBucket> m_failureBuckets;
};

} // namespace botbat
