#pragma once

#include "core/Event.h"

#include <QMutex>
#include <mutex>
#include <QSqlDatabase>
#include <optional>

namespace botbat {

class Clock;
class Database;
class EventBus;

// A domain change and the events it causes, committed together: either both are stored or
// neither. Events are announced on the bus only after COMMIT succeeds.
// Rolls back on destruction unless commit() succeeded.
class WriteTransaction
{
public:
    WriteTransaction(Database &database, EventBus *bus, const Clock &clock);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool begin(QString *error);
    QSqlDatabase &db() { return m_db; }
    const Clock &clock() const { return m_clock; }

    // Record events last in a transaction: on PostgreSQL the first one takes a lock that
    // orders event ids by commit, held until the end of the transaction.
    std::optional<Event> recordEvent(const QString &type, const QJsonObject &data, QString *error);
    bool commit(QString *error);
    void rollback();

private:
    Database &m_database;
    EventBus *m_bus;
    const Clock &m_clock;
    QSqlDatabase m_db;
    bool m_open = false;
    std::unique_lock<QMutex> m_writer; // held from BEGIN to COMMIT/ROLLBACK on SQLite
    bool m_eventLockTaken = false;
    QList<Event> m_events;
};

} // namespace botbat
