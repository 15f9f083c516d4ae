#include "ProbeRequest.h"

namespace botbat {

QString ProbeRequest::authName(Auth auth)
{
    switch (auth) {
    case Auth::None:
        return QStringLiteral("None");
    case Auth::Bearer:
        return QStringLiteral("Bearer token");
    case Auth::ApiKey:
        return QStringLiteral("API key in a header");
    case Auth::Basic:
        return QStringLiteral("Basic (user name and password)");
    }
    return {};
}

} // namespace botbat
