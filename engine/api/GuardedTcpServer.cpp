#include "GuardedTcpServer.h"

#include "ConnectionCounter.h"
#include "ConnectionGuard.h"

#include <QSslSocket>
#include <QTimer>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace botbat {

namespace {
// address:port as a sockaddr; false for an address family we cannot listen on.
bool toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *storage,
                socklen_t *length, bool *v6Only)
{
    std::memset(storage, 0, sizeof *storage);
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *v4 = reinterpret_cast<sockaddr_in *>(storage);
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        v4->sin_addr.s_addr = htonl(address.toIPv4Address());
        *length = sizeof *v4;
        *v6Only = false;
        return true;
    }
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(storage);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    *length = sizeof *v6;
    if (address == QHostAddress(QHostAddress::Any)) { // dual stack, as QTcpServer does it
        v6->sin6_addr = in6addr_any;
        *v6Only = false;
        return true;
    }
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    std::memcpy(&v6->sin6_addr, bytes.c, sizeof bytes.c);
    v6->sin6_scope_id = address.scopeId().toUInt();
    *v6Only = true;
    return true;
}

// A bound (not yet listening) socket, or -1 with errno set.
int boundSocket(const sockaddr_storage &addr, socklen_t length, bool v6Only, bool reusePort)
{
    const int fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    const int v6OnlyValue = v6Only ? 1 : 0;
    // SO_REUSEADDR as QTcpServer sets it: a restart is not blocked by TIME_WAIT connections.
    bool ok = ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
              (!reusePort || ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) == 0) &&
              (addr.ss_family != AF_INET6 || ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY,
                                                          &v6OnlyValue, sizeof v6OnlyValue) == 0) &&
              ::bind(fd, reinterpret_cast<const sockaddr *>(&addr), length) == 0;
    if (!ok) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, const QSslConfiguration &tls,
                                   std::shared_ptr<ConnectionCounter> connections, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_tls(tls),
      m_connections(connections ? std::move(connections) : std::make_shared<ConnectionCounter>())
{
}

GuardedTcpServer::~GuardedTcpServer()
{
    // close() deletes pending sockets, which must happen while their lambda can still count
    // them; sockets that outlive us no longer reach it, so their places are given back here.
    close();
    m_connections->release(m_open);
}

int GuardedTcpServer::openConnections() const
{
    return m_connections->open();
}

bool GuardedTcpServer::listenShared(const QHostAddress &address, quint16 port, bool join,
                                    QString *error)
{
    sockaddr_storage addr;
    socklen_t length = 0;
    bool v6Only = false;
    if (!toSockaddr(address, port, &addr, &length, &v6Only)) {
        *error = QStringLiteral("unsupported address");
        return false;
    }
    if (!join) {
        // Bound without SO_REUSEPORT, this fails on any port someone listens on, with or
        // without SO_REUSEPORT. For port 0 it also picks the free port we then take.
        const int probe = boundSocket(addr, length, v6Only, false);
        if (probe < 0) {
            *error = lastError();
            return false;
        }
        sockaddr_storage bound;
        socklen_t boundLength = sizeof bound;
        const bool named =
            ::getsockname(probe, reinterpret_cast<sockaddr *>(&bound), &boundLength) == 0;
        ::close(probe);
        if (!named) {
            *error = lastError();
            return false;
        }
        // Same offset of the port in sockaddr_in and sockaddr_in6.
        reinterpret_cast<sockaddr_in *>(&addr)->sin_port =
            reinterpret_cast<sockaddr_in *>(&bound)->sin_port;
    }
    const int fd = boundSocket(addr, length, v6Only, true);
    if (fd < 0 || ::listen(fd, 1024) != 0) {
        *error = lastError();
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    if (!setSocketDescriptor(fd)) {
        *error = errorString();
        ::close(fd);
        return false;
    }
    return true;
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
    if (!m_connections->tryAcquire(m_limits.maxConnections)) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(ConnectionGuard::errorResponse(
            503, "Service Unavailable", QStringLiteral("too_many_connections"),
            QStringLiteral("The server has %1 open connections, its limit; retry shortly.")
                .arg(m_limits.maxConnections)));
        socket->disconnectFromHost();
        // A peer that never reads must not keep the refused socket (and its descriptor) alive.
        QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] {
        --m_open;
        m_connections->release();
    });
    new ConnectionGuard(socket, m_limits); // connects to readyRead before Qt's server does
    addPendingConnection(socket);
}

} // namespace botbat
