#include "JsonResponse.h"

#include <QJsonDocument>

namespace botbat {

QHttpServerResponse JsonResponse::ok(const QJsonObject &body,
                                     QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

QHttpServerResponse JsonResponse::error(QHttpServerResponse::StatusCode status,
                                        const QString &code, const QString &message)
{
    const QJsonObject body{
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
    return ok(body, status);
}

} // namespace botbat
