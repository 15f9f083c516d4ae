#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>

namespace botbat {

// Where the engine keeps secrets (signing secrets, CRM tokens, passwords). The database stores
// only references made with makeRef(). Implementations are callable from any thread that runs
// an event loop, and never log a secret.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    virtual QString backendName() const = 0; // shown to people, e.g. "System keyring"
    virtual bool isAvailable() const { return true; }
    // Why the store is unavailable and how to fix it; empty when available.
    virtual QString problem() const { return {}; }

    virtual bool write(const QString &ref, const QByteArray &secret, QString *error) = 0;
    // nullopt with an empty *error means "no such secret"; with a message, the read failed.
    virtual std::optional<QByteArray> read(const QString &ref, QString *error) = 0;
    // Removing a secret that does not exist succeeds.
    virtual bool remove(const QString &ref, QString *error) = 0;

    // "webhook/12/signing-secret": namespaced per integration kind and id.
    static QString makeRef(const QString &integrationKind, const QString &integrationId,
                           const QString &name);
};

struct SecretStoreConfig
{
    enum class Kind { Auto, Keyring, File };
    Kind kind = Kind::Auto;
    QString filePath;       // encrypted file store location; default <data-dir>/secrets.enc
    QString passphraseFile; // --secrets-passphrase-file; else $BOTBAT_SECRETS_PASSPHRASE_FILE
    QString keyringService = QStringLiteral("BotBat Integrations Console");
};

} // namespace botbat
