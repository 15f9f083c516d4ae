#pragma once

#include "HttpLimits.h"

#include <QSslConfiguration>
#include <QTcpServer>

namespace botbat {

// A QTcpServer that puts a ConnectionGuard on every connection before Qt's HTTP server sees
// it, and refuses connections past HttpLimits::maxConnections with a JSON 503.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    // A null tls configuration serves plain HTTP; otherwise every connection is TLS.
    GuardedTcpServer(const HttpLimits &limits, const QSslConfiguration &tls,
                     QObject *parent = nullptr);
    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    QSslConfiguration m_tls;
    int m_open = 0;
};

} // namespace botbat
