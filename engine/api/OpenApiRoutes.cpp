#include "OpenApiRoutes.h"

#include "ApiRoutes.h"

#include <QFile>
#include <QHttpServerResponse>
#include <mutex>

// Q_INIT_RESOURCE must be called outside any namespace. The engine is a static library, so
// nothing would otherwise keep the linker from dropping the resource's registration.
static void initOpenApiResource()
{
    Q_INIT_RESOURCE(openapi);
}

namespace botbat {

QByteArray OpenApiRoutes::document()
{
    static std::once_flag once;
    static QByteArray bytes;
    std::call_once(once, [] {
        initOpenApiResource();
        QFile file(QStringLiteral(":/botbat/api/openapi.json"));
        if (file.open(QIODevice::ReadOnly))
            bytes = file.readAll();
        else
            qWarning("The OpenAPI document is missing from the engine's resources: %s",
                     qPrintable(file.errorString()));
    });
    return bytes;
}

void OpenApiRoutes::install(ApiRoutes &api)
{
    api.add(QHttpServerRequest::Method::Get, QStringLiteral("/v1/openapi.json"), QString(),
            [](const ApiCall &) {
                return QHttpServerResponse(QByteArrayLiteral("application/json"), document());
            });
}

} // namespace botbat
