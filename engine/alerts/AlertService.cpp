#include "AlertService.h"

#include "AlertSender.h"
#include "AlertStore.h"
#include "core/Clock.h"
#include "integrations/IntegrationSummary.h"
#include "storage/Database.h"
#include "webhooks/WebhookStore.h"
#include "webhooks/WebhookTrust.h"

#include <QJsonDocument>
#include <QSet>
#include <QSslCertificate>
#include <QTimer>

namespace botbat {

namespace {

const QString kWebhookKind =
    IntegrationSummary::categoryKey(IntegrationSummary::Category::WebhookOut);

QString burstKey(const QString &kind, qint64 sourceId)
{
    return kind + QLatin1Char(':') + QString::number(sourceId);
}

// The name the Overview shows for the endpoint: its description, else the URL's host (never
// the whole URL, whose path may carry a token).
QString endpointName(const WebhookEndpoint &endpoint)
{
    if (!endpoint.description.trimmed().isEmpty())
        return endpoint.description.trimmed();
    const QString host = QUrl(endpoint.url).host();
    return host.isEmpty() ? QStringLiteral("#%1").arg(endpoint.id) : host;
}

} // namespace

AlertService::AlertService(Database &database, AlertStore &alerts, WebhookStore &webhooks,
                           const Clock &clock, AlertConfig config, QStringList trustedCaFiles)
    : m_database(database), m_alerts(alerts), m_webhooks(webhooks), m_clock(clock),
      m_config(std::move(config)), m_trustedCaFiles(std::move(trustedCaFiles))
{}

AlertService::~AlertService() = default;

bool AlertService::start(QString *error)
{
    if (!m_database.connection(error).isOpen())
        return false;
    QString reason;
    m_settings = m_alerts.settings(&reason);
    if (!reason.isEmpty())
        qWarning("%s", qPrintable(reason));
    const auto endpoints = m_webhooks.list();
    if (!endpoints) {
        *error = endpoints.error().message();
        return false;
    }
    for (const WebhookEndpoint &endpoint : endpoints.value())
        remember(endpoint);
    reloadTrust();
    restoreBursts();
    m_sender = new AlertSender(this);
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &AlertService::tick);
    m_timer->start(std::max(10, m_config.pollIntervalMs));
    // Alerts stored but not sent before a crash or a stop go out now.
    QTimer::singleShot(0, this, &AlertService::tick);
    return true;
}

void AlertService::stop()
{
    // A send in flight is dropped with its connection; its row stays pending and is sent at
    // the next start (again, if it had in fact arrived: at-least-once).
    m_stopping = true;
    if (m_timer)
        m_timer->stop();
    if (m_inFlight.id) {
        // Handed back at once, not left to its lease: the next start sends it.
        QString error;
        if (!m_alerts.recordSend(m_inFlight.id, Alert::SendState::Pending, m_inFlight.sendAttempts,
                                 {}, m_inFlight.sendError, &error))
            qWarning("%s", qPrintable(error));
    }
    delete m_sender;
    m_sender = nullptr;
    m_database.closeThreadConnection();
}

void AlertService::remember(const WebhookEndpoint &endpoint)
{
    Source &entry = m_sources[endpoint.id];
    entry.integrationId = endpoint.integrationId;
    entry.name = endpointName(endpoint);
    entry.health = endpoint.health();
}

const AlertService::Source *AlertService::source(qint64 endpointId)
{
    auto it = m_sources.constFind(endpointId);
    if (it != m_sources.constEnd())
        return &*it;
    const auto loaded = m_webhooks.get(endpointId);
    if (!loaded)
        return nullptr; // deleted meanwhile: nobody to alert about
    remember(loaded.value());
    return &m_sources[endpointId];
}

void AlertService::attemptsRecorded(const QList<WebhookAttempt> &attempts)
{
    if (m_stopping)
        return;
    for (const WebhookAttempt &attempt : attempts) {
        const bool permanent =
            !attempt.succeeded && !attempt.isTest && !attempt.nextRetryAt.isValid();
        if (permanent)
            raise(attempt.endpointId, Alert::Kind::PermanentFailure, attempt.errorMessage,
                  attempt.startedAt.isValid() ? attempt.startedAt : m_clock.now());
    }
}

void AlertService::endpointChanged(const WebhookEndpoint &endpoint)
{
    if (m_stopping)
        return;
    const auto known = m_sources.constFind(endpoint.id);
    const WebhookEndpoint::Health before =
        known == m_sources.constEnd() ? WebhookEndpoint::Health::Waiting : known->health;
    remember(endpoint);
    if (endpoint.health() == WebhookEndpoint::Health::Error &&
        before != WebhookEndpoint::Health::Error)
        raise(endpoint.id, Alert::Kind::EnteredError, endpoint.lastError,
              endpoint.lastAttemptAt.isValid() ? endpoint.lastAttemptAt : m_clock.now());
}

