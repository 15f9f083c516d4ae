#pragma once

#include <QtGlobal>
#include <optional>

namespace botbat {

// When a failed attempt is tried again: 5 retries at about 10 s, 30 s, 2 min, 10 min and
// 30 min (up to 10% jitter either way), then never again. A Retry-After longer than the
// scheduled delay wins, up to a day.
class RetryPolicy
{
public:
    static constexpr int kMaxAttempts = 6; // the first attempt and five retries
    static constexpr qint64 kMaxRetryAfterMs = 24LL * 60 * 60 * 1000;
    static constexpr double kJitter = 0.10;

    // The nominal delay after attempt number `attempt` (1-based) failed; nullopt: give up.
    static std::optional<qint64> nominalDelayMs(int attempt);
    // The delay to use: nominal with jitter (jitterUnit in [-1, 1]), or retryAfterMs when longer.
    static std::optional<qint64> delayMs(int attempt, double jitterUnit, qint64 retryAfterMs = 0);
};

} // namespace botbat
