#include "WebhookDispatcher.h"

#include "AttemptRecorder.h"
#include "DeliveryDiagnosis.h"
#include "HttpsConnection.h"
#include "Outbox.h"
#include "RetryPolicy.h"
#include "WebhookSigner.h"
#include "WebhookStore.h"
#include "WebhookTrust.h"
#include "core/Clock.h"
#include "core/WorkerThread.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <deque>

namespace botbat {

namespace {

// Deliveries an endpoint keeps in memory; the rest wait in the database until these drain.
constexpr int kQueueCap = 2000;
constexpr int kFanOutBatch = 500;
constexpr int kFanOutBatchesPerCycle = 8;
constexpr int kClaimBatch = 500;
constexpr int kFlushBatch = 500;
// Results handed to the recorder and not yet stored; sending pauses above this.
constexpr int kMaxUnrecorded = 5000;
// Events committed within this window are fanned out together.
constexpr int kCoalesceMs = 2;
constexpr int kDeadlineCheckMs = 250;
// Health reaches the database (and the Overview) at once when it changes class, otherwise
// at most this often per endpoint.
constexpr qint64 kHealthWriteIntervalMs = 10000;
// A receiver that streams a huge body is cut off after this much (the first 64 KiB are kept).
constexpr qint64 kMaxResponseBytes = 16 * 1024 * 1024;

const QByteArray kUserAgent =
    QByteArrayLiteral("BotBat-Webhooks/" BOTBAT_VERSION " (BotBat Integrations Console)");

struct EndpointRuntime
{
    WebhookEndpoint endpoint;
    QList<QString> secrets;
    QString secretProblem; // the secret could not be read: deliveries wait, unsigned never go
    std::deque<WebhookDelivery> queue;
    int inFlight = 0;
    // Its own keep-alive connections, one attempt at a time each, so one endpoint's slow
    // connections never hold up another's, and they never outnumber maxConcurrency.
    std::vector<HttpsConnection *> connections;
    double tokens = 1;
    QElapsedTimer tokensAt;
    bool backlog = false; // unclaimed due rows may be waiting in the database
    bool healthDirty = false;
    QElapsedTimer healthStoredAt; // real time: the interval is about load, not schedules
    WebhookEndpoint::Health storedHealth = WebhookEndpoint::Health::Waiting;
    bool storedWarning = false; // the stored error carries the auto-disable warning
    bool warning = false;
};

struct InFlight
{
    WebhookDelivery delivery;
    QElapsedTimer timer;
    QDateTime startedAt;
    QUrl url;
    HeaderList sent;
};

qint64 retryAfterMs(const QByteArray &header, const QDateTime &now)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return 0;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok)
        return std::max<qint64>(0, seconds) * 1000;
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    return at.isValid() ? std::max<qint64>(0, now.msecsTo(at)) : 0;
}

} // namespace

struct WebhookDispatcher::Private
{
    Private(WebhookDispatcher *owner, Database &database, WebhookStore &webhookStore,
            const Clock &clock_, WebhookSettings settings_, QString engineId)
        : q(owner), db(database), store(webhookStore), clock(clock_),
          settings(std::move(settings_)),
          outbox(database, clock_, std::move(engineId), settings.claimLeaseMs)
    {}

    WebhookDispatcher *q;
    Database &db;
    WebhookStore &store;
    const Clock &clock;
    WebhookSettings settings;
    Outbox outbox;
    std::unique_ptr<WorkerThread> recorderThread;
    AttemptRecorder *recorder = nullptr;
    int unrecorded = 0;

    QSslConfiguration ssl;
    QHash<qint64, EndpointRuntime> endpoints;
    QString endpointsVersion;
    QHash<HttpsConnection *, InFlight> inFlight;
    QSet<qint64> held; // delivery ids queued here or in flight
    QList<Outbox::Result> results;
    QTimer *cycleTimer = nullptr;
    QTimer *flushTimer = nullptr;
    QTimer *pumpTimer = nullptr;
    bool fanOutWanted = true;
    bool claimWanted = true;
    bool stopping = false;

