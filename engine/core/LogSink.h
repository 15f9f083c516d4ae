#pragma once

#include <QString>

namespace botbat {

// The process-wide Qt message handler: one line per message, with UTC time, level and thread
// name, to stderr and (when a file is given) to a log file that rotates at a size limit.
// Anything shaped like a secret (API keys, webhook secrets, bearer tokens, passwords in URLs)
// is masked before it is written anywhere, as a second line of defence: code must still never
// log secrets in the first place.
class LogSink
{
public:
    static void install(const QString &filePath, qint64 rotateAtBytes = 10 * 1024 * 1024);
    static void uninstall();
    static QString redact(const QString &text);
};

} // namespace botbat
