#pragma once

#include "SecretStore.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace botbat {

// Finds the passphrase of the encrypted secret file. Sources, first match wins:
//   1. the file named by config.passphraseFile (--secrets-passphrase-file; the command line
//      also copies $BOTBAT_SECRETS_PASSPHRASE_FILE here), because a named file is the most
//      explicit choice;
//   2. $BOTBAT_SECRETS_PASSPHRASE;
//   3. the file named by $BOTBAT_SECRETS_PASSPHRASE_FILE, for callers that bypass the command line.
// Trailing line breaks of a file are dropped (editors add one); nothing else is trimmed, so
// spaces may be part of a passphrase.
class SecretPassphrase
{
public:
    static constexpr int kMinimumLength = 12; // characters, not bytes

    struct Lookup
    {
        std::optional<QByteArray> passphrase; // set when found and readable
        QString source; // for logs and messages, e.g. "$BOTBAT_SECRETS_PASSPHRASE"; never the value
        QString error;  // a source was named but could not be used
        bool supplied() const { return passphrase.has_value() || !error.isEmpty(); }
    };

    static Lookup find(const SecretStoreConfig &config);
    // Empty when acceptable; else what is wrong and how to fix it.
    static QString weakness(const QByteArray &passphrase);

private:
    static Lookup readFile(const QString &path, const QString &origin);
};

} // namespace botbat
