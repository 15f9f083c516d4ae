#include "GuardedTcpServer.h"

#include "ConnectionGuard.h"

#include <QSslSocket>

namespace botbat {

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, const QSslConfiguration &tls,
                                   QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_tls(tls)
{
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    const bool tls = !m_tls.isNull();
    QTcpSocket *socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        ssl->setSslConfiguration(m_tls);
        // A client that fails the handshake gets no HTTP answer: close it.
        connect(ssl, &QSslSocket::sslErrors, ssl, [ssl] { ssl->abort(); });
        ssl->startServerEncryption();
    }
    if (m_open >= m_limits.maxConnections) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(ConnectionGuard::errorResponse(
            503, "Service Unavailable", QStringLiteral("too_many_connections"),
            QStringLiteral("The server has %1 open connections, its limit; retry shortly.")
                .arg(m_limits.maxConnections)));
        socket->disconnectFromHost();
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    new ConnectionGuard(socket, m_limits); // connects to readyRead before Qt's server does
    addPendingConnection(socket);
}

} // namespace botbat
