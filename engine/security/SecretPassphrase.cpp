#include "SecretPassphrase.h"

#include <QFile>
#include <QFileInfo>

namespace botbat {

namespace {
// A passphrase file is a line of text; anything much larger is the wrong file.
constexpr qint64 kMaxFileSize = 4096;
} // namespace

SecretPassphrase::Lookup SecretPassphrase::find(const SecretStoreConfig &config)
{
    if (!config.passphraseFile.isEmpty())
        return readFile(config.passphraseFile, QStringLiteral("--secrets-passphrase-file"));
    QByteArray fromEnvironment = qgetenv("BOTBAT_SECRETS_PASSPHRASE");
    if (!fromEnvironment.isEmpty()) {
        Lookup lookup;
        lookup.passphrase = std::move(fromEnvironment);
        lookup.source = QStringLiteral("$BOTBAT_SECRETS_PASSPHRASE");
        return lookup;
    }
    const QString fileFromEnvironment = qEnvironmentVariable("BOTBAT_SECRETS_PASSPHRASE_FILE");
    if (!fileFromEnvironment.isEmpty())
        return readFile(fileFromEnvironment, QStringLiteral("$BOTBAT_SECRETS_PASSPHRASE_FILE"));
    return {};
}

SecretPassphrase::Lookup SecretPassphrase::readFile(const QString &path, const QString &origin)
{
    Lookup lookup;
    lookup.source = QStringLiteral("the passphrase file \"%1\" (%2)").arg(path, origin);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        lookup.error = QStringLiteral("Cannot read the passphrase file \"%1\" named by %2: %3. "
                                      "Check the path and that this user may read the file.")
                           .arg(path, origin, file.errorString());
        return lookup;
    }
    if (file.size() > kMaxFileSize) {
        lookup.error = QStringLiteral("The passphrase file \"%1\" named by %2 is larger than %3 "
                                      "bytes, so it is probably the wrong file. Put only the "
                                      "passphrase in it.")
                           .arg(path, origin)
                           .arg(kMaxFileSize);
        return lookup;
    }
    QByteArray content = file.readAll();
    while (content.endsWith('\n') || content.endsWith('\r'))
        content.chop(1);
    if (content.isEmpty()) {
        lookup.error = QStringLiteral("The passphrase file \"%1\" named by %2 is empty. Write the "
                                      "passphrase (at least %3 characters) into it.")
                           .arg(path, origin)
                           .arg(kMinimumLength);
        return lookup;
    }
    const QFileDevice::Permissions open =
        QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
    if (QFileInfo(path).permissions() & open)
        qWarning("The passphrase file \"%s\" can be read by other users; restrict it with "
                 "chmod 600.",
                 qPrintable(path));
    lookup.passphrase = std::move(content);
    return lookup;
}

QString SecretPassphrase::weakness(const QByteArray &passphrase)
{
    // Counts UTF-8 lead bytes instead of decoding, so no extra copy of the passphrase is made.
    qsizetype characters = 0;
    for (const char byte : passphrase)
        if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80)
            ++characters;
    if (characters >= kMinimumLength)
        return {};
    return QStringLiteral("The passphrase for the encrypted secret file is too short (%1 "
                          "characters). Use at least %2 characters, for example a few random "
                          "words.")
        .arg(characters)
        .arg(kMinimumLength);
}

} // namespace botbat
