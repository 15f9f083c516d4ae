#include "ProbeDiagnosis.h"

#include "webhooks/DeliveryDiagnosis.h"

#include <QDateTime>
#include <QSslCertificate>

namespace botbat {

namespace {

QString hostPort(const QUrl &url)
{
    return url.host() + QLatin1Char(':') + QString::number(url.port(443));
}

QString seconds(int milliseconds)
{
    return milliseconds % 1000 == 0 ? QString::number(milliseconds / 1000)
                                    : QString::number(milliseconds / 1000.0, 'f', 1);
}

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString names(const QSslCertificate &certificate)
{
    QStringList all;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        all.append(it.value());
    if (all.isEmpty())
        all = certificate.subjectInfo(QSslCertificate::CommonName);
    return all.isEmpty() ? QStringLiteral("no host name") : all.join(QStringLiteral(", "));
}

// DeliveryDiagnosis says "The endpoint answered N Reason. <advice>": the advice, for the fix.
QString deliveryAdvice(int status, const QByteArray &reason, const QByteArray &location)
{
    const QString message = DeliveryDiagnosis::http(status, reason, location).message;
    const QString what =
        QStringLiteral("The endpoint answered %1%2.")
            .arg(status)
            .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + QString::fromLatin1(reason));
    return message.startsWith(what) ? message.mid(what.size()).trimmed() : message;
}

ProbeDiagnosis::Finding tlsFinding(const QSslError &error, const QUrl &url)
{
    const QSslCertificate certificate = error.certificate();
    switch (error.error()) {
    case QSslError::CertificateExpired:
        return {QStringLiteral("The TLS certificate of %1 expired on %2.")
                    .arg(url.host(), utc(certificate.expiryDate())),
                QStringLiteral("Renew the certificate on the server. Nothing on this side makes "
                               "an expired certificate acceptable, and deliveries fail until it "
                               "is renewed.")};
    case QSslError::CertificateNotYetValid:
        return {QStringLiteral("The TLS certificate of %1 is not valid until %2.")
                    .arg(url.host(), utc(certificate.effectiveDate())),
                QStringLiteral("Check the clocks of this machine and of the server, and the "
                               "certificate's start date.")};
    case QSslError::HostNameMismatch:
        return {QStringLiteral("The TLS certificate is issued for %1, not for %2 (host name "
                               "mismatch).")
                    .arg(names(certificate), url.host()),
                QStringLiteral("Use a host name the certificate names in the URL, or install a "
                               "certificate on the server that includes %1.")
                    .arg(url.host())};
    case QSslError::SelfSignedCertificate:
        return {QStringLiteral("The TLS certificate of %1 is self-signed: no certificate "
                               "authority vouches for it.")
                    .arg(url.host()),
                QStringLiteral("Install a certificate from a public CA (e.g. Let's Encrypt) or "
                               "from your organisation's CA on the server; if it is from your "
                               "organisation's CA, add that CA under Webhooks > Trusted "
                               "Certificates (--trusted-ca for the headless engine).")};
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted: {
        const QString issuer =
            certificate.issuerInfo(QSslCertificate::CommonName).join(QLatin1Char(' '));
        return {
            QStringLiteral("The TLS certificate of %1 is issued by %2, a certificate "
                           "authority this machine does not trust (unknown issuer).")
                .arg(url.host(), issuer.isEmpty() ? QStringLiteral("an unknown issuer") : issuer),
            QStringLiteral("If the certificate comes from your organisation's own CA, add "
                           "that CA under Webhooks > Trusted Certificates (--trusted-ca for "
                           "the headless engine). Otherwise install a certificate from a "
                           "public CA on the server, with its intermediate certificates.")};
    }
    case QSslError::CertificateRevoked:
        return {QStringLiteral("The TLS certificate of %1 has been revoked.").arg(url.host()),
                QStringLiteral("Install a new certificate on the server.")};
    default:
        return {DeliveryDiagnosis::tls(error, url),
                QStringLiteral("Fix the server's certificate; TLS errors are never ignored.")};
    }
}

} // namespace

