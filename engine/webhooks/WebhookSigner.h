#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace botbat {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The signature headers for one attempt, over the exact body bytes sent:
//   X-BotBat-Signature: sha256=<hex HMAC-SHA256(body) keyed with the secret string>
//   webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256("id.ts.body")>
// secrets are whsec_ strings, the current one first; during a rotation overlap the second is
// the previous secret: webhook-signature lists both, X-BotBat-Signature-Previous carries the old
// one's sha256= value while X-BotBat-Signature uses the current one.
class WebhookSigner
{
public:
    static HeaderList sign(const QByteArray &body, const QByteArray &messageId,
                           qint64 timestampSeconds, const QList<QString> &secrets);
    // Just the webhook-id and webhook-timestamp headers (unsigned endpoints send them too).
    static HeaderList identity(const QByteArray &messageId, qint64 timestampSeconds);
};

} // namespace botbat
