#include "DeliveryDiagnosis.h"

#include <QSslCertificate>

namespace botbat {

using ErrorClass = WebhookAttempt::ErrorClass;

namespace {
QString hostPort(const QUrl &url)
{
    return url.host() + QLatin1Char(':') + QString::number(url.port(443));
}
} // namespace

QString DeliveryDiagnosis::tls(const QSslError &error, const QUrl &url)
{
    const QSslCertificate certificate = error.certificate();
    const QString subject =
        certificate.isNull()
            ? QString()
            : certificate.subjectInfo(QSslCertificate::CommonName).join(QLatin1Char(' '));
    switch (error.error()) {
    case QSslError::CertificateExpired:
        return QStringLiteral("The endpoint's TLS certificate%1 expired on %2. Renew the "
                              "certificate on the server.")
            .arg(subject.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(subject),
                 certificate.expiryDate().toUTC().toString(Qt::ISODate));
    case QSslError::CertificateNotYetValid:
        return QStringLiteral("The endpoint's TLS certificate is not valid until %1. Check the "
                              "server's certificate and both machines' clocks.")
            .arg(certificate.effectiveDate().toUTC().toString(Qt::ISODate));
    case QSslError::HostNameMismatch:
        return QStringLiteral("The endpoint's TLS certificate is not issued for %1 (it names %2). "
                              "Use the host name on the certificate in the URL, or install a "
                              "certificate for this name.")
            .arg(url.host(), certificate.isNull()
                                 ? QStringLiteral("other hosts")
                                 : QStringList(certificate.subjectAlternativeNames().values())
                                       .join(QStringLiteral(", ")));
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return QStringLiteral("The endpoint's TLS certificate is not issued by a trusted "
                              "certificate authority (%1). Use a certificate from a public CA, or "
                              "add your organisation's CA under Trusted certificates (--trusted-ca "
                              "for the headless engine).")
            .arg(error.errorString());
    case QSslError::CertificateRevoked:
        return QStringLiteral("The endpoint's TLS certificate has been revoked. Install a new "
                              "certificate on the server.");
    default:
        return QStringLiteral("The TLS certificate of %1 was refused: %2. Fix the server's "
                              "certificate.")
            .arg(hostPort(url), error.errorString());
    }
}

DeliveryDiagnosis::Finding DeliveryDiagnosis::network(QAbstractSocket::SocketError error,
                                                      const QString &errorString,
                                                      const QList<QSslError> &sslErrors,
                                                      const QUrl &url, bool timedOut, int timeoutMs)
{
    if (timedOut || error == QAbstractSocket::SocketTimeoutError)
        return {ErrorClass::Timeout,
                QStringLiteral("No complete answer from %1 within %2 s. The endpoint should answer "
                               "2xx at once and do slow work after answering; check the server "
                               "is not overloaded or blocked by a firewall.")
                    .arg(hostPort(url))
                    .arg(timeoutMs / 1000)};
    if (!sslErrors.isEmpty()) {
        QStringList messages;
        for (const QSslError &sslError : sslErrors) {
            const QString message = tls(sslError, url);
            if (!messages.contains(message))
                messages.append(message);
        }
        return {ErrorClass::Tls, messages.join(QLatin1Char(' '))};
    }
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        return {ErrorClass::Dns,
                QStringLiteral("The host name %1 could not be resolved (DNS). Check the URL for "
                               "typos and that the name exists in DNS from this machine.")
                    .arg(url.host())};
    case QAbstractSocket::ConnectionRefusedError:
        return {ErrorClass::Connect,
                QStringLiteral("%1 refused the connection: nothing listens on that port. Check "
                               "that the receiving service is running and the port in the URL "
                               "is right.")
                    .arg(hostPort(url))};
    case QAbstractSocket::RemoteHostClosedError:
        return {ErrorClass::Connect,
                QStringLiteral("%1 closed the connection without answering. Check the "
                               "receiving service's logs; it may have crashed on the request.")
                    .arg(hostPort(url))};
    case QAbstractSocket::SslHandshakeFailedError:
        return {ErrorClass::Tls,
                QStringLiteral("The TLS handshake with %1 failed: %2. Check the server speaks "
                               "HTTPS on this port with a current TLS version.")
                    .arg(hostPort(url), errorString)};
    default:
        return {ErrorClass::Connect,
                QStringLiteral("Could not reach %1: %2. Check the network path (proxy, "
                               "firewall) from this machine to the endpoint.")
                    .arg(hostPort(url), errorString)};
    }
}

DeliveryDiagnosis::Finding DeliveryDiagnosis::http(int status, const QByteArray &reason,
                                                   const QByteArray &location)
{
    const QString what =
        QStringLiteral("The endpoint answered %1%2.")
            .arg(status)
            .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + QString::fromLatin1(reason));
    QString advice;
    if (status >= 300 && status < 400)
        advice = QStringLiteral("Redirects are not followed; change the webhook URL to %1.")
                     .arg(location.isEmpty() ? QStringLiteral("the final address")
                                             : QString::fromLatin1(location));
    else if (status == 401 || status == 403)
        advice = QStringLiteral("The receiver refused the request; check it expects this "
                                "webhook's signing secret and does not require other credentials.");
    else if (status == 404)
        advice = QStringLiteral("Nothing is served at this path; check the URL's path.");
    else if (status == 410)
        advice = QStringLiteral("The receiver says this endpoint is gone for good, so it was "
                                "disabled. Enable it again once a receiver is back.");
    else if (status == 413)
        advice =
            QStringLiteral("The receiver limits body size below this payload; raise its limit.");
    else if (status == 429)
        advice = QStringLiteral("The receiver is rate limiting; set a throttle on this webhook "
                                "or raise the receiver's limit.");
    else if (status >= 500)
        advice = QStringLiteral("The receiving service failed; check its logs. Deliveries are "
                                "retried automatically.");
    else
        advice = QStringLiteral("Only 2xx answers count as delivered; check the receiver accepts "
                                "POSTed JSON.");
    return {ErrorClass::Http, what + QLatin1Char(' ') + advice};
}

} // namespace botbat
