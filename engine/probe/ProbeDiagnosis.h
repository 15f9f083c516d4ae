#pragma once

#include "ProbeRequest.h"

#include <QAbstractSocket>
#include <QList>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace botbat {

// What a failed connection-test step means, in plain words, and what to do about it. The
// wording follows the delivery log's (DeliveryDiagnosis, reused where the advice is the same),
// and adds what only a test knows: which credentials were sent, and which step failed.
class ProbeDiagnosis
{
public:
    struct Finding
    {
        QString diagnosis;
        QString fix;
    };

    static Finding dnsFailed(const QString &host, const QString &error);
    static Finding connectFailed(QAbstractSocket::SocketError error, const QString &errorString,
                                 const QUrl &url);
    // errorString: the handshake's error in words, for a failure without certificate errors.
    static Finding tlsFailed(const QList<QSslError> &errors, const QString &errorString,
                             const QUrl &url);
    // No answer (status 0) to the HTTP request.
    static Finding requestFailed(QAbstractSocket::SocketError error, const QString &errorString,
                                 const QList<QSslError> &sslErrors, const QUrl &url);
    // An answer other than 2xx.
    static Finding http(int status, const QByteArray &reason, const QByteArray &location,
                        const ProbeRequest &request);
    // stepName: "resolving the host name", "connecting", ...
    static Finding timedOut(const QString &stepName, const QUrl &url, int timeoutMs);
};

} // namespace botbat
