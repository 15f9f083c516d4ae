#pragma once

#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QList>
#include <QString>
#include <functional>

namespace botbat {

using PathParams = QHash<QString, QString>;
using RouteHandler =
    std::function<QHttpServerResponse(const QHttpServerRequest &, const PathParams &)>;

// Method + path-pattern routing ("/v1/contacts/{id}"). Unlike Qt 6.4's QHttpServer router it
// answers a known path with a wrong method with 405 and an Allow header, and everything else
// unknown with a JSON 404.
class Router
{
public:
    void add(QHttpServerRequest::Method method, const QString &pattern, RouteHandler handler);
    QHttpServerResponse dispatch(const QHttpServerRequest &request) const;

    struct RouteInfo
    {
        QHttpServerRequest::Method method;
        QString pattern;
    };
    QList<RouteInfo> routes() const;

    static QByteArray methodName(QHttpServerRequest::Method method);

private:
    struct Route
    {
        QHttpServerRequest::Method method;
        QString pattern;
        QStringList segments;
        RouteHandler handler;
    };
    static bool match(const Route &route, const QStringList &segments, PathParams *params);

    QList<Route> m_routes;
};

} // namespace botbat
