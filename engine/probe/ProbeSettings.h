#pragma once

namespace botbat {

// How long each step of a connection test may take, and how much of the answer is kept.
// Every wait is bounded, so a test always ends; tests of the probe use short ones.
struct ProbeSettings
{
    int dnsTimeoutMs = 10000;
    int connectTimeoutMs = 10000;
    int tlsTimeoutMs = 10000;
    int httpTimeoutMs = 15000; // as long as a delivery may take (WebhookSettings)
    int maxBodyBytes = 64 * 1024;
};

} // namespace botbat
