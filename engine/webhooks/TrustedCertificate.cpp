#include "TrustedCertificate.h"

#include "domain/JsonValues.h"

namespace botbat {

QJsonObject TrustedCertificate::toJson() const
{
    // Without the PEM: a list of CAs is for recognising them, and the PEM is long.
    return {{QStringLiteral("id"), id},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("issuer"), issuer},
            {QStringLiteral("sha256_fingerprint"), sha256Fingerprint},
            {QStringLiteral("expires_at"), JsonValues::time(expiresAt)},
            {QStringLiteral("added_at"), JsonValues::time(addedAt)}};
}

} // namespace botbat
