#include "HealthRoutes.h"

#include "JsonResponse.h"
#include "Router.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "storage/Database.h"
#include "storage/EventStore.h"
#include "storage/Migrations.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace botbat {

void HealthRoutes::install(Router &router, Engine &engine)
{
    router.add(QHttpServerRequest::Method::Get, QStringLiteral("/healthz"),
               [&engine](const QHttpServerRequest &, const PathParams &) {
                   const EngineStatus status = engine.status();
                   QString dbError;
                   QSqlDatabase db = engine.database().connection(&dbError);
                   const bool dbOk = db.isOpen();
                   const bool healthy = dbOk && status.state == EngineState::Running;
                   QJsonObject database{{QStringLiteral("backend"), status.databaseBackend},
                                        {QStringLiteral("reachable"), dbOk}};
                   QJsonObject events;
                   if (dbOk) {
                       database.insert(QStringLiteral("schema_version"),
                                       Migrations::currentVersion(db));
                       events.insert(QStringLiteral("last_id"), EventStore(db).lastId());
                   }
                   const qint64 uptime =
                       status.startedAt.isValid()
                           ? status.startedAt.secsTo(engine.clock().now())
                           : 0;
                   const QJsonObject body{
                       {QStringLiteral("status"), healthy ? QStringLiteral("ok")
                                                          : QStringLiteral("unavailable")},
                       {QStringLiteral("state"), EngineStatus::stateKey(status.state)},
                       {QStringLiteral("version"), QCoreApplication::applicationVersion()},
                       {QStringLiteral("uptime_seconds"), uptime},
                       {QStringLiteral("database"), database},
                       {QStringLiteral("secret_store"),
                        QJsonObject{{QStringLiteral("backend"), status.secretStoreBackend},
                                    {QStringLiteral("available"), status.secretStoreAvailable}}},
                       {QStringLiteral("events"), events},
                   };
                   return JsonResponse::ok(
                       body, healthy ? QHttpServerResponse::StatusCode::Ok
                                     : QHttpServerResponse::StatusCode::ServiceUnavailable);
               });
}

} // namespace botbat
