#pragma once

#include "Alert.h"
#include "AlertConfig.h"
#include "AlertSettings.h"
#include "core/Service.h"
#include "webhooks/WebhookAttempt.h"
#include "webhooks/WebhookEndpoint.h"

#include <QHash>
#include <QSslConfiguration>
#include <QStringList>
#include <functional>

class QTimer;

namespace botbat {

class AlertSender;
class AlertStore;
class Clock;
class Database;
class WebhookStore;

// Raises alerts, in its own thread: a webhook delivery failed permanently (an attempt that
// failed, is not a test and has no retry after it), or an endpoint's health went into Error.
// Per integration, the first alert of a burst is stored, announced and sent at once; further
// ones within the burst window are counted into one summary, announced and sent when the
// window closes. Sending to the alert webhook is at-least-once from the stored rows, with a
// bounded timeout and a few retries with backoff.
class AlertService : public Service
{
    Q_OBJECT
public:
    AlertService(Database &database, AlertStore &alerts, WebhookStore &webhooks, const Clock &clock,
                 AlertConfig config, QStringList trustedCaFiles);
    ~AlertService() override;

    bool start(QString *error) override;
    void stop() override;

    // Sends a sample alert to url (empty: the configured alert webhook) now, without storing
    // it; done(ok, message) runs in this service's thread.
    void sendTest(const QString &url, std::function<void(bool ok, const QString &message)> done);

public slots:
    void attemptsRecorded(const QList<botbat::WebhookAttempt> &attempts);
    void endpointChanged(const botbat::WebhookEndpoint &endpoint);
    void endpointRemoved(qint64 id);
    void settingsChanged(const botbat::AlertSettings &settings);
    void reloadTrust();

signals:
    // A stored alert became due: shown on the desktop and counted on the Overview.
    void alertRaised(const botbat::Alert &alert);

private:
    struct Source
    {
        qint64 integrationId = 0;
        QString name;
        WebhookEndpoint::Health health = WebhookEndpoint::Health::Waiting;
    };
    struct Burst
    {
        qint64 openerId = 0;
        QDateTime endsAt;
        qint64 summaryId = 0;
    };

    void remember(const WebhookEndpoint &endpoint);
    const Source *source(qint64 endpointId);
    void raise(qint64 endpointId, Alert::Kind kind, const QString &reason, const QDateTime &at);
    void restoreBursts();
    void tick();
    void closeWindows();
    void sendDue();
    void sent(const Alert &alert, bool ok, const QString &message);
    QString targetUrl(QString *error);

    Database &m_database;
    AlertStore &m_alerts;
    WebhookStore &m_webhooks;
    const Clock &m_clock;
    AlertConfig m_config;
    QStringList m_trustedCaFiles;
    AlertSettings m_settings;
    QHash<qint64, Source> m_sources; // webhook endpoint id -> what alerts say about it
    QHash<QString, Burst> m_bursts;  // "kind:id" -> its open burst
    QSslConfiguration m_ssl;
    AlertSender *m_sender = nullptr;
    QTimer *m_timer = nullptr;
    Alert m_inFlight; // the alert being sent; id 0 when none is
    bool m_stopping = false;
    QString m_lastUrlProblem; // logged once, not every poll
};

} // namespace botbat
