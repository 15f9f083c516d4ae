#pragma once

#include "webhooks/WebhookSigner.h"

#include <QByteArray>
#include <QString>

namespace botbat {

// A delivery attempt as a curl command line a person can paste into a shell to send the same
// request again: the URL, the headers as they were sent (signatures included, so the receiver
// can verify it) and the exact payload bytes. Headers curl sets itself (Host, Content-Length)
// are left out; credentials-bearing headers, should any appear, are replaced by a placeholder,
// so a copied command never carries a secret. Quoted for POSIX shells.
class CurlCommand
{
public:
    static QString build(const QString &url, const HeaderList &headers, const QByteArray &payload);
    // 'text' for a POSIX shell, single quotes escaped.
    static QString shellQuote(const QString &text);
    static bool isCredentialHeader(const QByteArray &name);
};

} // namespace botbat
