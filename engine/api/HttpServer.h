#pragma once

#include "Router.h"

#include <QAbstractHttpServer>

namespace botbat {

// The engine's HTTP server: every request goes through our Router (JSON 404/405, one error
// shape), and a handler that throws answers 500 instead of taking the engine down.
class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using QAbstractHttpServer::QAbstractHttpServer;
    Router &router() { return m_router; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Router m_router;
};

} // namespace botbat
