#pragma once

#include "HttpLimits.h"

#include <QTcpServer>

namespace botbat {

// A QTcpServer that puts a ConnectionGuard on every connection before Qt's HTTP server sees
// it, and refuses connections past HttpLimits::maxConnections with a JSON 503.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(const HttpLimits &limits, QObject *parent = nullptr);
    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    int m_open = 0;
};

} // namespace botbat
