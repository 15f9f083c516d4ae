#pragma once

#include "IssuedCertificate.h"

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace botbat::test {

// A throwaway certificate authority made with OpenSSL at construction (EC P-256), so TLS tests
// run against real chains without files checked into the tree. Leaves default to what a
// loopback receiver needs: SAN DNS:localhost and IP:127.0.0.1, valid from an hour ago for a day.
// A null notBefore/notAfter means that default. Failures of OpenSSL are fatal: no test can go on.
class TestCa
{
public:
    explicit TestCa(const QString &commonName = QStringLiteral("BotBat Test CA"));

    QSslCertificate caCertificate() const { return m_caCertificate; }
    QByteArray caPem() const { return m_caPem; }
    // For processes that take a trust file (e.g. the headless engine's --trusted-ca).
    bool writeCaPem(const QString &path) const;

    IssuedCertificate issue(const QStringList &dnsNames = defaultDnsNames(),
                            const QList<QHostAddress> &ips = defaultIps(),
                            const QDateTime &notBefore = {}, const QDateTime &notAfter = {}) const;
    // Valid for localhost, but its validity ended yesterday.
    IssuedCertificate issueExpired() const;
    // Signed by this CA, valid, but only for "wrong.example".
    IssuedCertificate issueForWrongHost() const;
    // Valid for localhost and signed by its own key, so no CA vouches for it.
    static IssuedCertificate selfSigned(const QStringList &dnsNames = defaultDnsNames(),
                                        const QList<QHostAddress> &ips = defaultIps(),
                                        const QDateTime &notBefore = {},
                                        const QDateTime &notAfter = {});

    static QStringList defaultDnsNames();
    static QList<QHostAddress> defaultIps();

private:
    QSslCertificate m_caCertificate;
    QByteArray m_caPem;
    // Kept as PEM so this class stays copyable and its header free of OpenSSL.
    QByteArray m_caKeyPem;
};

} // namespace botbat::test