void AlertService::endpointRemoved(qint64 id)
{
    m_sources.remove(id);
}

void AlertService::settingsChanged(const AlertSettings &settings)
{
    m_settings = settings;
    m_lastUrlProblem.clear();
    tick();
}

void AlertService::raise(qint64 endpointId, Alert::Kind kind, const QString &reason,
                         const QDateTime &at)
{
    const Source *from = source(endpointId);
    if (!from)
        return;
    closeWindows(); // a burst that just ended is announced before a new one opens
    const QDateTime now = m_clock.now();
    const QString key = burstKey(kWebhookKind, endpointId);
    QString error;
    auto burst = m_bursts.find(key);
    const bool inBurst = burst != m_bursts.end() && now < burst->endsAt;
    // Within the burst: counted, shown and sent once when the window closes.
    if (inBurst && burst->summaryId) {
        if (!m_alerts.countInSummary(burst->summaryId, at, reason, &error))
            qWarning("%s", qPrintable(error));
        return;
    }
    Alert alert;
    alert.raisedAt = now;
    alert.dueAt = now;
    alert.integrationKind = kWebhookKind;
    alert.sourceId = endpointId;
    alert.integrationId = from->integrationId;
    alert.integrationName = from->name;
    alert.kind = kind;
    alert.reason = reason;
    alert.firstAt = at;
    alert.lastAt = at;
    if (inBurst) {
        alert.kind = Alert::Kind::Summary;
        alert.dueAt = burst->endsAt;
        alert.burstId = burst->openerId;
        if (const auto summary = m_alerts.insert(alert, &error))
            burst->summaryId = summary->id;
        else
            qWarning("%s", qPrintable(error));
        return;
    }
    const auto stored = m_alerts.insert(alert, &error);
    if (!stored) {
        qWarning("%s", qPrintable(error));
        return;
    }
    m_bursts.insert(key, {stored->id, now.addMSecs(m_settings.burstWindowMs), 0});
    emit alertRaised(*stored);
    sendDue();
}

