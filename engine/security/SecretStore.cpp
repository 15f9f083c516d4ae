#include "SecretStore.h"

namespace botbat {

QString SecretStore::makeRef(const QString &integrationKind, const QString &integrationId,
                             const QString &name)
{
    return integrationKind + QLatin1Char('/') + integrationId + QLatin1Char('/') + name;
}

} // namespace botbat
