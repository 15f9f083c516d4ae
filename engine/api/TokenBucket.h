#pragma once

#include <QtGlobal>

namespace botbat {

// A token bucket on caller-supplied time (milliseconds), so tests drive it with ManualClock.
class TokenBucket
{
public:
    TokenBucket() = default;
    TokenBucket(double capacity, double perSecond, qint64 nowMs);

    bool take(qint64 nowMs);               // spends one token if there is one
    bool hasToken(qint64 nowMs);           // without spending
    qint64 msUntilToken(qint64 nowMs);     // 0 when a token is there now
    bool isFull(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    double m_capacity = 1;
    double m_perSecond = 1;
    double m_tokens = 1;
    qint64 m_lastMs = 0;
};

} // namespace botbat
