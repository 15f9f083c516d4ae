#pragma once

#include "WebhookAttempt.h"

#include <QAbstractSocket>
#include <QList>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace botbat {

// Says in plain words why an attempt failed and what to do about it, sorted into the error
// classes the delivery log filters on (DNS, connect, TLS, timeout, HTTP).
class DeliveryDiagnosis
{
public:
    struct Finding
    {
        WebhookAttempt::ErrorClass errorClass = WebhookAttempt::ErrorClass::None;
        QString message;
    };

    // A failure before any HTTP answer arrived. timedOut: the request deadline passed.
    static Finding network(QAbstractSocket::SocketError error, const QString &errorString,
                           const QList<QSslError> &sslErrors, const QUrl &url, bool timedOut,
                           int timeoutMs);
    // An HTTP answer other than 2xx. location: the Location header of a redirect.
    static Finding http(int status, const QByteArray &reason, const QByteArray &location);
    // One TLS problem in words, with the remedy.
    static QString tls(const QSslError &error, const QUrl &url);
};

} // namespace botbat
