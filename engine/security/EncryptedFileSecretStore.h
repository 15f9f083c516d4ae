#pragma once

#include "Crypto.h"
#include "SecretStore.h"

#include <QMap>
#include <QMutex>

namespace botbat {

// Secrets in one AES-256-GCM file, for machines without a keyring (servers, containers, CI).
//
// Layout, integers big-endian:
//   "BBSECRET" | u16 format version (1) | u8 KDF id (1 = scrypt) | u8 log2 N | u32 r | u32 p |
//   u8 salt length | salt | nonce(12) | ciphertext | tag(16)
// The header is the AAD, so its KDF parameters cannot be altered unnoticed. The plaintext is a
// CBOR map "<instanceId>/<ref>" (or just ref) -> secret bytes. Every save uses a fresh nonce
// (same salt and key) and replaces the file atomically (QSaveFile), with mode 0600.
//
// The key is derived once, when the store is constructed (which also creates a missing file,
// empty); the passphrase is wiped right after.
// Each operation re-reads the file, so only the key stays in memory, not every secret. A file
// that cannot be decrypted is never overwritten: every operation fails instead.
class EncryptedFileSecretStore final : public SecretStore
{
public:
    static constexpr int kFormatVersion = 1;

    // instanceId, when given, prefixes every entry ("<instanceId>/<ref>") as in the keyring,
    // so two databases that share a data directory never see each other's secrets.
    EncryptedFileSecretStore(const QString &path, QByteArray passphrase,
                             const QString &instanceId = {});
    ~EncryptedFileSecretStore() override;
    EncryptedFileSecretStore(const EncryptedFileSecretStore &) = delete;
    EncryptedFileSecretStore &operator=(const EncryptedFileSecretStore &) = delete;

    QString backendName() const override { return QStringLiteral("Encrypted file"); }
    bool isAvailable() const override;
    QString problem() const override;
    bool write(const QString &ref, const QByteArray &secret, QString *error) override;
    std::optional<QByteArray> read(const QString &ref, QString *error) override;
    bool remove(const QString &ref, QString *error) override;

    QString path() const { return m_path; }
    // The cost the key was derived with (from the file, or the current default for a new one).
    Crypto::ScryptParams kdfParams() const { return m_params; }

private:
    using SecretMap = QMap<QString, QByteArray>;

    bool open(QByteArray passphrase);
    QByteArray header() const;
    // nullopt with *error set on failure; an empty map when the file does not exist yet.
    std::optional<SecretMap> load(QString *error) const;
    bool save(const SecretMap &secrets, QString *error);
    QString cannotDecrypt() const;

    const QString m_path;
    const QString m_prefix;
    mutable QMutex m_mutex;
    QString m_problem; // set once by the constructor; empty when usable
    QByteArray m_key;
    QByteArray m_salt;
    Crypto::ScryptParams m_params;
};

} // namespace botbat
