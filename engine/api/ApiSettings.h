#pragma once

#include <QtGlobal>

namespace botbat {

// Tunables of the REST API's authentication and rate limiting.
struct ApiSettings
{
    double keyRequestsPerSecond = 50; // token bucket per API key
    double keyBurst = 100;
    double failuresPerMinute = 12; // failed authentications per client address
    double failureBurst = 20;
    int lastUsedFlushMs = 2000; // "last used" is written in batches, never per request
};

} // namespace botbat