    void scheduleCycle(int delayMs)
    {
        if (!cycleTimer->isActive() || cycleTimer->remainingTime() > delayMs)
            cycleTimer->start(delayMs);
    }
    void runCycle();
    void fanOut();
    void claim();
    void enqueue(const QList<WebhookDelivery> &deliveries);
    QSet<qint64> fullEndpoints() const;
    void pump();
    bool takeToken(EndpointRuntime &runtime, int *waitMs);
    void send(EndpointRuntime &runtime, WebhookDelivery delivery);
    HttpsConnection *connection(EndpointRuntime &runtime);
    void retireConnections(EndpointRuntime &runtime);
    // Closes connection without a finished() and deletes it later.
    void discard(HttpsConnection *connection);
    void finished(HttpsConnection *connection, const HttpsConnection::Response &response,
                  bool timedOut);
    void updateHealth(EndpointRuntime &runtime, const WebhookAttempt &attempt);
    void disable(EndpointRuntime &runtime, const QString &reason);
    void flush();
    void stored(const QList<WebhookAttempt> &light);
    void storeHealth(bool force);
    bool loadEndpoints(QString *error);
    void loadSecrets(EndpointRuntime &runtime);
    void dropQueue(EndpointRuntime &runtime);
    void loadTrust();
    void checkDeadlines();
    void poll();
};

WebhookDispatcher::WebhookDispatcher(Database &database, WebhookStore &store, const Clock &clock,
                                     WebhookSettings settings, QString engineId)
    : d(std::make_unique<Private>(this, database, store, clock, std::move(settings),
                                  std::move(engineId)))
{}

WebhookDispatcher::~WebhookDispatcher() = default;

bool WebhookDispatcher::start(QString *error)
{
    if (!d->db.connection(error).isOpen())
        return false;
    d->loadTrust();
    if (!d->loadEndpoints(error))
        return false;
    // Deliveries this engine had taken before it stopped (or crashed) are due again now.
    if (!d->outbox.releaseClaims(error))
        return false;
    d->recorder = new AttemptRecorder(
        d->db, d->clock, d->outbox.engineId(), d->settings.claimLeaseMs,
        [this](QList<WebhookAttempt> light) {
            QMetaObject::invokeMethod(this, [this, light = std::move(light)] { d->stored(light); });
        });
    d->recorderThread =
        std::make_unique<WorkerThread>(QStringLiteral("botbat-webhook-log"), d->recorder);
    if (!d->recorderThread->start(error))
        return false;

    d->cycleTimer = new QTimer(this);
    d->cycleTimer->setSingleShot(true);
    connect(d->cycleTimer, &QTimer::timeout, this, [this] { d->runCycle(); });
    d->flushTimer = new QTimer(this);
    d->flushTimer->setSingleShot(true);
    connect(d->flushTimer, &QTimer::timeout, this, [this] { d->flush(); });
    d->pumpTimer = new QTimer(this);
    d->pumpTimer->setSingleShot(true);
    connect(d->pumpTimer, &QTimer::timeout, this, [this] { d->pump(); });
    auto *pollTimer = new QTimer(this);
    connect(pollTimer, &QTimer::timeout, this, [this] { d->poll(); });
    pollTimer->start(std::max(10, d->settings.pollIntervalMs));
    auto *deadlineTimer = new QTimer(this);
    connect(deadlineTimer, &QTimer::timeout, this, [this] { d->checkDeadlines(); });
    deadlineTimer->start(kDeadlineCheckMs);
    d->scheduleCycle(0);
    return true;
}

void WebhookDispatcher::stop()
{
    d->stopping = true;
    d->flush();
    if (d->recorderThread)
        d->recorderThread->stop(); // stores what it was given first
    d->storeHealth(true);
    // Attempts still in flight are abandoned: their deliveries stay due and are sent again.
    d->inFlight.clear();
    for (auto &runtime : d->endpoints)
        d->retireConnections(runtime);
    QString error;
    if (!d->outbox.releaseClaims(&error))
        qWarning("%s", qPrintable(error));
    d->db.closeThreadConnection();
}

void WebhookDispatcher::eventsArrived()
{
    d->fanOutWanted = true;
    d->scheduleCycle(kCoalesceMs);
}

void WebhookDispatcher::wake()
{
    d->claimWanted = true;
    d->scheduleCycle(0);
}

void WebhookDispatcher::reloadEndpoints()
{
    QString error;
    if (!d->loadEndpoints(&error))
        qWarning("%s", qPrintable(error));
    d->claimWanted = true;
    d->scheduleCycle(0);
}

