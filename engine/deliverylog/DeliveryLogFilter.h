#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVariantList>

namespace botbat {

// What the Delivery Log shows: every condition set here must hold (they combine). The default
// shows every attempt, newest first.
struct DeliveryLogFilter
{
    enum class StatusFilter
    {
        Any,     // every attempt
        Failing, // "failed only": retrying or permanently failed
        Pending, // deliveries not attempted yet (they have no attempt rows)
        Retrying,
        Succeeded,
        Failed, // permanently failed
        Test,
    };
    enum class HttpClass
    {
        Any,
        NoAnswer, // DNS, connect, TLS or timeout: no HTTP status
        Informational,
        Success,  // 2xx
        Redirect, // 3xx
        ClientError,
        ServerError,
    };

    StatusFilter status = StatusFilter::Any;
    qint64 endpointId = 0; // 0 = every endpoint
    QString eventType;     // empty = every type
    QDateTime from;        // started at or after; invalid = no bound
    QDateTime to;          // started before; invalid = no bound
    HttpClass httpClass = HttpClass::Any;
    QString text; // free text, case-insensitive, in payloads, error messages and URLs

    bool operator==(const DeliveryLogFilter &other) const;
    bool operator!=(const DeliveryLogFilter &other) const { return !(*this == other); }
    bool isDefault() const { return *this == DeliveryLogFilter(); }
    // Pending rows come from the deliveries table, every other view from the attempts table.
    bool pendingView() const { return status == StatusFilter::Pending; }
    // SQLite answers free text of three or more characters (with a letter or digit) from its
    // full-text indexes (webhook_payload_search: words; webhook_error_search: trigrams);
    // otherwise the payloads are scanned.
    bool usesSearchIndex(bool postgres) const
    {
        return !postgres && text.size() >= 3 && payloadQuery() != QLatin1String("\"\"*");
    }
    // The full-text query for the payload index: the text's words as a phrase, the last one a
    // prefix.
    QString payloadQuery() const;
    // The attempts view joins the deliveries only to scan their payloads.
    bool needsPayload(bool postgres) const { return !text.isEmpty() && !usesSearchIndex(postgres); }

    // The WHERE conditions (joined with AND, starting with "1 = 1") over the aliases a (attempts)
    // or, in the Pending view, d (deliveries), with their values in order.
    // postgres: use ILIKE (PostgreSQL's LIKE is case-sensitive; SQLite's is not for ASCII).
    QString where(bool postgres, QVariantList *values) const;

    // The filter for people, e.g. "failed only, contact.created, text "x"" or "no filter".
    QString describe() const;

    static QString statusKey(StatusFilter status);
    static StatusFilter statusFromKey(const QString &key);
    static QString httpClassKey(HttpClass httpClass);
    static HttpClass httpClassFromKey(const QString &key);
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::DeliveryLogFilter)
