#pragma once

#include "WebhookSigner.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace botbat {

// One HTTP attempt of a delivery, as stored for the delivery log. Signals that announce new
// attempts carry them without the heavy fields (headers and bodies); load the row for those.
struct WebhookAttempt
{
    enum class ErrorClass
    {
        None,
        Dns,
        Connect,
        Tls,
        Timeout,
        Http
    };
    static constexpr int kMaxStoredResponseBytes = 64 * 1024;

    qint64 id = 0;
    qint64 deliveryId = 0;
    qint64 endpointId = 0;
    QString eventType;
    int attempt = 1; // 1 = first try
    bool isTest = false;
    QDateTime startedAt;
    int durationMs = 0;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    bool succeeded = false;
    ErrorClass errorClass = ErrorClass::None;
    QString errorMessage;  // what happened and what to do, for people
    QDateTime nextRetryAt; // invalid when none follows (success or permanently failed)
    QString requestUrl;
    HeaderList requestHeaders; // as sent (signatures are not secrets; the secret never is here)
    HeaderList responseHeaders;
    QByteArray responseBody; // first kMaxStoredResponseBytes
    bool responseTruncated = false;

    QJsonObject toJson(bool withDetails) const;
    static QString errorClassKey(ErrorClass errorClass); // "", "dns", "connect", ...
    static ErrorClass errorClassFromKey(const QString &key);
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::WebhookAttempt)
