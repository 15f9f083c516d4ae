#include "HttpService.h"

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

bool HttpService::start(QString *error)
{
    m_server = new HttpServer(this);
    for (const RouteInstaller &install : m_installers)
        install(m_server->router(), m_server);
    m_tcpServer = new GuardedTcpServer(m_limits, m_tls, this);
    if (!m_tcpServer->listen(m_address, m_port)) {
        *error = QStringLiteral("Cannot listen on %1:%2: %3. Another botbat-console may be "
                                "running; choose another port with --port.")
                     .arg(m_address.toString())
                     .arg(m_port)
                     .arg(m_tcpServer->errorString());
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
