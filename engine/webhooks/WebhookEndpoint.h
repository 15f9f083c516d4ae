#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QStringList>

namespace botbat {

// An outgoing-webhook endpoint as the console, the REST API and the dispatcher see it. The
// signing secret is never here: only whether there is one (it lives in the secret store).
struct WebhookEndpoint
{
    // Waiting: enabled, nothing attempted yet. Connected: the last attempt succeeded.
    // Error: the last attempt failed (lastError says why and what to do). Inactive: disabled by
    // an admin, by a 410 Gone answer, or after failing for the auto-disable period.
    enum class Health
    {
        Waiting,
        Connected,
        Error,
        Inactive
    };

    static constexpr int kDefaultMaxConcurrency = 8;
    static constexpr int kMaxMaxConcurrency = 64;

    qint64 id = 0;
    QString url;
    QString description;
    QStringList events; // sorted event types
    bool enabled = true;
    QString disabledReason; // why it is inactive (admin, 410 Gone, sustained failure)
    QDateTime disabledAt;
    int maxConcurrency = kDefaultMaxConcurrency; // attempts in flight at once
    double ratePerSecond = 0;                    // 0 = no throttle
    bool hasSecret = false;
    QDateTime secretRotatedAt;
    QDateTime previousSecretUntil; // during a rotation overlap both secrets sign
    qint64 integrationId = 0;      // its Overview entry
    qint64 startsAfterEventId = 0; // the last event id when it was created: it gets later ones

    // Health, kept up to date by the dispatcher.
    QDateTime lastAttemptAt;
    QDateTime lastSuccessAt;
    int lastStatus = 0;     // HTTP status of the last attempt, 0 if none arrived
    QString lastErrorClass; // "", "dns", "connect", "tls", "timeout", "http"
    QString lastError;      // plain-language message with the remedy
    QDateTime failingSince; // first failure since the last success; invalid when healthy

    QDateTime createdAt;
    QDateTime updatedAt;

    Health health() const;
    bool subscribes(const QString &eventType) const { return events.contains(eventType); }
    bool inRotationOverlapAt(const QDateTime &now) const
    {
        return previousSecretUntil.isValid() && now < previousSecretUntil;
    }
    QJsonObject toJson() const; // the REST shape (no secret)

    static QString healthKey(Health health); // "waiting", "connected", "error", "inactive"
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::WebhookEndpoint)
