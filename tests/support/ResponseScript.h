#pragma once

#include "ScriptedResponse.h"

#include <QMutex>
#include <QQueue>

namespace botbat::test {

// The answers a receiver gives: queued ones first, one per request in arrival order, then the
// default. Thread-safe, so a test can change the script while the receiver runs elsewhere and
// the change holds for the very next request.
class ResponseScript
{
public:
    void setDefault(const ScriptedResponse &response);
    void enqueue(const ScriptedResponse &response);
    ScriptedResponse next();

private:
    QMutex m_mutex;
    ScriptedResponse m_default;
    QQueue<ScriptedResponse> m_queue;
};

} // namespace botbat::test
