#include "RouteSupport.h"

#include "ListQuery.h"

#include <QUrlQuery>

namespace botbat {

ApiHandler RouteSupport::bind(Domain &domain, DomainHandler handler)
{
    Domain *target = &domain;
    return [target, handler](const ApiCall &call) { return handler(*target, call); };
}

std::variant<qint64, QHttpServerResponse> RouteSupport::id(const ApiCall &call,
                                                           const QString &entity)
{
    if (const std::optional<qint64> id = ApiRoutes::pathId(call.params))
        return *id;
    return JsonResponse::error(Status::NotFound, QStringLiteral("not_found"),
                               QStringLiteral("There is no %1 with id \"%2\": ids are positive "
                                              "whole numbers. List the %1s to find the right one.")
                                   .arg(entity, call.params.value(QStringLiteral("id"))));
}

std::variant<QJsonObject, QHttpServerResponse> RouteSupport::body(const ApiCall &call)
{
    return ApiRoutes::jsonBody(call.request);
}

std::optional<QHttpServerResponse> RouteSupport::noBody(const ApiCall &call, const QString &action)
{
    if (call.request.body().trimmed().isEmpty())
        return std::nullopt;
    auto body = ApiRoutes::jsonBody(call.request);
    if (auto *answer = std::get_if<QHttpServerResponse>(&body))
        return std::move(*answer);
    if (const std::optional<DomainError> error =
            DomainJson::noFields(std::get<QJsonObject>(body), action))
        return ApiRoutes::domainError(*error);
    return std::nullopt;
}

std::optional<QHttpServerResponse> RouteSupport::noQuery(const ApiCall &call)
{
    const auto items = call.request.query().queryItems(QUrl::FullyDecoded);
    if (items.isEmpty())
        return std::nullopt;
    const QString name = items.constFirst().first;
    return ListQuery::invalidParameter(
        name, QStringLiteral("Unknown query parameter \"%1\"; this list takes no parameters: it "
                             "answers with every item at once, without pages.")
                  .arg(name));
}

QHttpServerResponse RouteSupport::noContent()
{
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse RouteSupport::secretBearing(QHttpServerResponse response)
{
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

QHttpServerResponse RouteSupport::created(const QJsonObject &body, const QString &location,
                                          Status status)
{
    QHttpServerResponse response = JsonResponse::ok(body, status);
    response.setHeader(QByteArrayLiteral("Location"), location.toUtf8());
    return response;
}

} // namespace botbat
