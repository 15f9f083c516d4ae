#pragma once

#include "ProbeRequest.h"

#include <QString>
#include <optional>

namespace botbat {

class SecretStore;

// The credentials of a connection test, remembered per URL when the admin asks for it: in the
// secret store only (the system keyring or the encrypted file), never in settings or the
// database. Keyed by a hash of the URL, so the store's entry names no host.
class ProbeCredentials
{
public:
    static QString ref(const QString &url);
    // Stores request's authentication fields for request.url.
    static bool save(SecretStore &secrets, const ProbeRequest &request, QString *error);
    // The remembered fields applied to a request for url; nullopt when none are remembered
    // (with an empty *error) or the store could not be read.
    static std::optional<ProbeRequest> load(SecretStore &secrets, const QString &url,
                                            QString *error);
    static bool forget(SecretStore &secrets, const QString &url, QString *error);
};

} // namespace botbat
