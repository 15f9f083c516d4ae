#pragma once

#include "HttpLimits.h"
#include "core/Service.h"

#include <QHostAddress>
#include <QList>
#include <QSslConfiguration>
#include <atomic>
#include <functional>
#include <memory>

namespace botbat {

class ConnectionCounter;
class GuardedTcpServer;
class HttpServer;
class Router;

// Runs the engine's HTTP server (health, REST API, incoming webhooks) in its own thread.
// Route installers run in that thread at start; handlers run there too. Several services, each
// in its own thread, can serve one port: the kernel spreads connections over them
// (SO_REUSEPORT), and they share one connection limit.
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

    // Before start(): count connections in a counter shared with the other services on the
    // port, and join that port (already listened on by one of them) instead of requiring it
    // to be free.
    void setConnectionCounter(std::shared_ptr<ConnectionCounter> counter);
    void setJoinsPort(bool join) { m_joinsPort = join; }

    bool start(QString *error) override;
    void stop() override;

    quint16 port() const { return m_boundPort.load(); } // the real one when asked for port 0

private:
    QHostAddress m_address;
    quint16 m_port;
    HttpLimits m_limits;
    QSslConfiguration m_tls;
    QList<RouteInstaller> m_installers;
    std::shared_ptr<ConnectionCounter> m_connections;
    bool m_joinsPort = false;
    HttpServer *m_server = nullptr;
    GuardedTcpServer *m_tcpServer = nullptr;
    std::atomic<quint16> m_boundPort{0};
};

} // namespace botbat
