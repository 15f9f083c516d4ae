#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace botbat {

// Prepared statements kept per connection, so hot queries (key lookup, row by id, event
// insert) are compiled once instead of on every request. A connection belongs to one thread,
// so a statement is never shared between threads. Not re-entrant: callers read what they need
// and finish() before the same SQL can be used again on that connection.
class StatementCache
{
public:
    // The connection's prepared query for sql (check lastError() if exec fails). The reference
    // stays valid until forget() for this connection.
    static QSqlQuery &prepare(QSqlDatabase &db, const QString &sql);
    // Drops a connection's statements; Database calls it before removing the connection.
    static void forget(const QString &connectionName);
};

} // namespace botbat
