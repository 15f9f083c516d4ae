#pragma once

#include "HttpLimits.h"
#include "core/Service.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QList>
#include <atomic>
#include <functional>


namespace botbat {

class GuardedTcpServer;
class HttpServer;
class Router;

// Runs the engine's HTTP server (health, REST API, incoming webhooks) in its own thread.
// Route installers run in that thread at start; handlers run there too.
class HttpService final : public Service
{
    Q_OBJECT
public:
    // Runs in the HTTP thread at start. owner is the server object: anything the installer
    // creates with it as parent lives in this thread and is destroyed in stop().
    using RouteInstaller = std::function<void(Router &, QObject *owner)>;

    HttpService(const QHostAddress &address, quint16 port, const HttpLimits &limits,
                QList<RouteInstaller> installers, const QSslConfiguration &tls = {});
    ~HttpService() override;

    bool start(QString *error) override;
    void stop() override;

    quint16 port() const { return m_boundPort.load(); } // the real one when asked for port 0

private:
    QHostAddress m_address;
    quint16 m_port;
    HttpLimits m_limits;
    QSslConfiguration m_tls;
    QList<RouteInstaller> m_installers;
    HttpServer *m_server = nullptr;
    GuardedTcpServer *m_tcpServer = nullptr;
    std::atomic<quint16> m_boundPort{0};
};

} // namespace botbat
