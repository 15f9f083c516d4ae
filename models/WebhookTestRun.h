#pragma once

#include "WebhookAttemptDetails.h"

#include <QHash>
#include <QObject>

class QTimer;

namespace botbat {

class Engine;

// One Send Test: asks the store for a test delivery of a sample payload, waits for the
// dispatcher's attempt (announced by Engine::webhookAttemptsRecorded; the store is also asked
// every few seconds in case a batch was missed), then reads the full attempt, with the headers
// that were sent and the answer. Gives up after timeoutMs. One run at a time; start() again
// begins a new one and forgets the old.
class WebhookTestRun : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 20 * 1000;
    static constexpr int kPollIntervalMs = 2000;

    explicit WebhookTestRun(Engine &engine, QObject *parent = nullptr);
    ~WebhookTestRun() override;

    void start(qint64 endpointId, const QString &eventType);
    void cancel();
    bool isRunning() const { return m_running; }
    // The test delivery's id once queued, 0 before.
    qint64 deliveryId() const { return m_deliveryId; }
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeoutMs() const { return m_timeoutMs; }

signals:
    // The store created the test delivery; the dispatcher sends it now.
    void queued(qint64 deliveryId);
    // The attempt was made and recorded (succeeded or not: see details.attempt).
    void finished(const botbat::WebhookAttemptDetails &details);
    // The test could not be created or its result not read.
    void failed(const QString &error);
    // No attempt was recorded within timeoutMs.
    void timedOut();

private:
    void onAttemptsRecorded(const QList<WebhookAttempt> &attempts);
    void poll();
    void fetch(qint64 attemptId);
    void stop();

    Engine &m_engine;
    QTimer *m_timeout;
    QTimer *m_poll;
    qint64 m_endpointId = 0;
    qint64 m_deliveryId = 0;
    // Test attempts of this endpoint seen before createTest answered: delivery id -> attempt id.
    QHash<qint64, qint64> m_early;
    int m_generation = 0;
    int m_timeoutMs = kDefaultTimeoutMs;
    bool m_running = false;
    bool m_fetching = false;
};

} // namespace botbat