void WebhookDispatcher::reloadTrust()
{
    d->loadTrust();
}

void WebhookDispatcher::Private::runCycle()
{
    if (stopping)
        return;
    if (fanOutWanted)
        fanOut();
    if (claimWanted)
        claim();
    pump();
}

void WebhookDispatcher::Private::fanOut()
{
    fanOutWanted = false;
    for (int batch = 0; batch < kFanOutBatchesPerCycle; ++batch) {
        QString error;
        const auto created = outbox.fanOut(kFanOutBatch, fullEndpoints(), &error);
        if (!created) {
            qWarning("%s", qPrintable(error));
            fanOutWanted = true; // the poll tries again
            return;
        }
        for (qint64 id : created->unclaimedEndpoints) {
            if (endpoints.contains(id))
                endpoints[id].backlog = true;
        }
        if (!created->unclaimedEndpoints.isEmpty())
            claimWanted = true;
        enqueue(created->deliveries);
        if (!created->more)
            return;
    }
    fanOutWanted = true;
    scheduleCycle(0); // a long backlog: send some between batches
}

QSet<qint64> WebhookDispatcher::Private::fullEndpoints() const
{
    QSet<qint64> full;
    for (auto it = endpoints.cbegin(); it != endpoints.cend(); ++it) {
        if (it->queue.size() >= static_cast<size_t>(kQueueCap) || !it->secretProblem.isEmpty())
            full.insert(it.key());
    }
    return full;
}

void WebhookDispatcher::Private::claim()
{
    claimWanted = false;
    QString error;
    const auto claimed = outbox.claimDue(kClaimBatch, fullEndpoints(), &error);
    if (!claimed) {
        qWarning("%s", qPrintable(error));
        return;
    }
    enqueue(*claimed);
    if (claimed->size() < kClaimBatch) {
        // Everything due was taken, except for endpoints whose queue was full.
        for (auto &runtime : endpoints) {
            if (runtime.queue.size() < static_cast<size_t>(kQueueCap))
                runtime.backlog = false;
        }
    } else {
        // Maybe more; pump() asks again as queues drain.
        for (const WebhookDelivery &delivery : *claimed)
            if (auto it = endpoints.find(delivery.endpointId); it != endpoints.end())
                it->backlog = true;
    }
}

void WebhookDispatcher::Private::enqueue(const QList<WebhookDelivery> &deliveries)
{
    QList<qint64> orphans;
    for (const WebhookDelivery &delivery : deliveries) {
        if (held.contains(delivery.id))
            continue;
        auto it = endpoints.find(delivery.endpointId);
        if (it == endpoints.end()) {
            orphans.append(delivery.id);
            continue;
        }
        held.insert(delivery.id);
        it->queue.push_back(delivery);
    }
    QString error;
    if (!outbox.release(orphans, &error))
        qWarning("%s", qPrintable(error));
}

bool WebhookDispatcher::Private::takeToken(EndpointRuntime &runtime, int *waitMs)
{
    const double rate = runtime.endpoint.ratePerSecond;
    if (rate <= 0)
        return true;
    const double capacity = std::max(1.0, rate);
    if (!runtime.tokensAt.isValid()) {
        runtime.tokensAt.start();
        runtime.tokens = 1;
    } else {
        runtime.tokens =
            std::min(capacity, runtime.tokens +
                                   static_cast<double>(runtime.tokensAt.restart()) * rate / 1000.0);
    }
    if (runtime.tokens >= 1) {
        runtime.tokens -= 1;
        return true;
    }
    *waitMs = std::max(1, static_cast<int>((1 - runtime.tokens) * 1000.0 / rate));
    return false;
}

