#include "RetryPolicy.h"

#include <QtGlobal>
#include <array>
#include <cmath>

namespace botbat {

namespace {
constexpr std::array<qint64, RetryPolicy::kMaxAttempts - 1> kDelaysMs = {10'000, 30'000, 120'000,
                                                                         600'000, 1'800'000};
}

std::optional<qint64> RetryPolicy::nominalDelayMs(int attempt)
{
    if (attempt < 1 || attempt >= kMaxAttempts)
        return std::nullopt;
    return kDelaysMs[static_cast<size_t>(attempt - 1)];
}

std::optional<qint64> RetryPolicy::delayMs(int attempt, double jitterUnit, qint64 retryAfterMs)
{
    const auto nominal = nominalDelayMs(attempt);
    if (!nominal)
        return std::nullopt;
    const double unit = qBound(-1.0, jitterUnit, 1.0);
    const qint64 jittered = qRound64(static_cast<double>(*nominal) * (1.0 + kJitter * unit));
    return std::max(jittered, std::min(retryAfterMs, kMaxRetryAfterMs));
}

} // namespace botbat