ProbeDiagnosis::Finding ProbeDiagnosis::dnsFailed(const QString &host, const QString &error)
{
    return {QStringLiteral("The host name %1 could not be resolved (DNS): %2.")
                .arg(host, error.isEmpty() ? QStringLiteral("no address found") : error),
            QStringLiteral("Check the URL for typos, and that the name exists in DNS as seen "
                           "from this machine (a name only on another network, or on a VPN "
                           "that is not connected, does not resolve here).")};
}

ProbeDiagnosis::Finding ProbeDiagnosis::connectFailed(QAbstractSocket::SocketError error,
                                                      const QString &errorString, const QUrl &url)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return {QStringLiteral("%1 refused the connection: nothing listens on port %2.")
                    .arg(url.host())
                    .arg(url.port(443)),
                QStringLiteral("Check that the receiving service is running and that the port "
                               "in the URL is the one it listens on (HTTPS is usually 443).")};
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::HostNotFoundError:
        return {QStringLiteral("No route to %1: %2.").arg(hostPort(url), errorString),
                QStringLiteral("Check this machine's network connection, proxy and firewall "
                               "rules towards the endpoint.")};
    default: {
        const auto finding = DeliveryDiagnosis::network(error, errorString, {}, url, false, 0);
        return {finding.message, QStringLiteral("Check the network path (proxy, firewall) from "
                                                "this machine to the endpoint.")};
    }
    }
}

ProbeDiagnosis::Finding ProbeDiagnosis::tlsFailed(const QList<QSslError> &errors,
                                                  const QString &errorString, const QUrl &url)
{
    if (errors.isEmpty())
        return {
            QStringLiteral("The TLS handshake with %1 failed: %2.").arg(hostPort(url), errorString),
            QStringLiteral("Check that the server speaks HTTPS on this port (not plain HTTP) "
                           "with TLS 1.2 or newer.")};
    // The most telling problem first: an expired or misnamed certificate is what to fix even
    // when its issuer is unknown too.
    static const QList<QSslError::SslError> order = {QSslError::CertificateExpired,
                                                     QSslError::CertificateNotYetValid,
                                                     QSslError::HostNameMismatch,
                                                     QSslError::SelfSignedCertificate,
                                                     QSslError::CertificateRevoked,
                                                     QSslError::UnableToGetLocalIssuerCertificate,
                                                     QSslError::UnableToGetIssuerCertificate,
                                                     QSslError::SelfSignedCertificateInChain,
                                                     QSslError::CertificateUntrusted,
                                                     QSslError::UnableToVerifyFirstCertificate};
    QList<Finding> findings;
    QStringList seen;
    auto add = [&](const QSslError &sslError) {
        const Finding finding = tlsFinding(sslError, url);
        if (!seen.contains(finding.diagnosis)) {
            seen.append(finding.diagnosis);
            findings.append(finding);
        }
    };
    for (QSslError::SslError kind : order)
        for (const QSslError &sslError : errors)
            if (sslError.error() == kind)
                add(sslError);
    for (const QSslError &sslError : errors)
        if (!order.contains(sslError.error()))
            add(sslError);
    Finding result = findings.first();
    for (qsizetype i = 1; i < findings.size(); ++i)
        result.diagnosis += QLatin1Char(' ') + findings.at(i).diagnosis;
    return result;
}

ProbeDiagnosis::Finding ProbeDiagnosis::requestFailed(QAbstractSocket::SocketError error,
                                                      const QString &errorString,
                                                      const QList<QSslError> &sslErrors,
                                                      const QUrl &url)
{
    if (!sslErrors.isEmpty() || error == QAbstractSocket::SslHandshakeFailedError)
        return tlsFailed(sslErrors, errorString, url);
    if (error == QAbstractSocket::ConnectionRefusedError)
        return connectFailed(error, errorString, url);
    if (error == QAbstractSocket::RemoteHostClosedError)
        return {QStringLiteral("%1 closed the connection without answering the request.")
                    .arg(hostPort(url)),
                QStringLiteral("Check the receiving service's logs: it may have crashed on the "
                               "request, or it may not speak HTTP/1.1 on this port.")};
    const auto finding = DeliveryDiagnosis::network(error, errorString, sslErrors, url, false, 0);
    return {finding.message, QStringLiteral("Check the receiving service and the network path "
                                            "to it.")};
}

