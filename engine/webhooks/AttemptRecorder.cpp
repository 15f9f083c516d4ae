#include "AttemptRecorder.h"

#include "storage/Database.h"

#include <QTimer>

namespace botbat {

namespace {
constexpr int kRetryMs = 1000;
}

AttemptRecorder::AttemptRecorder(Database &database, const Clock &clock, QString engineId,
                                 qint64 leaseMs, Recorded recorded)
    : m_database(database), m_outbox(database, clock, std::move(engineId), leaseMs),
      m_recorded(std::move(recorded))
{}

bool AttemptRecorder::start(QString *error)
{
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &AttemptRecorder::write);
    return m_database.connection(error).isOpen();
}

void AttemptRecorder::stop()
{
    write();
    if (!m_pending.isEmpty())
        qWarning("%lld webhook attempt results could not be stored; their deliveries are sent "
                 "again after the restart.",
                 static_cast<long long>(m_pending.size()));
    m_database.closeThreadConnection();
}

void AttemptRecorder::record(QList<Outbox::Result> results)
{
    QMetaObject::invokeMethod(this, [this, results = std::move(results)]() mutable {
        m_pending.append(std::move(results));
        // Posted behind any batches already queued, so they all go into one transaction.
        if (!m_writeQueued && !m_retryTimer->isActive()) {
            m_writeQueued = true;
            QMetaObject::invokeMethod(this, &AttemptRecorder::write, Qt::QueuedConnection);
        }
    });
}

void AttemptRecorder::write()
{
    m_writeQueued = false;
    if (m_pending.isEmpty())
        return;
    QString error;
    if (!m_outbox.record(m_pending, &error)) {
        // Kept: an attempt whose result is never stored is made again after a restart.
        qWarning("%s", qPrintable(error));
        m_retryTimer->start(kRetryMs);
        return;
    }
    QList<WebhookAttempt> light;
    light.reserve(m_pending.size());
    for (Outbox::Result &result : m_pending) {
        WebhookAttempt &attempt = result.attempt;
        attempt.requestHeaders.clear();
        attempt.responseHeaders.clear();
        attempt.responseBody.clear();
        light.append(std::move(attempt));
    }
    m_pending.clear();
    m_recorded(std::move(light));
}

} // namespace botbat
