#include "SecretStoreFactory.h"

#include "UnavailableSecretStore.h"

namespace botbat {

std::unique_ptr<SecretStore> SecretStoreFactory::create(const SecretStoreConfig &,
                                                        const QString &)
{
    return std::make_unique<UnavailableSecretStore>(
        QStringLiteral("No secret store is configured yet."));
}

} // namespace botbat
