#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace botbat {

// Signing secrets in the Standard Webhooks form: "whsec_" + base64 of the key bytes. The whole
// string keys X-BotBat-Signature; the decoded bytes key webhook-signature.
class WebhookSecret
{
public:
    static constexpr int kGeneratedBytes = 32;
    static constexpr int kMinimumBytes = 24;

    // A new secret from OpenSSL's random generator.
    static QString generate();
    // The key bytes of a whsec_ secret, or nullopt and *error saying what is wrong with it.
    static std::optional<QByteArray> decode(const QString &secret, QString *error);
};

} // namespace botbat