void WebhookDispatcher::Private::pump()
{
    if (stopping)
        return;
    int nextWaitMs = -1;
    for (auto &runtime : endpoints) {
        const bool sendable = runtime.secretProblem.isEmpty();
        while (sendable && !runtime.queue.empty() &&
               runtime.inFlight < runtime.endpoint.maxConcurrency && unrecorded < kMaxUnrecorded) {
            const WebhookDelivery &next = runtime.queue.front();
            if (!runtime.endpoint.enabled && !next.isTest) {
                held.remove(next.id);
                QString error;
                if (!outbox.release({next.id}, &error))
                    qWarning("%s", qPrintable(error));
                runtime.queue.pop_front();
                continue;
            }
            int waitMs = 0;
            if (!takeToken(runtime, &waitMs)) {
                nextWaitMs = nextWaitMs < 0 ? waitMs : std::min(nextWaitMs, waitMs);
                break;
            }
            WebhookDelivery delivery = std::move(runtime.queue.front());
            runtime.queue.pop_front();
            send(runtime, std::move(delivery));
        }
        if (runtime.backlog && runtime.queue.size() < static_cast<size_t>(kQueueCap / 2)) {
            claimWanted = true;
            scheduleCycle(0);
        }
    }
    if (nextWaitMs >= 0 && (!pumpTimer->isActive() || pumpTimer->remainingTime() > nextWaitMs))
        pumpTimer->start(nextWaitMs);
}

