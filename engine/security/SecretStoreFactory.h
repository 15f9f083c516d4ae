#pragma once

#include "SecretStore.h"

namespace botbat {

// Picks the secret store the configuration asks for. Never returns null: when no store can be
// used, the returned store is unavailable, refuses every operation, and problem() says why and
// what to do. There is no plain-text fallback.
//   Keyring: the system keyring through QtKeychain (Secret Service on Linux).
//   File:    AES-256-GCM file, key derived from a passphrase ($BOTBAT_SECRETS_PASSPHRASE, or the
//            file named by passphraseFile / $BOTBAT_SECRETS_PASSPHRASE_FILE).
//   Auto:    the keyring when reachable; else the file store if a passphrase was supplied.
// instanceId namespaces keyring entries, so two databases never share a secret by accident.
class SecretStoreFactory
{
public:
    static std::unique_ptr<SecretStore> create(const SecretStoreConfig &config,
                                               const QString &instanceId);
};

} // namespace botbat
