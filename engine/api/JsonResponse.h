#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>

namespace botbat {

// Every HTTP answer of the engine is JSON; every error has one stable shape:
// {"error": {"code": "not_found", "message": "..."}}
class JsonResponse
{
public:
    static QHttpServerResponse ok(const QJsonObject &body,
                                  QHttpServerResponse::StatusCode status =
                                      QHttpServerResponse::StatusCode::Ok);
    static QHttpServerResponse error(QHttpServerResponse::StatusCode status, const QString &code,
                                     const QString &message);
};

} // namespace botbat
