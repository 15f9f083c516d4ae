#pragma once

#include <QStringList>

namespace botbat {

// How the engine delivers outgoing webhooks (EngineConfig::webhooks).
struct WebhookSettings
{
    static constexpr qint64 kDay = 24LL * 60 * 60 * 1000;

    QStringList trustedCaFiles;            // --trusted-ca: PEM files with extra CA certificates
    int requestTimeoutMs = 15000;          // a whole attempt, connect to last byte
    qint64 autoDisableAfterMs = 5 * kDay;  // every attempt failing this long disables the endpoint
    qint64 warnBeforeDisableMs = 4 * kDay; // Overview warns once failing this long
    int pollIntervalMs = 1000;             // how often due retries are looked for
    int flushIntervalMs = 10;              // attempt results are written in batches this often
    qint64 claimLeaseMs = 120000;          // a delivery taken by an engine is its own this long
};

} // namespace botbat
