#include "CurlCommand.h"

#include <QStringList>

namespace botbat {

QString CurlCommand::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

bool CurlCommand::isCredentialHeader(const QByteArray &name)
{
    for (const char *credential : {"Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key"})
        if (name.compare(credential, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QString CurlCommand::build(const QString &url, const HeaderList &headers, const QByteArray &payload)
{
    QStringList lines{QStringLiteral("curl -sS -X POST ") + shellQuote(url)};
    for (const auto &[name, value] : headers) {
        if (name.compare("Host", Qt::CaseInsensitive) == 0 ||
            name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            continue;
        const QString shown =
            isCredentialHeader(name) ? QStringLiteral("<redacted>") : QString::fromLatin1(value);
        lines.append(QStringLiteral("  -H ") +
                     shellQuote(QString::fromLatin1(name) + QStringLiteral(": ") + shown));
    }
    lines.append(QStringLiteral("  --data-binary ") + shellQuote(QString::fromUtf8(payload)));
    return lines.join(QStringLiteral(" \\\n"));
}

} // namespace botbat
