#include "ConnectionCounter.h"

namespace botbat {

bool ConnectionCounter::tryAcquire(int limit)
{
    int open = m_open.load(std::memory_order_relaxed);
    do {
        if (open >= limit)
            return false;
    } while (!m_open.compare_exchange_weak(open, open + 1, std::memory_order_relaxed));
    return true;
}

void ConnectionCounter::release(int count)
{
    m_open.fetch_sub(count, std::memory_order_relaxed);
}

} // namespace botbat
