#pragma once

#include <QDateTime>
#include <QMutex>

namespace botbat {

// Time comes from here, never from QDateTime::currentDateTime(), so that retry schedules,
// expiries and "last used" can be tested in milliseconds with ManualClock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // always UTC
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
};

// Thread-safe: tests advance it from the test thread while services read it.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime &start);
    QDateTime now() const override;
    void set(const QDateTime &time);
    void advance(qint64 milliseconds);

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace botbat
