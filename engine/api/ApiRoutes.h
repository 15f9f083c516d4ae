#pragma once

#include "Router.h"
#include "apikeys/ApiKey.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <functional>
#include <variant>

namespace botbat {

class ApiAuthenticator;
class DomainError;

// What an authenticated /v1 handler gets: the request, its path parameters and the caller's key.
struct ApiCall
{
    const QHttpServerRequest &request;
    const PathParams &params;
    const ApiKey &key;
};

using ApiHandler = std::function<QHttpServerResponse(const ApiCall &call)>;

// Registers /v1 routes behind authentication (401 with WWW-Authenticate: Bearer), scope checks
// (403) and per-key rate limits (429 with Retry-After). Handlers only see authorized calls.
class ApiRoutes
{
public:
    ApiRoutes(Router &router, ApiAuthenticator &authenticator);

    // scope may be empty for endpoints any valid key may call (e.g. the OpenAPI document).
    void add(QHttpServerRequest::Method method, const QString &pattern, const QString &scope,
             ApiHandler handler);

    // Helpers for handlers: the JSON object body (or the 400/415 answer), a path id, and the
    // HTTP answer for a domain error (422 validation, 404, 409, 500).
    static std::variant<QJsonObject, QHttpServerResponse> jsonBody(const QHttpServerRequest &request);
    static std::optional<qint64> pathId(const PathParams &params, const QString &name = QStringLiteral("id"));
    static QHttpServerResponse notFound(const QString &what, const QString &id);
    static QHttpServerResponse domainError(const DomainError &error);

    // What add() registered, with each route's scope: lets tests compare the routes with the
    // OpenAPI document (the Router itself knows methods and patterns, not scopes).
    struct Registration
    {
        QHttpServerRequest::Method method;
        QString pattern;
        QString scope;
    };
    const QList<Registration> &registrations() const { return m_registrations; }

private:
    Router &m_router;
    ApiAuthenticator &m_authenticator;
    QList<Registration> m_registrations;
};

} // namespace botbat
