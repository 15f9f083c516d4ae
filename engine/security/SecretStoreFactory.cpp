#include "SecretStoreFactory.h"

#include "EncryptedFileSecretStore.h"
#include "KeychainSecretStore.h"
#include "SecretPassphrase.h"
#include "UnavailableSecretStore.h"

#include <QFileInfo>

namespace botbat {

namespace {

const QString &howToUseTheFile()
{
    static const QString text =
        QStringLiteral("set BOTBAT_SECRETS_PASSPHRASE, or pass --secrets-passphrase-file <file> "
                       "(with --secret-store file), to keep secrets in the encrypted file \"%1\"");
    return text;
}

std::unique_ptr<SecretStore> unavailable(const QString &problem)
{
    return std::make_unique<UnavailableSecretStore>(problem);
}

// The file store, or an unavailable store saying why it cannot be used. prefix explains, for
// Auto, why the file was tried at all.
std::unique_ptr<SecretStore> openFile(const SecretStoreConfig &config, const QString &instanceId,
                                      SecretPassphrase::Lookup passphrase, const QString &prefix)
{
    if (!passphrase.supplied())
        return unavailable(prefix +
                           QStringLiteral("The encrypted secret file needs a passphrase "
                                          "of at least %1 characters: ")
                               .arg(SecretPassphrase::kMinimumLength) +
                           howToUseTheFile().arg(config.filePath) + QLatin1Char('.'));
    if (!passphrase.error.isEmpty())
        return unavailable(prefix + passphrase.error);
    // Moved, not copied, so the store's wipe clears the only copy.
    auto store = std::make_unique<EncryptedFileSecretStore>(
        config.filePath, std::move(*passphrase.passphrase), instanceId);
    if (!store->isAvailable())
        return unavailable(prefix + store->problem());
    qInfo("Secret store: encrypted file \"%s\", passphrase from %s.", qPrintable(config.filePath),
          qPrintable(passphrase.source));
    return store;
}

std::unique_ptr<SecretStore> openKeyring(const SecretStoreConfig &config, const QString &instanceId,
                                         const KeychainSecretStore::Probe &probe)
{
    qInfo("Secret store: system keyring, service \"%s\" (answered in %lld ms).",
          qPrintable(config.keyringService), probe.elapsedMs);
    if (QFileInfo::exists(config.filePath))
        qWarning("The encrypted secret file \"%s\" exists but is not used, because the system "
                 "keyring is reachable. To keep using the file, start with --secret-store file.",
                 qPrintable(config.filePath));
    return std::make_unique<KeychainSecretStore>(config.keyringService, instanceId);
}

} // namespace

std::unique_ptr<SecretStore> SecretStoreFactory::create(const SecretStoreConfig &config,
                                                        const QString &instanceId)
{
    if (config.kind == SecretStoreConfig::Kind::File)
        return openFile(config, instanceId, SecretPassphrase::find(config), {});

    if (instanceId.isEmpty())
        return unavailable(QStringLiteral(
            "The database has no instance id, so keyring entries cannot be kept apart per "
            "database. This is a bug in BotBat; please report it. Meanwhile use "
            "--secret-store file."));

    const KeychainSecretStore::Probe probe = KeychainSecretStore::probe(config.keyringService);
    if (config.kind == SecretStoreConfig::Kind::Keyring) {
        if (probe.reachable)
            return openKeyring(config, instanceId, probe);
        return unavailable(
            QStringLiteral("The system keyring cannot be used: %1. Log in to a desktop session "
                           "with a keyring (gnome-keyring, KWallet), or ")
                .arg(probe.reason) +
            howToUseTheFile().arg(config.filePath) + QLatin1Char('.'));
    }

    // Auto
    if (probe.reachable)
        return openKeyring(config, instanceId, probe);
    qInfo("No system keyring is reachable after %lld ms: %s. Trying the encrypted secret file.",
          probe.elapsedMs, qPrintable(probe.reason));
    SecretPassphrase::Lookup passphrase = SecretPassphrase::find(config);
    if (!passphrase.supplied())
        return unavailable(QStringLiteral("No system keyring is reachable: %1. No passphrase for "
                                          "an encrypted secret file was given either, so secrets "
                                          "cannot be stored. To fix this, ")
                               .arg(probe.reason) +
                           howToUseTheFile().arg(config.filePath) + QLatin1Char('.'));
    return openFile(config, instanceId, std::move(passphrase),
                    QStringLiteral("No system keyring is reachable (%1), and the encrypted "
                                   "secret file cannot be used: ")
                        .arg(probe.reason));
}

} // namespace botbat
