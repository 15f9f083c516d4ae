#pragma once

#include <atomic>

namespace botbat {

// Open connections across every HTTP thread, so HttpLimits::maxConnections is one limit for
// the whole server rather than one per thread. Lock-free; safe from any thread.
class ConnectionCounter
{
public:
    // Counts one more connection unless limit are already open.
    bool tryAcquire(int limit);
    void release(int count = 1);
    int open() const { return m_open.load(std::memory_order_relaxed); }

private:
    std::atomic<int> m_open{0};
};

} // namespace botbat
