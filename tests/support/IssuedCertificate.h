#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>

namespace botbat::test {

// A certificate and its private key, both parsed and as PEM (for files handed to another process).
struct IssuedCertificate
{
    QSslCertificate certificate;
    QSslKey key;
    QByteArray certificatePem;
    QByteArray keyPem;
};

} // namespace botbat::test
