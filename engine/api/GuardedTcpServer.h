#pragma once

#include "HttpLimits.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <memory>

namespace botbat {

class ConnectionCounter;

// A QTcpServer that puts a ConnectionGuard on every connection before Qt's HTTP server sees
// it, and refuses connections past HttpLimits::maxConnections with a JSON 503. Several of
// them, one per HTTP thread, can listen on the same port (listenShared) and share one
// connection limit (the counter).
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    // A null tls configuration serves plain HTTP; otherwise every connection is TLS. A null
    // counter makes one of its own.
    GuardedTcpServer(const HttpLimits &limits, const QSslConfiguration &tls,
                     std::shared_ptr<ConnectionCounter> connections = {},
                     QObject *parent = nullptr);
    ~GuardedTcpServer() override;
    int openConnections() const; // across every server sharing the counter

    // Listens with SO_REUSEPORT, so that the kernel spreads connections over every server
    // listening on the port. join = the port is already held by another server of this
    // process; otherwise the port must be free: SO_REUSEPORT alone would let us quietly share
    // it with another process of the same user. On failure *error says why.
    bool listenShared(const QHostAddress &address, quint16 port, bool join, QString *error);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    QSslConfiguration m_tls;
    std::shared_ptr<ConnectionCounter> m_connections;
    int m_open = 0; // ours in m_connections; given back when we go before our sockets
};

} // namespace botbat
