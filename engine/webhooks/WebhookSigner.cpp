#include "WebhookSigner.h"

#include "WebhookSecret.h"
#include "security/Crypto.h"

namespace botbat {

HeaderList WebhookSigner::identity(const QByteArray &messageId, qint64 timestampSeconds)
{
    return {{QByteArrayLiteral("webhook-id"), messageId},
            {QByteArrayLiteral("webhook-timestamp"), QByteArray::number(timestampSeconds)}};
}

HeaderList WebhookSigner::sign(const QByteArray &body, const QByteArray &messageId,
                               qint64 timestampSeconds, const QList<QString> &secrets)
{
    HeaderList headers = identity(messageId, timestampSeconds);
    if (secrets.isEmpty())
        return headers;
    const QByteArray timestamp = QByteArray::number(timestampSeconds);
    const QByteArray signedContent = messageId + '.' + timestamp + '.' + body;
    QList<QByteArray> standard;
    QList<QByteArray> github;
    for (const QString &secret : secrets) {
        QString ignored;
        const auto key = WebhookSecret::decode(secret, &ignored);
        if (key)
            standard.append("v1," + Crypto::hmacSha256(*key, signedContent).toBase64());
        github.append("sha256=" + Crypto::hmacSha256(secret.toUtf8(), body).toHex());
    }
    headers.append({QByteArrayLiteral("X-BotBat-Signature"), github.first()});
    if (github.size() > 1)
        headers.append({QByteArrayLiteral("X-BotBat-Signature-Previous"), github.at(1)});
    if (!standard.isEmpty())
        headers.append({QByteArrayLiteral("webhook-signature"), standard.join(' ')});
    return headers;
}

} // namespace botbat
