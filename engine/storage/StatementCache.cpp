#include "StatementCache.h"

#include <QMutex>
#include <memory>
#include <unordered_map>

namespace botbat {

namespace {
struct Cache
{
    QMutex mutex;
    // unique_ptr: references handed out stay valid while the maps grow
    std::unordered_map<QString, std::unordered_map<QString, std::unique_ptr<QSqlQuery>>> byConnection;
};

Cache &cache()
{
    static Cache instance;
    return instance;
}
} // namespace

QSqlQuery &StatementCache::prepare(QSqlDatabase &db, const QString &sql)
{
    Cache &c = cache();
    QMutexLocker lock(&c.mutex);
    std::unique_ptr<QSqlQuery> &slot = c.byConnection[db.connectionName()][sql];
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(db);
        // Every cached read is walked once, front to back: no row cache needed.
        slot->setForwardOnly(true);
        slot->prepare(sql);
    }
    return *slot;
}

void StatementCache::forget(const QString &connectionName)
{
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> statements;
    {
        QMutexLocker lock(&cache().mutex);
        auto node = cache().byConnection.extract(connectionName);
        if (!node.empty())
            statements = std::move(node.mapped());
    }
    // statements are destroyed here, before the caller removes their connection
}

} // namespace botbat
