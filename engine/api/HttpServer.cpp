#include "HttpServer.h"

#include "JsonResponse.h"

#include <QHttpServerResponder>
#include <exception>

namespace botbat {

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponse response(QHttpServerResponse::StatusCode::InternalServerError);
    try {
        response = m_router.dispatch(request);
    } catch (const std::exception &e) {
        qWarning("HTTP handler for %s failed: %s", qPrintable(request.url().path()), e.what());
        response = JsonResponse::error(QHttpServerResponse::StatusCode::InternalServerError,
                                       QStringLiteral("internal_error"),
                                       QStringLiteral("The server failed to handle the request; "
                                                      "the engine log has details."));
    }
    response.write(makeResponder(request, socket));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    JsonResponse::error(QHttpServerResponse::StatusCode::NotFound, QStringLiteral("not_found"),
                        QStringLiteral("There is no endpoint at %1.").arg(request.url().path()))
        .write(makeResponder(request, socket));
}

} // namespace botbat