void WebhookDispatcher::Private::send(EndpointRuntime &runtime, WebhookDelivery delivery)
{
    InFlight flight;
    flight.startedAt = clock.now();
    flight.url = QUrl(runtime.endpoint.url);
    const QByteArray messageId = delivery.messageId();
    HeaderList headers{{QByteArrayLiteral("Host"), HttpsConnection::hostHeader(flight.url)},
                       {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                       {QByteArrayLiteral("User-Agent"), kUserAgent},
                       {QByteArrayLiteral("X-BotBat-Event"), delivery.eventType.toLatin1()},
                       {QByteArrayLiteral("X-BotBat-Delivery"), messageId}};
    headers.append(WebhookSigner::sign(delivery.payload, messageId,
                                       flight.startedAt.toSecsSinceEpoch(), runtime.secrets));
    headers.append(
        {QByteArrayLiteral("Content-Length"), QByteArray::number(delivery.payload.size())});
    QByteArray request = HttpsConnection::serialize(QByteArrayLiteral("POST"), flight.url, headers,
                                                    delivery.payload);
    flight.sent = std::move(headers);
    flight.delivery = std::move(delivery);
    flight.timer.start();

    HttpsConnection *target = connection(runtime);
    inFlight.insert(target, std::move(flight));
    ++runtime.inFlight;
    target->send(std::move(request));
}

HttpsConnection *WebhookDispatcher::Private::connection(EndpointRuntime &runtime)
{
    // A kept-alive idle connection first; a new one only when all are busy.
    HttpsConnection *chosen = nullptr;
    auto &connections = runtime.connections;
    for (auto it = connections.begin(); it != connections.end();) {
        HttpsConnection *candidate = *it;
        if (candidate->dead()) {
            candidate->deleteLater();
            it = connections.erase(it);
            continue;
        }
        if (!chosen && candidate->idle())
            chosen = candidate;
        ++it;
    }
    if (chosen)
        return chosen;
    // pump() sends only below maxConcurrency, and every busy connection carries one attempt.
    auto *created =
        new HttpsConnection(QUrl(runtime.endpoint.url), ssl,
                            WebhookAttempt::kMaxStoredResponseBytes, kMaxResponseBytes, q);
    QObject::connect(created, &HttpsConnection::finished, q,
                     [this, created](const HttpsConnection::Response &response) {
                         finished(created, response, false);
                     });
    connections.push_back(created);
    return created;
}

void WebhookDispatcher::Private::discard(HttpsConnection *connection)
{
    connection->disconnect(q);
    connection->cancel();
    connection->deleteLater();
}

void WebhookDispatcher::Private::retireConnections(EndpointRuntime &runtime)
{
    // Idle ones close now, busy ones after their answer: the next attempts connect anew.
    for (HttpsConnection *connection : runtime.connections) {
        connection->retire();
        if (!connection->busy() || !inFlight.contains(connection))
            discard(connection);
    }
    runtime.connections.erase(std::remove_if(runtime.connections.begin(), runtime.connections.end(),
                                             [](HttpsConnection *c) { return c->dead(); }),
                              runtime.connections.end());
}

void WebhookDispatcher::Private::finished(HttpsConnection *connection,
                                          const HttpsConnection::Response &response, bool timedOut)
{
    auto it = inFlight.find(connection);
    if (it == inFlight.end() || stopping)
        return;
    InFlight flight = std::move(*it);
    inFlight.erase(it);
    held.remove(flight.delivery.id);

    const WebhookDelivery &delivery = flight.delivery;
    WebhookAttempt attempt;
    attempt.deliveryId = delivery.id;
    attempt.endpointId = delivery.endpointId;
    attempt.eventType = delivery.eventType;
    attempt.attempt = delivery.attempts + 1;
    attempt.isTest = delivery.isTest;
    attempt.startedAt = flight.startedAt;
    attempt.durationMs = static_cast<int>(flight.timer.elapsed());
    attempt.requestUrl = flight.url.toString();
    attempt.requestHeaders = std::move(flight.sent);
    attempt.httpStatus = timedOut ? 0 : response.status;
    if (attempt.httpStatus > 0) {
        attempt.responseHeaders = response.headers;
        attempt.responseBody = response.body;
        attempt.responseTruncated = response.received > WebhookAttempt::kMaxStoredResponseBytes;
    }
    attempt.succeeded = attempt.httpStatus >= 200 && attempt.httpStatus < 300;
    if (!attempt.succeeded) {
        const DeliveryDiagnosis::Finding finding =
            attempt.httpStatus > 0
                ? DeliveryDiagnosis::http(attempt.httpStatus, response.reason,
                                          response.header(QByteArrayLiteral("Location")))
                : DeliveryDiagnosis::network(response.error, response.errorString,
                                             response.sslErrors, flight.url, timedOut,
                                             settings.requestTimeoutMs);
        attempt.errorClass = finding.errorClass;
        attempt.errorMessage = finding.message;
    }

    Outbox::Result result;
    const QDateTime now = clock.now();
    auto runtimeIt = endpoints.find(delivery.endpointId);
    if (runtimeIt != endpoints.end())
        --runtimeIt->inFlight;
    if (connection->dead() || runtimeIt == endpoints.end()) {
        discard(connection);
        if (runtimeIt != endpoints.end())
            runtimeIt->connections.erase(std::remove(runtimeIt->connections.begin(),
                                                     runtimeIt->connections.end(), connection),
                                         runtimeIt->connections.end());
    }
    if (attempt.succeeded) {
        result.state = WebhookDelivery::State::Succeeded;
    } else if (delivery.isTest || attempt.httpStatus == 410) {
        result.state = WebhookDelivery::State::Failed;
    } else {
        const bool honorsRetryAfter = attempt.httpStatus == 429 || attempt.httpStatus == 503;
        const double jitter = QRandomGenerator::global()->generateDouble() * 2.0 - 1.0;
        const auto delay = RetryPolicy::delayMs(
            attempt.attempt, jitter,
            honorsRetryAfter ? retryAfterMs(response.header(QByteArrayLiteral("Retry-After")), now)
                             : 0);
        if (delay) {
            result.state = WebhookDelivery::State::Retrying;
            result.nextAttemptAt = now.addMSecs(*delay);
            attempt.nextRetryAt = result.nextAttemptAt;
        } else {
            result.state = WebhookDelivery::State::Failed;
        }
    }
    result.attempt = std::move(attempt);
    if (runtimeIt != endpoints.end()) {
        updateHealth(*runtimeIt, result.attempt);
        if (result.attempt.httpStatus == 410 && !delivery.isTest)
            disable(*runtimeIt,
                    QStringLiteral("The endpoint answered 410 Gone on %1, which means it will not "
                                   "accept deliveries again, so BotBat stopped sending to it. "
                                   "Enable it once a receiver is back at this URL.")
                        .arg(now.toString(Qt::ISODate)));
    }
    results.append(std::move(result));
    if (results.size() >= kFlushBatch)
        flush();
    else if (!flushTimer->isActive())
        flushTimer->start(settings.flushIntervalMs);
    pump();
}

void WebhookDispatcher::Private::updateHealth(EndpointRuntime &runtime,
                                              const WebhookAttempt &attempt)
{
    WebhookEndpoint &endpoint = runtime.endpoint;
    if (!endpoint.enabled)
        return; // a test of a disabled endpoint does not change why it is inactive
    const QDateTime now = clock.now();
    endpoint.lastAttemptAt = attempt.startedAt;
    endpoint.lastStatus = attempt.httpStatus;
    runtime.warning = false;
    if (attempt.succeeded) {
        endpoint.lastSuccessAt = now;
        endpoint.lastErrorClass.clear();
        endpoint.lastError.clear();
        endpoint.failingSince = QDateTime();
    } else {
        if (!endpoint.failingSince.isValid())
            endpoint.failingSince = attempt.startedAt;
        endpoint.lastErrorClass = WebhookAttempt::errorClassKey(attempt.errorClass);
        endpoint.lastError = attempt.errorMessage;
        const qint64 failingMs = endpoint.failingSince.msecsTo(now);
        const QDateTime disableAt = endpoint.failingSince.addMSecs(settings.autoDisableAfterMs);
        if (failingMs >= settings.autoDisableAfterMs && !attempt.isTest) {
            disable(runtime, QStringLiteral("Every delivery attempt failed from %1 to %2, so the "
                                            "endpoint was disabled automatically. Last error: %3 "
                                            "Fix the receiver, then enable the endpoint again.")
                                 .arg(endpoint.failingSince.toString(Qt::ISODate),
                                      now.toString(Qt::ISODate), attempt.errorMessage));
            return;
        }
        runtime.warning = failingMs >= settings.warnBeforeDisableMs;
        if (runtime.warning)
            endpoint.lastError += QStringLiteral(" Every attempt has failed since %1; the endpoint "
                                                 "will be disabled automatically on %2 unless a "
                                                 "delivery succeeds before then.")
                                      .arg(endpoint.failingSince.toString(Qt::ISODate),
                                           disableAt.toString(Qt::ISODate));
    }
    runtime.healthDirty = true;
}

void WebhookDispatcher::Private::disable(EndpointRuntime &runtime, const QString &reason)
{
    runtime.endpoint.enabled = false;
    runtime.endpoint.disabledReason = reason;
    runtime.healthDirty = true;
    storeHealth(true); // the health columns first, then the state change that announces it
    const auto disabled = store.setEnabled(runtime.endpoint.id, false, reason);
    if (!disabled)
        qWarning("Cannot disable webhook %lld: %s", runtime.endpoint.id,
                 qPrintable(disabled.error().message()));
    dropQueue(runtime);
}

void WebhookDispatcher::Private::dropQueue(EndpointRuntime &runtime)
{
    // Disabled: its queued deliveries go back to the database, due, for when it is enabled
    // again. Tests are still sent (an admin may test a disabled endpoint).
    QList<qint64> released;
    std::deque<WebhookDelivery> tests;
    for (WebhookDelivery &delivery : runtime.queue) {
        if (delivery.isTest) {
            tests.push_back(std::move(delivery));
            continue;
        }
        held.remove(delivery.id);
        released.append(delivery.id);
    }
    runtime.queue = std::move(tests);
    QString error;
    if (!outbox.release(released, &error))
        qWarning("%s", qPrintable(error));
}

void WebhookDispatcher::Private::flush()
{
    if (results.isEmpty() || !recorder)
        return;
    unrecorded += results.size();
    recorder->record(std::move(results));
    results.clear();
}

void WebhookDispatcher::Private::stored(const QList<WebhookAttempt> &light)
{
    const bool wasFull = unrecorded >= kMaxUnrecorded;
    unrecorded -= light.size();
    emit q->attemptsRecorded(light);
    storeHealth(false);
    if (wasFull && unrecorded < kMaxUnrecorded)
        pump();
}

void WebhookDispatcher::Private::storeHealth(bool force)
{
    for (auto &runtime : endpoints) {
        if (!runtime.healthDirty)
            continue;
        const WebhookEndpoint::Health health = runtime.endpoint.health();
        if (!force && health == runtime.storedHealth && runtime.warning == runtime.storedWarning &&
            runtime.healthStoredAt.isValid() &&
            runtime.healthStoredAt.elapsed() < kHealthWriteIntervalMs)
            continue;
        QString error;
        if (!store.storeHealth(runtime.endpoint, &error)) {
            qWarning("%s", qPrintable(error));
            continue;
        }
        runtime.healthDirty = false;
        runtime.storedHealth = health;
        runtime.storedWarning = runtime.warning;
        runtime.healthStoredAt.start();
    }
}

bool WebhookDispatcher::Private::loadEndpoints(QString *error)
{
    auto listed = store.list();
    if (!listed) {
        *error = listed.error().message();
        return false;
    }
    endpointsVersion = store.endpointsVersion();
    QSet<qint64> seen;
    for (const WebhookEndpoint &loaded : listed.value()) {
        seen.insert(loaded.id);
        auto it = endpoints.find(loaded.id);
        if (it == endpoints.end()) {
            EndpointRuntime runtime;
            runtime.endpoint = loaded;
            runtime.storedHealth = loaded.health();
            it = endpoints.insert(loaded.id, std::move(runtime));
            loadSecrets(*it);
            continue;
        }
        WebhookEndpoint &current = it->endpoint;
        const bool secretsChanged = current.hasSecret != loaded.hasSecret ||
                                    current.secretRotatedAt != loaded.secretRotatedAt ||
                                    current.updatedAt != loaded.updatedAt ||
                                    !it->secretProblem.isEmpty();
        const bool reenabled = !current.enabled && loaded.enabled;
        if (current.url != loaded.url)
            retireConnections(*it);
        if (reenabled || !loaded.enabled) {
            current = loaded; // an admin's decision: take the stored health as well
        } else {
            // Keep the health this dispatcher has seen most recently; take everything else.
            WebhookEndpoint merged = loaded;
            merged.lastAttemptAt = current.lastAttemptAt;
            merged.lastSuccessAt = current.lastSuccessAt;
            merged.lastStatus = current.lastStatus;
            merged.lastErrorClass = current.lastErrorClass;
            merged.lastError = current.lastError;
            merged.failingSince = current.failingSince;
            if (loaded.lastAttemptAt > current.lastAttemptAt)
                merged = loaded;
            current = merged;
        }
        if (secretsChanged)
            loadSecrets(*it);
        if (!current.enabled)
            dropQueue(*it);
    }
    for (auto it = endpoints.begin(); it != endpoints.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        for (const WebhookDelivery &delivery : it->queue)
            held.remove(delivery.id);
        retireConnections(*it);
        it = endpoints.erase(it); // its rows are gone with it
    }
    return true;
}

void WebhookDispatcher::Private::loadSecrets(EndpointRuntime &runtime)
{
    QString error;
    runtime.secrets = runtime.endpoint.hasSecret ? store.signingSecrets(runtime.endpoint, &error)
                                                 : QList<QString>();
    if (runtime.endpoint.hasSecret && runtime.secrets.isEmpty() && error.isEmpty())
        error = QStringLiteral("the secret is missing from the secret store");
    runtime.secretProblem =
        error.isEmpty()
            ? QString()
            : QStringLiteral("The signing secret could not be read (%1). Deliveries wait until it "
                             "can be; check the secret store, or set a new secret.")
                  .arg(error);
    if (!runtime.secretProblem.isEmpty()) {
        qWarning("Webhook %lld: %s", runtime.endpoint.id, qPrintable(runtime.secretProblem));
        runtime.endpoint.lastErrorClass = QStringLiteral("secret");
        runtime.endpoint.lastError = runtime.secretProblem;
        runtime.healthDirty = true;
    }
}

void WebhookDispatcher::Private::loadTrust()
{
    ssl =
        WebhookTrust::configuration(WebhookTrust::extraAuthorities(store, settings.trustedCaFiles));
    for (auto &runtime : endpoints)
        retireConnections(runtime); // new connections verify against the new list
}

void WebhookDispatcher::Private::checkDeadlines()
{
    QList<HttpsConnection *> late;
    for (auto it = inFlight.cbegin(); it != inFlight.cend(); ++it)
        if (it->timer.elapsed() >= settings.requestTimeoutMs)
            late.append(it.key());
    for (HttpsConnection *connection : late) {
        connection->cancel();
        finished(connection, {}, true);
    }
}

void WebhookDispatcher::Private::poll()
{
    if (stopping)
        return;
    // Another engine (or a console on the same database) may have changed endpoints.
    QString error;
    const QString version = store.endpointsVersion(&error);
    if (error.isEmpty() && version != endpointsVersion && !loadEndpoints(&error))
        qWarning("%s", qPrintable(error));
    const QDateTime now = clock.now();
    for (auto &runtime : endpoints) {
        const bool overlapEnded =
            runtime.secrets.size() > 1 && !runtime.endpoint.inRotationOverlapAt(now);
        if (overlapEnded || !runtime.secretProblem.isEmpty())
            loadSecrets(runtime);
    }
    storeHealth(false);
    fanOutWanted = true; // events written by other processes reach us only this way
    claimWanted = true;  // retries that came due
    runCycle();
}

} // namespace botbat
