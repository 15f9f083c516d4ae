#include "WriteTransaction.h"

#include "Database.h"
#include "EventStore.h"
#include "SqlError.h"
#include "core/Clock.h"
#include "core/EventBus.h"

#include <QSqlQuery>

namespace botbat {

WriteTransaction::WriteTransaction(Database &database, EventBus *bus, const Clock &clock)
    : m_database(database), m_bus(bus), m_clock(clock)
{
}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

bool WriteTransaction::begin(QString *error)
{
    m_db = m_database.connection(error);
    if (!m_db.isOpen())
        return false;
    if (m_database.isSqlite())
        m_writer = std::unique_lock<QMutex>(m_database.sqliteWriter());
    // IMMEDIATE takes SQLite's write lock up front, so the busy timeout applies instead of a
    // late SQLITE_BUSY when a read transaction tries to become a write transaction.
    QSqlQuery query(m_db);
    if (!query.exec(m_database.isSqlite() ? QStringLiteral("BEGIN IMMEDIATE")
                                          : QStringLiteral("BEGIN"))) {
        *error = QStringLiteral("Cannot start a database transaction: ") + sqlErrorText(query);
        if (m_writer.owns_lock())
            m_writer.unlock();
        return false;
    }
    m_open = true;
    return true;
}

std::optional<Event> WriteTransaction::recordEvent(const QString &type, const QJsonObject &data,
                                                   QString *error)
{
    if (!m_database.isSqlite() && !m_eventLockTaken) {
        QSqlQuery lock(m_db);
        if (!lock.exec(QStringLiteral("SELECT pg_advisory_xact_lock(726622)"))) {
            *error = QStringLiteral("Cannot order the event: ") + sqlErrorText(lock);
            return std::nullopt;
        }
        m_eventLockTaken = true;
    }
    auto event = EventStore(m_db).append(type, m_clock.now(), data, error);
    if (!event) {
        rollback(); // on PostgreSQL the transaction is unusable after a failed statement
        return std::nullopt;
    }
    m_events.append(*event);
    return event;
}

bool WriteTransaction::commit(QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        *error = QStringLiteral("Cannot commit the change: ") + sqlErrorText(query);
        rollback();
        return false;
    }
    m_open = false;
    if (m_writer.owns_lock())
        m_writer.unlock();
    if (m_bus)
        m_bus->announce(m_events);
    m_events.clear();
    return true;
}

void WriteTransaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    m_events.clear();
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK"));
    if (m_writer.owns_lock())
        m_writer.unlock();
}

} // namespace botbat
