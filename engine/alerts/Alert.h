#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <optional>

namespace botbat {

// Something an admin should know about at once: a webhook delivery failed for good, or an
// integration went into Error. Stored (table alerts) before it is announced or sent, so the
// Overview badge survives restarts and the alert webhook gets it even after a crash. A burst of
// failures of one integration is one immediate alert followed, when the burst window closes,
// by one Summary alert counting the rest.
struct Alert
{
    enum class Kind
    {
        PermanentFailure, // a delivery used all its attempts (or was refused for good)
        EnteredError,     // the integration's health went to Error
        Summary           // the further failures of a burst, counted
    };
    // What became of sending it to the alert webhook.
    enum class SendState
    {
        Pending, // not yet (a summary until its window closes, or waiting for a retry)
        Sent,
        Skipped, // no alert webhook was configured when it was due
        Failed   // every try failed; see sendError
    };

    qint64 id = 0;
    QDateTime raisedAt;
    QDateTime dueAt; // when it is shown and sent: at once, or when a summary's window closes
    QString integrationKind;  // IntegrationSummary::categoryKey, e.g. "webhook_out"
    qint64 sourceId = 0;      // the id within that kind (a webhook endpoint's id)
    qint64 integrationId = 0; // its Overview entry
    QString integrationName;
    Kind kind = Kind::PermanentFailure;
    QString reason;   // the last failure's plain-language message
    int failures = 1; // failures this alert stands for
    QDateTime firstAt;
    QDateTime lastAt;
    qint64 burstId = 0; // a summary: the id of the alert that opened its burst
    SendState sendState = SendState::Pending;
    int sendAttempts = 0;
    QDateTime nextSendAt;
    QDateTime sentAt;
    QString sendError;
    QDateTime acknowledgedAt;

    bool isAcknowledged() const { return acknowledgedAt.isValid(); }
    // One line for people: what happened to which integration, e.g. for a notification title.
    QString title() const;
    // The text of a notification or of the alert webhook's "text" field.
    QString summaryLine() const;
    // What to do about it.
    QString hint() const;
    // The alert webhook's body: Slack-compatible ("text") plus structured fields.
    QJsonObject webhookPayload() const;

    static QString kindKey(Kind kind); // "permanent_failure", "entered_error", "summary"
    static std::optional<Kind> kindFromKey(const QString &key);
    static QString sendStateKey(SendState state); // "pending", "sent", "skipped", "failed"
    static std::optional<SendState> sendStateFromKey(const QString &key);
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::Alert)
