#pragma once

#include "ReceivedRequest.h"

#include <QList>
#include <QMutex>
#include <QSet>

namespace botbat::test {

// What a receiver has seen, readable from any thread while the receiver keeps recording.
class RequestLog
{
public:
    void record(ReceivedRequest &&request);

    QList<ReceivedRequest> requests() const; // empty in count-only mode
    qsizetype count() const;
    QSet<QByteArray> distinctHeaderValues(const QByteArray &name) const;
    void clear();

    // Long runs and benchmarks: stop keeping requests, keep only the count and the distinct
    // values of one header, so memory stays flat however many requests arrive.
    void setCountOnly(const QByteArray &distinctHeader);

    // Runs the calling thread's event loop until count() >= n; false on timeout. Works whether
    // the receiver lives in this thread (its sockets are served meanwhile) or in another.
    bool waitForCount(qsizetype n, int timeoutMs) const;

private:
    mutable QMutex m_mutex;
    QList<ReceivedRequest> m_requests;
    qsizetype m_count = 0;
    bool m_countOnly = false;
    QByteArray m_distinctHeader;
    QSet<QByteArray> m_distinctValues;
};

} // namespace botbat::test
