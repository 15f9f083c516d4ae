#pragma once

#include <QList>
#include <QString>

namespace botbat {

// How the engine sends alerts (EngineConfig::alerts); the admin's settings are AlertSettings.
struct AlertConfig
{
    // From --alert-webhook-url-file: used instead of the one in the secret store, for this run
    // only (never stored). Empty: the secret store's, if any.
    QString webhookUrl;
    int requestTimeoutMs = 10000; // one try, connect to last byte
    // Waits before the 2nd, 3rd... try of sending one alert; after the last, it is Failed.
    QList<qint64> retryDelaysMs = {5000, 30000, 120000};
    int pollIntervalMs = 1000; // how often closed windows and due sends are looked for
};

} // namespace botbat
