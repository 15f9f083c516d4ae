#pragma once

#include "alerts/AlertConfig.h"
#include "api/ApiSettings.h"
#include "api/HttpLimits.h"
#include "security/SecretStore.h"
#include "webhooks/WebhookSettings.h"

#include <QHostAddress>
#include <QString>
#include <memory>

namespace botbat {

class Clock;

struct EngineConfig
{
    static constexpr quint16 kDefaultPort = 8420;

    QString dataDir;      // required: the SQLite file, the encrypted secret file, the log
    QString databaseSpec; // --database; empty = SQLite at <dataDir>/botbat.db
    QHostAddress httpAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 httpPort = kDefaultPort; // 0 picks a free port (tests)
    // HTTP server threads, each with its own listening socket on the port (SO_REUSEPORT). One
    // thread saturated a core; rate and connection limits stay global across them.
    int httpThreads = 2;
    HttpLimits httpLimits;
    QString tlsCertificateFile; // PEM; with tlsKeyFile, the HTTP server speaks only HTTPS
    QString tlsKeyFile;         // PEM, RSA or EC, unencrypted
    ApiSettings api;
    SecretStoreConfig secrets;
    WebhookSettings webhooks;
    AlertConfig alerts;
    std::shared_ptr<Clock> clock;                      // null = the system clock
    QString defaultPhoneRegion = QStringLiteral("US"); // for numbers written without +country
};

} // namespace botbat
