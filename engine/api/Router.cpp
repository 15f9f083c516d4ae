#include "Router.h"

#include "JsonResponse.h"

namespace botbat {

namespace {
QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}
} // namespace

void Router::add(QHttpServerRequest::Method method, const QString &pattern, RouteHandler handler)
{
    m_routes.append({method, pattern, splitPath(pattern), std::move(handler)});
}

bool Router::match(const Route &route, const QStringList &segments, PathParams *params)
{
    if (route.segments.size() != segments.size())
        return false;
    PathParams found;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(QLatin1Char('{')) && expected.endsWith(QLatin1Char('}')))
            found.insert(expected.mid(1, expected.size() - 2), segments.at(i));
        else if (expected != segments.at(i))
            return false;
    }
    *params = found;
    return true;
}

QHttpServerResponse Router::dispatch(const QHttpServerRequest &request) const
{
    const QStringList segments = splitPath(request.url().path());
    QList<QByteArray> allowed;
    for (const Route &route : m_routes) {
        PathParams params;
        if (!match(route, segments, &params))
            continue;
        if (route.method == request.method())
            return route.handler(request, params);
        allowed.append(methodName(route.method));
    }
    if (!allowed.isEmpty()) {
        QHttpServerResponse response = JsonResponse::error(
            QHttpServerResponse::StatusCode::MethodNotAllowed, QStringLiteral("method_not_allowed"),
            QStringLiteral("%1 is not supported on %2; use %3.")
                .arg(QString::fromLatin1(methodName(request.method())), request.url().path(),
                     QString::fromLatin1(allowed.join(", "))));
        response.setHeader(QByteArrayLiteral("Allow"), allowed.join(", "));
        return response;
    }
    return JsonResponse::error(QHttpServerResponse::StatusCode::NotFound,
                               QStringLiteral("not_found"),
                               QStringLiteral("There is no endpoint at %1.").arg(request.url().path()));
}

QList<Router::RouteInfo> Router::routes() const
{
    QList<RouteInfo> infos;
    for (const Route &route : m_routes)
        infos.append({route.method, route.pattern});
    return infos;
}

QByteArray Router::methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put: return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post: return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head: return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect: return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace: return QByteArrayLiteral("TRACE");
    default: return QByteArrayLiteral("UNKNOWN");
    }
}

} // namespace botbat
