#include "RequestLog.h"

#include <QEventLoop>
#include <QTimer>

namespace botbat::test {

void RequestLog::record(ReceivedRequest &&request)
{
    const QMutexLocker lock(&m_mutex);
    ++m_count;
    if (!m_countOnly) {
        m_requests.append(std::move(request));
        return;
    }
    const QByteArray value = request.header(m_distinctHeader);
    if (!value.isEmpty())
        m_distinctValues.insert(value);
}

QList<ReceivedRequest> RequestLog::requests() const
{
    const QMutexLocker lock(&m_mutex);
    return m_requests;
}

qsizetype RequestLog::count() const
{
    const QMutexLocker lock(&m_mutex);
    return m_count;
}

QSet<QByteArray> RequestLog::distinctHeaderValues(const QByteArray &name) const
{
    const QMutexLocker lock(&m_mutex);
    if (m_countOnly)
        return name.compare(m_distinctHeader, Qt::CaseInsensitive) == 0 ? m_distinctValues
                                                                        : QSet<QByteArray>();
    QSet<QByteArray> values;
    for (const ReceivedRequest &request : m_requests) {
        const QByteArray value = request.header(name);
        if (!value.isEmpty())
            values.insert(value);
    }
    return values;
}

void RequestLog::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_requests.clear();
    m_distinctValues.clear();
    m_count = 0;
}

void RequestLog::setCountOnly(const QByteArray &distinctHeader)
{
    const QMutexLocker lock(&m_mutex);
    m_countOnly = true;
    m_distinctHeader = distinctHeader;
    m_requests.clear();
}

bool RequestLog::waitForCount(qsizetype n, int timeoutMs) const
{
    if (count() >= n)
        return true;
    // Polling keeps recording free of per-request signals; 5 ms is well below test timescales.
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (count() >= n)
            loop.quit();
    });
    poll.start(5);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return count() >= n;
}

} // namespace botbat::test
