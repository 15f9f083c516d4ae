#pragma once

#include "ApiRoutes.h"
#include "DomainJson.h"
#include "JsonResponse.h"
#include "domain/DomainResult.h"
#include "domain/Page.h"

#include <QHttpServerResponse>
#include <QJsonObject>
#include <optional>
#include <variant>

namespace botbat {

class Domain;

// What the resource route modules share: reading an id or a body from a call, and answering with
// a domain result. Keeps status codes, headers and JSON identical across resources.
class RouteSupport
{
public:
    using Status = QHttpServerResponse::StatusCode;
    using DomainHandler = QHttpServerResponse (*)(Domain &domain, const ApiCall &call);

    // The ApiHandler that calls handler with the domain (which outlives the HTTP routes).
    static ApiHandler bind(Domain &domain, DomainHandler handler);
    // The same for route modules built on another engine service (e.g. the WebhookStore), which
    // likewise outlives the HTTP threads.
    template<typename Service>
    static ApiHandler bind(Service &service,
                           QHttpServerResponse (*handler)(Service &service, const ApiCall &call))
    {
        Service *target = &service;
        return [target, handler](const ApiCall &call) { return handler(*target, call); };
    }

    // The id path parameter. One that is not a positive whole number can never exist, so it gets
    // the same 404 as an unknown number (entity in lower case, e.g. "contact").
    static std::variant<qint64, QHttpServerResponse> id(const ApiCall &call, const QString &entity);
    // The JSON object body, or the 400 (malformed JSON, with line and column) or 415 answer.
    static std::variant<QJsonObject, QHttpServerResponse> body(const ApiCall &call);
    // handle(id) with the id path parameter, or id()'s answer when there is none.
    template<typename Handle>
    static QHttpServerResponse withId(const ApiCall &call, const QString &entity, Handle handle)
    {
        auto parsed = id(call, entity);
        if (auto *answer = std::get_if<QHttpServerResponse>(&parsed))
            return std::move(*answer);
        return handle(std::get<qint64>(parsed));
    }
    // handle(object) with the JSON object body, or body()'s answer when there is none.
    template<typename Handle>
    static QHttpServerResponse withBody(const ApiCall &call, Handle handle)
    {
        auto parsed = body(call);
        if (auto *answer = std::get_if<QHttpServerResponse>(&parsed))
            return std::move(*answer);
        return handle(std::get<QJsonObject>(parsed));
    }
    // For actions whose fields are all optional: handle({}) without a body, else as withBody.
    template<typename Handle>
    static QHttpServerResponse withOptionalBody(const ApiCall &call, Handle handle)
    {
        if (call.request.body().trimmed().isEmpty())
            return handle(QJsonObject());
        return withBody(call, std::move(handle));
    }
    // For actions (close, start, complete, delivered, read): no body, or {}; otherwise the
    // 400/415/422 answer.
    static std::optional<QHttpServerResponse> noBody(const ApiCall &call, const QString &action);
    // For lists that are never paged (everything in one answer): any query parameter is the 400
    // invalid_parameter, so that a client asking for a page learns that there are none.
    static std::optional<QHttpServerResponse> noQuery(const ApiCall &call);
    // 204 without a body.
    static QHttpServerResponse noContent();
    // A response that carries a secret: no cache may keep it.
    static QHttpServerResponse secretBearing(QHttpServerResponse response);

    // 201 (or status) with a Location header naming the new resource.
    static QHttpServerResponse created(const QJsonObject &body, const QString &location,
                                       Status status = Status::Created);

    template<typename T>
    static QHttpServerResponse of(const DomainResult<T> &result, Status status = Status::Ok)
    {
        if (!result.ok())
            return ApiRoutes::domainError(result.error());
        return JsonResponse::ok(result.value().toJson(), status);
    }
    template<typename T> static QHttpServerResponse list(const DomainResult<Page<T>> &result)
    {
        if (!result.ok())
            return ApiRoutes::domainError(result.error());
        return JsonResponse::ok(DomainJson::page(result.value()));
    }
};

} // namespace botbat
