#pragma once

#include "WebhookAttempt.h"
#include "WebhookSettings.h"
#include "core/Service.h"

#include <memory>

namespace botbat {

class Clock;
class Database;
class SecretStore;
class WebhookStore;

// Delivers outgoing webhooks, in its own thread: turns persisted events into delivery rows
// (resuming from a stored cursor, so nothing is skipped after a crash), sends them concurrently
// over keep-alive HTTPS with signatures, records every attempt in batches, retries on the
// RetryPolicy schedule and keeps each endpoint's health. At-least-once: an attempt whose result
// was not yet stored when the process died is made again after the restart.
class WebhookDispatcher : public Service
{
    Q_OBJECT
public:
    WebhookDispatcher(Database &database, WebhookStore &store, const Clock &clock,
                      WebhookSettings settings, QString engineId);
    ~WebhookDispatcher() override;

    bool start(QString *error) override;
    void stop() override;

public slots:
    void eventsArrived();   // new events were committed: fan them out soon
    void wake();            // deliveries were queued (tests, resends): claim them now
    void reloadEndpoints(); // an endpoint was created, changed or removed
    void reloadTrust();     // the trusted CA certificates changed

signals:
    // New attempts, without headers and bodies, in batches.
    void attemptsRecorded(const QList<botbat::WebhookAttempt> &attempts);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace botbat
