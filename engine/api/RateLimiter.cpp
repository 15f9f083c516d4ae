#include "RateLimiter.h"

#include <QMutexLocker>

namespace botbat {

RateLimiter::RateLimiter(const ApiSettings &settings) : m_settings(settings) {}

qint64 RateLimiter::failureBlockedForMs(const QString &client, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    auto failures = m_failureBuckets.find(client);
    if (failures == m_failureBuckets.end() || failures->hasToken(nowMs))
        return 0;
    return std::max<qint64>(1, failures->msUntilToken(nowMs));
}

void RateLimiter::recordFailure(const QString &client, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    auto bucket = m_failureBuckets.find(client);
    if (bucket == m_failureBuckets.end())
        bucket = m_failureBuckets.insert(
            client,
            TokenBucket(m_settings.failureBurst, m_settings.failuresPerMinute / 60.0, nowMs));
    bucket->take(nowMs);
}

bool RateLimiter::takeKeyToken(qint64 keyId, qint64 nowMs, qint64 *retryAfterMs)
{
    QMutexLocker lock(&m_mutex);
    auto bucket = m_keyBuckets.find(keyId);
    if (bucket == m_keyBuckets.end())
        bucket = m_keyBuckets.insert(
            keyId, TokenBucket(m_settings.keyBurst, m_settings.keyRequestsPerSecond, nowMs));
    if (bucket->take(nowMs))
        return true;
    *retryAfterMs = bucket->msUntilToken(nowMs);
    return false;
}

void RateLimiter::prune(qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_failureBuckets.begin(); it != m_failureBuckets.end();)
        it = it->isFull(nowMs) ? m_failureBuckets.erase(it) : std::next(it);
    for (auto it = m_keyBuckets.begin(); it != m_keyBuckets.end();)
        it = it->isFull(nowMs) ? m_keyBuckets.erase(it) : std::next(it);
}

} // namespace botbat
