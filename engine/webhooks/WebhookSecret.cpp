#include "WebhookSecret.h"

#include "security/Crypto.h"

namespace botbat {

namespace {

const QLatin1String kPrefix("whsec_");

} // namespace

QString WebhookSecret::generate()
{
    return kPrefix + QString::fromLatin1(Crypto::randomBytes(kGeneratedBytes).toBase64());
}

std::optional<QByteArray> WebhookSecret::decode(const QString &secret, QString *error)
{
    // The messages never quote the secret: they end up in logs and API answers.
    const QString form = QStringLiteral("A signing secret must look like whsec_ followed by base64 "
                                        "of at least %1 random bytes; "
                                        "use Generate to make one")
                             .arg(kMinimumBytes);
    const auto fail = [error](const QString &message) -> std::optional<QByteArray> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!secret.startsWith(kPrefix))
        return fail(form + QStringLiteral(" (this one does not start with whsec_)."));
    const QString encoded = secret.mid(kPrefix.size());
    for (const QChar c : encoded) {
        if (c.unicode() > 0x7f)
            return fail(form + QStringLiteral(" (the part after whsec_ is not base64)."));
    }
    // Strict: Standard Webhooks libraries decode with the standard alphabet and padding, so a
    // secret they would reject must not be accepted here either.
    const auto decoded = QByteArray::fromBase64Encoding(
        encoded.toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || encoded.isEmpty() || encoded.size() % 4 != 0)
        return fail(form + QStringLiteral(" (the part after whsec_ is not valid base64)."));
    if (decoded.decoded.size() < kMinimumBytes)
        return fail(
            form +
            QStringLiteral(" (this one decodes to only %1 bytes).").arg(decoded.decoded.size()));
    return decoded.decoded;
}

} // namespace botbat
