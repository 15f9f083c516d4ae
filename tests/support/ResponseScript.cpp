#include "ResponseScript.h"

namespace botbat::test {

void ResponseScript::setDefault(const ScriptedResponse &response)
{
    const QMutexLocker lock(&m_mutex);
    m_default = response;
}

void ResponseScript::enqueue(const ScriptedResponse &response)
{
    const QMutexLocker lock(&m_mutex);
    m_queue.enqueue(response);
}

ScriptedResponse ResponseScript::next()
{
    const QMutexLocker lock(&m_mutex);
    return m_queue.isEmpty() ? m_default : m_queue.dequeue();
}

} // namespace botbat::test
