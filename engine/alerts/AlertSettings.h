#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace botbat {

// What an admin sets in "Alerts…", stored in the database (nothing secret here: the alert
// webhook's URL is a credential and lives only in the secret store).
struct AlertSettings
{
    static constexpr qint64 kDefaultBurstWindowMs = 10LL * 60 * 1000;
    static constexpr qint64 kMinBurstWindowMs = 60LL * 1000;
    static constexpr qint64 kMaxBurstWindowMs = 24LL * 60 * 60 * 1000;

    bool desktopNotifications = true;
    // After an integration's first alert, its further failures for this long are counted and
    // sent as one summary when the window closes.
    qint64 burstWindowMs = kDefaultBurstWindowMs;
    // Read only: whether an alert webhook URL is in the secret store (or given at start).
    bool webhookConfigured = false;
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::AlertSettings)
