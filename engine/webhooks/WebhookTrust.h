#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStringList>

namespace botbat {

class WebhookStore;

// The trust every outgoing HTTPS request of the engine uses (deliveries, alerts, the connection
// test), so that what passes in one passes in the others: the system's CAs, the --trusted-ca
// files and the console's Trusted Certificates; peers are always verified.
class WebhookTrust
{
public:
    // The extra CAs: those in files (an unreadable file is reported in the log) and the stored
    // Trusted Certificates. Reads the store on the calling thread.
    static QList<QSslCertificate> extraAuthorities(WebhookStore &store, const QStringList &files);
    static QSslConfiguration configuration(const QList<QSslCertificate> &extraAuthorities);
};

} // namespace botbat
