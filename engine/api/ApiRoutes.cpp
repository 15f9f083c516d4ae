#include "ApiRoutes.h"

#include "ApiAuthenticator.h"
#include "JsonResponse.h"
#include "domain/DomainError.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace botbat {

using Status = QHttpServerResponse::StatusCode;

ApiRoutes::ApiRoutes(Router &router, ApiAuthenticator &authenticator)
    : m_router(router), m_authenticator(authenticator)
{
}

void ApiRoutes::add(QHttpServerRequest::Method method, const QString &pattern,
                    const QString &scope, ApiHandler handler)
{
    m_registrations.append({method, pattern, scope});
    ApiAuthenticator *authenticator = &m_authenticator;
    m_router.add(method, pattern,
                 [authenticator, scope, handler = std::move(handler)](
                     const QHttpServerRequest &request, const PathParams &params) {
                     const ApiAuthenticator::Result auth = authenticator->authenticate(request);
                     if (!auth.ok) {
                         QHttpServerResponse response = JsonResponse::error(
                             static_cast<Status>(auth.status), auth.code, auth.message);
                         if (auth.status == 401)
                             response.setHeader(
                                 QByteArrayLiteral("WWW-Authenticate"),
                                 QByteArrayLiteral("Bearer realm=\"BotBat API\", error=\"invalid_token\""));
                         if (auth.retryAfterMs > 0)
                             response.setHeader(QByteArrayLiteral("Retry-After"),
                                                QByteArray::number((auth.retryAfterMs + 999) / 1000));
                         return response;
                     }
                     if (!scope.isEmpty() && !auth.key.hasScope(scope)) {
                         QHttpServerResponse response = JsonResponse::error(
                             Status::Forbidden, QStringLiteral("insufficient_scope"),
                             QStringLiteral("This key lacks the scope \"%1\" needed here. Its "
                                            "scopes: %2. Create a key with that scope.")
                                 .arg(scope, auth.key.scopes.join(QStringLiteral(", "))));
                         response.setHeader(
                             QByteArrayLiteral("WWW-Authenticate"),
                             "Bearer realm=\"BotBat API\", error=\"insufficient_scope\", scope=\"" +
                                 scope.toLatin1() + '"');
                         return response;
                     }
                     return handler(ApiCall{request, params, auth.key});
                 });
}

std::variant<QJsonObject, QHttpServerResponse> ApiRoutes::jsonBody(const QHttpServerRequest &request)
{
    const QByteArray type = request.value(QByteArrayLiteral("Content-Type")).toLower();
    if (!type.startsWith("application/json"))
        return JsonResponse::error(Status::UnsupportedMediaType, QStringLiteral("unsupported_media_type"),
                                   QStringLiteral("Send the body as JSON with the header "
                                                  "\"Content-Type: application/json\"."));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = request.body().left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        return JsonResponse::error(Status::BadRequest, QStringLiteral("malformed_json"),
                                   QStringLiteral("The body is not valid JSON: %1 at line %2, "
                                                  "column %3 (byte %4).")
                                       .arg(parseError.errorString())
                                       .arg(line)
                                       .arg(column)
                                       .arg(parseError.offset));
    }
    if (!document.isObject())
        return JsonResponse::error(Status::BadRequest, QStringLiteral("malformed_json"),
                                   QStringLiteral("The body must be a JSON object ({...})."));
    return document.object();
}

std::optional<qint64> ApiRoutes::pathId(const PathParams &params, const QString &name)
{
    bool ok = false;
    const qint64 id = params.value(name).toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

QHttpServerResponse ApiRoutes::notFound(const QString &what, const QString &id)
{
    return JsonResponse::error(Status::NotFound, QStringLiteral("not_found"),
                               QStringLiteral("There is no %1 with id %2.").arg(what, id));
}

QHttpServerResponse ApiRoutes::domainError(const DomainError &error)
{
    Status status = Status::InternalServerError;
    switch (error.kind()) {
    case DomainError::Kind::Validation: status = Status::UnprocessableEntity; break;
    case DomainError::Kind::NotFound: status = Status::NotFound; break;
    case DomainError::Kind::Conflict: status = Status::Conflict; break;
    case DomainError::Kind::InvalidState: status = Status::Conflict; break;
    case DomainError::Kind::Storage: status = Status::ServiceUnavailable; break;
    }
    return JsonResponse::ok(QJsonObject{{QStringLiteral("error"), error.toJson()}}, status);
}

} // namespace botbat