void AlertService::restoreBursts()
{
    // A restart inside a burst goes on counting into it instead of alerting afresh.
    const QDateTime now = m_clock.now();
    QString error;
    const QList<Alert> rows =
        m_alerts.openBursts(now.addMSecs(-AlertSettings::kMaxBurstWindowMs), &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    QSet<QString> seen;
    for (const Alert &row : rows) {
        const QString key = burstKey(row.integrationKind, row.sourceId);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        if (row.kind == Alert::Kind::Summary) {
            if (row.dueAt > now)
                m_bursts.insert(key, {row.burstId, row.dueAt, row.id});
        } else if (const QDateTime endsAt = row.raisedAt.addMSecs(m_settings.burstWindowMs);
                   endsAt > now) {
            m_bursts.insert(key, {row.id, endsAt, 0});
        }
    }
}

void AlertService::tick()
{
    if (m_stopping)
        return;
    closeWindows();
    sendDue();
}

void AlertService::closeWindows()
{
    const QDateTime now = m_clock.now();
    for (auto it = m_bursts.begin(); it != m_bursts.end();) {
        if (now < it->endsAt) {
            ++it;
            continue;
        }
        const qint64 summaryId = it->summaryId;
        it = m_bursts.erase(it);
        if (!summaryId)
            continue;
        QString error;
        if (const auto summary = m_alerts.get(summaryId, &error))
            emit alertRaised(*summary);
        else
            qWarning("%s", qPrintable(error));
    }
}

QString AlertService::targetUrl(QString *error)
{
    if (!m_config.webhookUrl.isEmpty())
        return m_config.webhookUrl;
    return m_alerts.webhookUrl(error);
}

void AlertService::sendDue()
{
    if (m_inFlight.id || m_stopping || !m_sender)
        return;
    QString error;
    const QList<Alert> due = m_alerts.dueForSending(20, &error);
    if (!error.isEmpty()) {
        qWarning("%s", qPrintable(error));
        return;
    }
    if (due.isEmpty())
        return;
    const QString url = targetUrl(&error);
    if (url.isEmpty()) {
        if (!error.isEmpty()) {
            // The secret store failed: keep them pending until it can be read.
            if (error != m_lastUrlProblem)
                qWarning("The alert webhook URL could not be read from the secret store (%s); "
                         "alerts wait until it can be.",
                         qPrintable(error));
            m_lastUrlProblem = error;
            return;
        }
        for (const Alert &alert : due)
            if (!m_alerts.recordSend(alert.id, Alert::SendState::Skipped, alert.sendAttempts, {},
                                     QStringLiteral("No alert webhook was set."), &error))
                qWarning("%s", qPrintable(error));
        return;
    }
    // The lease outlasts one try, so it only runs out if this engine died while sending.
    const QDateTime leaseUntil = m_clock.now().addMSecs(2LL * m_config.requestTimeoutMs + 1000);
    const Alert alert = due.constFirst();
    if (!m_alerts.claimForSending(alert.id, leaseUntil, &error)) {
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return; // another engine on this database sends it; the next poll looks again
    }
    m_inFlight = alert;
    const QByteArray body = QJsonDocument(alert.webhookPayload()).toJson(QJsonDocument::Compact);
    m_sender->post(QUrl(url), body, m_ssl, m_config.requestTimeoutMs,
                   [this, alert](const AlertSender::Result &result) {
                       sent(alert, result.ok, result.message);
                   });
}

void AlertService::sent(const Alert &alert, bool ok, const QString &message)
{
    m_inFlight = {};
    if (m_stopping)
        return;
    const int attempts = alert.sendAttempts + 1;
    const int maxAttempts = static_cast<int>(m_config.retryDelaysMs.size()) + 1;
    QString error;
    bool stored = false;
    if (ok) {
        stored = m_alerts.recordSend(alert.id, Alert::SendState::Sent, attempts, {}, {}, &error);
    } else if (attempts >= maxAttempts) {
        qWarning("Alert %lld could not be sent to the alert webhook after %d tries, giving up: %s",
                 alert.id, attempts, qPrintable(message));
        stored =
            m_alerts.recordSend(alert.id, Alert::SendState::Failed, attempts, {}, message, &error);
    } else {
        const qint64 delay = m_config.retryDelaysMs.value(attempts - 1);
        qWarning("Alert %lld could not be sent to the alert webhook (try %d of %d; next in %lld "
                 "s): %s",
                 alert.id, attempts, maxAttempts, delay / 1000, qPrintable(message));
        stored = m_alerts.recordSend(alert.id, Alert::SendState::Pending, attempts,
                                     m_clock.now().addMSecs(delay), message, &error);
    }
    if (!stored) {
        qWarning("%s", qPrintable(error));
        return; // not again at once: the next poll retries
    }
    sendDue();
}

void AlertService::sendTest(const QString &url,
                            std::function<void(bool ok, const QString &message)> done)
{
    QString error;
    const QString target = url.trimmed().isEmpty() ? targetUrl(&error) : url.trimmed();
    if (target.isEmpty()) {
        done(false, error.isEmpty() ? tr("No alert webhook URL is set. Paste the https:// "
                                         "address of your alert webhook (e.g. a Slack incoming "
                                         "webhook) first.")
                                    : tr("The alert webhook URL could not be read from the secret "
                                         "store: %1")
                                          .arg(error));
        return;
    }
    if (const auto invalid = AlertStore::validateWebhookUrl(target)) {
        done(false, *invalid);
        return;
    }
    if (!m_sender) {
        done(false, tr("The engine is stopping; try again once it runs."));
        return;
    }
    const QDateTime now = m_clock.now();
    const QJsonObject payload{
        {QStringLiteral("text"),
         tr("BotBat: this is a test alert from the BotBat Integrations Console. Alerts about "
            "failing integrations will arrive here.")},
        {QStringLiteral("kind"), QStringLiteral("test")},
        {QStringLiteral("integration"), QJsonObject{}},
        {QStringLiteral("reason"), QString()},
        {QStringLiteral("failures"), 0},
        {QStringLiteral("first_at"), now.toString(Qt::ISODateWithMs)},
        {QStringLiteral("last_at"), now.toString(Qt::ISODateWithMs)},
        {QStringLiteral("hint"), tr("Nothing to do: this only checks that alerts arrive.")}};
    m_sender->post(QUrl(target), QJsonDocument(payload).toJson(QJsonDocument::Compact), m_ssl,
                   m_config.requestTimeoutMs, [done](const AlertSender::Result &result) {
                       done(result.ok,
                            result.ok
                                ? tr("The test alert was delivered (HTTP %1).").arg(result.status)
                                : result.message);
                   });
}

void AlertService::reloadTrust()
{
    // The same trust as webhook deliveries.
    m_ssl =
        WebhookTrust::configuration(WebhookTrust::extraAuthorities(m_webhooks, m_trustedCaFiles));
}

} // namespace botbat
