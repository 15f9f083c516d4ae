#include "WebhookTrust.h"

#include "WebhookStore.h"

#include <QSslSocket>

namespace botbat {

QList<QSslCertificate> WebhookTrust::extraAuthorities(WebhookStore &store, const QStringList &files)
{
    QList<QSslCertificate> extra;
    for (const QString &file : files) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(file, QSsl::Pem);
        if (certificates.isEmpty())
            qWarning("No PEM certificate could be read from the trusted CA file %s.",
                     qPrintable(file));
        extra.append(certificates);
    }
    const auto stored = store.trustedCertificates();
    if (stored) {
        for (const TrustedCertificate &certificate : stored.value())
            extra.append(QSslCertificate::fromData(certificate.pem, QSsl::Pem));
    } else {
        qWarning("%s", qPrintable(stored.error().message()));
    }
    return extra;
}

QSslConfiguration WebhookTrust::configuration(const QList<QSslCertificate> &extraAuthorities)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    QList<QSslCertificate> authorities = QSslConfiguration::systemCaCertificates();
    authorities.append(extraAuthorities);
    ssl.setCaCertificates(authorities);
    return ssl;
}

} // namespace botbat