ProbeDiagnosis::Finding ProbeDiagnosis::http(int status, const QByteArray &reason,
                                             const QByteArray &location,
                                             const ProbeRequest &request)
{
    const QString answered = QStringLiteral("%1%2").arg(status).arg(
        reason.isEmpty() ? QString() : QLatin1Char(' ') + QString::fromLatin1(reason));
    const bool isEndpoint = request.endpointId != 0;
    if (status >= 300 && status < 400)
        return {QStringLiteral("%1: the endpoint redirects to %2, and redirects are not "
                               "followed (deliveries would fail the same way).")
                    .arg(answered, location.isEmpty() ? QStringLiteral("another address")
                                                      : QString::fromLatin1(location)),
                location.isEmpty()
                    ? QStringLiteral("Use the final address of the receiver in the URL.")
                    : QStringLiteral("Use %1 as the URL.").arg(QString::fromLatin1(location))};
    if (status == 401) {
        switch (request.auth) {
        case ProbeRequest::Auth::Bearer:
            return {QStringLiteral("%1: the token was rejected.").arg(answered),
                    QStringLiteral("Check that the token is complete, has not expired or been "
                                   "revoked, and is meant for this service.")};
        case ProbeRequest::Auth::ApiKey:
            return {QStringLiteral("%1: the API key in the %2 header was rejected.")
                        .arg(answered, request.apiKeyHeader),
                    QStringLiteral("Check the key, and that %1 is the header the service reads "
                                   "it from.")
                        .arg(request.apiKeyHeader)};
        case ProbeRequest::Auth::Basic:
            return {QStringLiteral("%1: the user name or password was rejected.").arg(answered),
                    QStringLiteral("Check both, and that the account is not locked or "
                                   "expired.")};
        case ProbeRequest::Auth::None:
            break;
        }
        return {QStringLiteral("%1: the endpoint requires authentication and none was sent.")
                    .arg(answered),
                isEndpoint
                    ? QStringLiteral("Webhook receivers usually check the signature instead: "
                                     "check that the receiver verifies it with this endpoint's "
                                     "signing secret. If it expects credentials too, choose "
                                     "their type on the Authentication page.")
                    : QStringLiteral("Choose the authentication type it expects on the "
                                     "Authentication page and enter the credentials.")};
    }
    if (status == 403)
        return {
            QStringLiteral("%1: the endpoint understood the request but refuses it.").arg(answered),
            request.auth == ProbeRequest::Auth::None
                ? QStringLiteral("Check whether the receiver expects a signature with this "
                                 "endpoint's secret, credentials, or allows requests from "
                                 "this machine's address.")
                : QStringLiteral("The credentials were accepted but lack permission: check "
                                 "the token's or key's scopes, and whether the receiver "
                                 "allows requests from this machine's address.")};
    if (status == 405)
        return {QStringLiteral("%1: the endpoint does not accept POST at this path.").arg(answered),
                QStringLiteral("Check the URL's path: webhook receivers accept POSTed JSON.")};
    if (status == 415)
        return {QStringLiteral("%1: the endpoint does not accept a JSON body.").arg(answered),
                QStringLiteral("Check that the receiver expects application/json.")};
    if (status >= 500)
        return {QStringLiteral("%1: the receiving service failed while handling the request.")
                    .arg(answered),
                QStringLiteral("Check the receiving service's logs for this request. Real "
                               "deliveries are retried automatically, but one that keeps failing "
                               "disables the endpoint after some days.")};
    return {QStringLiteral("The endpoint answered %1; only 2xx answers count as delivered.")
                .arg(answered),
            deliveryAdvice(status, reason, location)};
}

ProbeDiagnosis::Finding ProbeDiagnosis::timedOut(const QString &stepName, const QUrl &url,
                                                 int timeoutMs)
{
    return {QStringLiteral("No progress %1 %2 within %3 s (timeout).")
                .arg(stepName, hostPort(url), seconds(timeoutMs)),
            QStringLiteral("A firewall that drops packets, a server that is overloaded, or an "
                           "endpoint that does slow work before answering all look like this. "
                           "Webhook receivers should answer 2xx at once and work afterwards.")};
}

} // namespace botbat
