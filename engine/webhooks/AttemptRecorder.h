#pragma once

#include "Outbox.h"
#include "core/Service.h"

#include <functional>

class QTimer;

namespace botbat {

// Stores attempt results in its own thread (botbat-webhook-log), so the dispatcher's thread
// spends its time sending. Batches that arrive while one is being written are written together
// in the next transaction. A batch that cannot be stored is kept and tried again; stop() writes
// what is left. The dispatcher counts what it handed over and not yet heard back about, and
// stops sending when that grows too long, so memory stays bounded when the database is slow.
class AttemptRecorder : public Service
{
    Q_OBJECT
public:
    // recorded runs in this thread after each stored batch, with the attempts (ids filled in,
    // headers and bodies dropped) and how many results were stored.
    using Recorded = std::function<void(QList<WebhookAttempt> light)>;

    AttemptRecorder(Database &database, const Clock &clock, QString engineId, qint64 leaseMs,
                    Recorded recorded);

    bool start(QString *error) override;
    void stop() override;

    // Thread-safe: queues results for this thread to store.
    void record(QList<Outbox::Result> results);

private:
    void write();

    Database &m_database;
    Outbox m_outbox;
    Recorded m_recorded;
    QList<Outbox::Result> m_pending;
    QTimer *m_retryTimer = nullptr;
    bool m_writeQueued = false;
};

} // namespace botbat
