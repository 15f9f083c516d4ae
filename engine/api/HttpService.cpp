#include "HttpService.h"

#include "ConnectionCounter.h"
#include "GuardedTcpServer.h"
#include "HttpServer.h"

namespace botbat {

HttpService::HttpService(const QHostAddress &address, quint16 port, const HttpLimits &limits,
                         QList<RouteInstaller> installers, const QSslConfiguration &tls)
    : m_address(address), m_port(port), m_limits(limits), m_tls(tls),
      m_installers(std::move(installers))
{
}

HttpService::~HttpService() = default;

void HttpService::setConnectionCounter(std::shared_ptr<ConnectionCounter> counter)
{
    m_connections = std::move(counter);
}

bool HttpService::start(QString *error)
{
    m_server = new HttpServer(this);
    for (const RouteInstaller &install : m_installers)
        install(m_server->router(), m_server);
    m_tcpServer = new GuardedTcpServer(m_limits, m_tls, m_connections, this);
    QString reason;
    if (!m_tcpServer->listenShared(m_address, m_port, m_joinsPort, &reason)) {
        *error = QStringLiteral("Cannot listen on %1:%2: %3. Another botbat-console may be "
                                "running; choose another port with --port.")
                     .arg(m_address.toString())
                     .arg(m_port)
                     .arg(reason);
        return false;
    }
    m_server->bind(m_tcpServer);
    m_boundPort = m_tcpServer->serverPort();
    return true;
}

void HttpService::stop()
{
    if (m_tcpServer)
        m_tcpServer->close();
    delete m_server; // closes open connections and destroys route objects now, in this thread
    m_server = nullptr;
    m_tcpServer = nullptr;
}

} // namespace botbat
