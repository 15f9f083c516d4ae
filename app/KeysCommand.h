#pragma once

#include <QStringList>

namespace botbat {

// `botbat-console keys create|list|rotate|revoke|audit ...`: manage API keys on the same
// database as the console, without starting the engine (so it works beside a running one).
// `create` and `rotate` print the new key on stdout and nothing else, so scripts can capture
// it; every other message goes to stderr.
class KeysCommand
{
public:
    static int run(const QStringList &arguments); // arguments start with "keys"
    // "30d", "12h", "90m", "0": a duration in milliseconds; nullopt if not understood.
    static std::optional<qint64> parseDuration(const QString &text);
};

} // namespace botbat
