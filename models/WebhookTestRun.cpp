#include "WebhookTestRun.h"

#include "WebhookStoreCall.h"
#include "core/Engine.h"

#include <QTimer>

namespace botbat {

WebhookTestRun::WebhookTestRun(Engine &engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_timeout(new QTimer(this)), m_poll(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        stop();
        emit timedOut();
    });
    m_poll->setInterval(kPollIntervalMs);
    connect(m_poll, &QTimer::timeout, this, &WebhookTestRun::poll);
    connect(&engine, &Engine::webhookAttemptsRecorded, this, &WebhookTestRun::onAttemptsRecorded);
}

WebhookTestRun::~WebhookTestRun() = default;

void WebhookTestRun::start(qint64 endpointId, const QString &eventType)
{
    stop();
    ++m_generation;
    m_running = true;
    m_endpointId = endpointId;
    m_deliveryId = 0;
    m_early.clear();
    m_timeout->start(m_timeoutMs);
    const int generation = m_generation;
    WebhookStoreCall::run(
        m_engine, this,
        [endpointId, eventType](WebhookStore &store) {
            return store.createTest(endpointId, eventType);
        },
        [this, generation](const DomainResult<WebhookDelivery> &result) {
            if (generation != m_generation || !m_running)
                return;
            if (!result) {
                stop();
                emit failed(result.error().message());
                return;
            }
            m_deliveryId = result->id;
            emit queued(m_deliveryId);
            if (const qint64 attemptId = m_early.value(m_deliveryId); attemptId != 0)
                fetch(attemptId);
            else
                m_poll->start();
        });
}

void WebhookTestRun::cancel()
{
    stop();
    ++m_generation;
}

void WebhookTestRun::stop()
{
    m_running = false;
    m_fetching = false;
    m_timeout->stop();
    m_poll->stop();
}

void WebhookTestRun::onAttemptsRecorded(const QList<WebhookAttempt> &attempts)
{
    if (!m_running)
        return;
    for (const WebhookAttempt &attempt : attempts) {
        if (!attempt.isTest || attempt.endpointId != m_endpointId)
            continue;
        if (m_deliveryId == 0)
            m_early.insert(attempt.deliveryId, attempt.id);
        else if (attempt.deliveryId == m_deliveryId)
            fetch(attempt.id);
    }
}

void WebhookTestRun::poll()
{
    if (!m_running || m_fetching || m_deliveryId == 0)
        return;
    const qint64 deliveryId = m_deliveryId;
    const int generation = m_generation;
    WebhookStoreCall::run(
        m_engine, this, [deliveryId](WebhookStore &store) { return store.attempts(deliveryId); },
        [this, generation](const DomainResult<QList<WebhookAttempt>> &result) {
            if (generation != m_generation || !m_running || !result || result->isEmpty())
                return;
            fetch(result->last().id);
        });
}

void WebhookTestRun::fetch(qint64 attemptId)
{
    if (m_fetching)
        return;
    m_fetching = true;
    m_poll->stop();
    const int generation = m_generation;
    WebhookStoreCall::run(
        m_engine, this,
        [attemptId](WebhookStore &store) { return WebhookAttemptDetails::load(store, attemptId); },
        [this, generation](const DomainResult<WebhookAttemptDetails> &result) {
            if (generation != m_generation || !m_running)
                return;
            stop();
            if (!result) {
                emit failed(result.error().message());
                return;
            }
            emit finished(result.value());
        });
}

} // namespace botbat
