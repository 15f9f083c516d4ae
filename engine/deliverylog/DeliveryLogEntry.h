#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace botbat {

// One row of the Delivery Log: one attempt of one delivery (or, in the Pending view, a delivery
// that has not been attempted yet). Light: no headers or bodies; those are read by id.
struct DeliveryLogEntry
{
    // Where the row comes from. Outgoing webhooks today; incoming requests and CRM sync attempts
    // add their own sources and read their own tables into the same shape.
    enum class Source
    {
        Webhook,
    };
    enum class Status
    {
        Pending,   // queued, not attempted yet
        Retrying,  // failed; another attempt is scheduled
        Succeeded, // a 2xx answer
        Failed,    // failed, and no retry follows: permanently failed
        Test,      // a test delivery (never retried)
    };

    Source source = Source::Webhook;
    qint64 key = 0; // the id the log pages by: the attempt id, or the delivery id when Pending
    qint64 attemptId = 0;
    qint64 deliveryId = 0;
    qint64 endpointId = 0;
    QString integration; // the endpoint's description, or its host when it has none
    QString endpointUrl;
    QString eventType;
    int attempt = 0; // 1 = first try; 0 when Pending
    QDateTime at;    // when the attempt started (created, when Pending)
    int httpStatus = 0;
    int durationMs = 0;
    Status status = Status::Pending;
    bool testSucceeded = false; // a Test row: whether it got a 2xx
    QString errorMessage;
    QDateTime nextRetryAt;

    static QString sourceKey(Source source);   // "webhook"
    static QString sourceTitle(Source source); // "Webhook", for people
    static QString statusKey(Status status);   // "pending", "retrying", ...
    static QString statusTitle(Status status); // "Pending", "Retrying", "Permanently failed", ...
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::DeliveryLogEntry)
