#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace botbat {

// An extra CA certificate (e.g. a corporate CA) that webhook endpoints' certificates may chain
// to, on top of the system's. Stored in the database so every engine on it trusts the same.
struct TrustedCertificate
{
    qint64 id = 0;
    QByteArray pem;
    QString subject;
    QString issuer;
    QString sha256Fingerprint; // hex, colon-separated
    QDateTime expiresAt;
    QDateTime addedAt;

    QJsonObject toJson() const;
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::TrustedCertificate)
