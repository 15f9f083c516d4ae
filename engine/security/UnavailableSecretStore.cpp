#include "UnavailableSecretStore.h"

namespace botbat {

bool UnavailableSecretStore::write(const QString &, const QByteArray &, QString *error)
{
    *error = m_problem;
    return false;
}

std::optional<QByteArray> UnavailableSecretStore::read(const QString &, QString *error)
{
    *error = m_problem;
    return std::nullopt;
}

bool UnavailableSecretStore::remove(const QString &, QString *error)
{
    *error = m_problem;
    return false;
}

} // namespace botbat
