#include "TokenBucket.h"

#include <cmath>

namespace botbat {

TokenBucket::TokenBucket(double capacity, double perSecond, qint64 nowMs)
    : m_capacity(capacity), m_perSecond(perSecond), m_tokens(capacity), m_lastMs(nowMs)
{
}

void TokenBucket::refill(qint64 nowMs)
{
    if (nowMs > m_lastMs) {
        m_tokens = std::min(m_capacity, m_tokens + (nowMs - m_lastMs) * m_perSecond / 1000.0);
        m_lastMs = nowMs;
    }
}

bool TokenBucket::take(qint64 nowMs)
{
    refill(nowMs);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

bool TokenBucket::hasToken(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens >= 1.0;
}

qint64 TokenBucket::msUntilToken(qint64 nowMs)
{
    refill(nowMs);
    if (m_tokens >= 1.0 || m_perSecond <= 0)
        return 0;
    return static_cast<qint64>(std::ceil((1.0 - m_tokens) * 1000.0 / m_perSecond));
}

bool TokenBucket::isFull(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens >= m_capacity;
}

} // namespace botbat
