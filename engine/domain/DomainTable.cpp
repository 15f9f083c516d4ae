#include "DomainTable.h"

#include "Campaign.h"
#include "Contact.h"
#include "Conversation.h"
#include "DomainContext.h"
#include "DomainSql.h"
#include "Message.h"
#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/StatementCache.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace botbat {

template<typename T>
DomainTable<T>::DomainTable(QString entity, QString table, QString columns, FromRow fromRow)
    : m_entity(std::move(entity)), m_table(std::move(table)), m_columns(std::move(columns)),
      m_fromRow(fromRow)
{}

template<typename T>
std::optional<T> DomainTable<T>::find(QSqlDatabase &db, const QString &condition,
                                      const QVariant &value, bool lock, QString *error) const
{
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    QSqlQuery &query = StatementCache::prepare(
        db, QStringLiteral("SELECT ") + m_columns + QStringLiteral(" FROM ") + m_table +
                QStringLiteral(" WHERE ") + condition +
                (lock ? DomainSql::forUpdate(sqlite) : QString()));
    query.addBindValue(value);
    if (!query.exec()) {
        *error = sqlErrorText(query);
        return std::nullopt;
    }
    std::optional<T> row;
    if (query.next())
        row = m_fromRow(query);
    query.finish(); // a cached SELECT left open would hold SQLite's read snapshot
    return row;
}

template<typename T>
std::optional<T> DomainTable<T>::find(QSqlDatabase &db, qint64 id, bool lock, QString *error) const
{
    return find(db, QStringLiteral("id = ?"), id, lock, error);
}

template<typename T>
DomainResult<T> DomainTable<T>::read(QSqlDatabase &db, qint64 id, const QString &action) const
{
    QString error;
    std::optional<T> row = find(db, id, false, &error);
    if (!error.isEmpty())
        return DomainError::storage(action, error);
    if (!row)
        return DomainError::notFound(m_entity, id);
    return std::move(*row);
}

template<typename T>
DomainResult<T> DomainTable<T>::lock(WriteTransaction &transaction, qint64 id,
                                     const QString &action) const
{
    QString error;
    std::optional<T> row = find(transaction.db(), id, true, &error);
    if (!error.isEmpty())
        return DomainSql::abort(transaction, DomainError::storage(action, error));
    if (!row)
        return DomainError::notFound(m_entity, id);
    return std::move(*row);
}

template<typename T>
DomainResult<T> DomainTable<T>::get(Database &database, qint64 id, const QString &action) const
{
    QString error;
    QSqlDatabase db = database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    return read(db, id, action);
}

template<typename T>
typename DomainTable<T>::Precondition DomainTable<T>::mustExist(qint64 id,
                                                                const QString &action) const
{
    // A copy of the table, so that the precondition may outlive this object.
    return [table = *this, id, action](QSqlDatabase &db) -> std::optional<DomainError> {
        const DomainResult<T> row = table.read(db, id, action);
        if (!row)
            return row.error();
        return std::nullopt;
    };
}

template<typename T>
DomainResult<Page<T>> DomainTable<T>::list(Database &database, const PageQuery &page,
                                           const QString &action, const QString &filter,
                                           QVariantList values,
                                           const Precondition &precondition) const
{
    if (auto invalid = DomainSql::checkPage(page))
        return *invalid;
    QString error;
    QSqlDatabase db = database.connection(&error);
    if (!db.isOpen())
        return DomainError::storage(action, error);
    if (precondition) {
        if (auto failure = precondition(db))
            return *failure;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(DomainSql::pageSql(m_columns, m_table, filter, page, &values));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
        return DomainError::storage(action, sqlErrorText(query));
    Page<T> result;
    while (query.next())
        result.items.append(m_fromRow(query));
    if (result.items.size() > page.limit) {
        result.items.removeLast();
        result.nextCursor = result.items.constLast().id;
    }
    return result;
}

template<typename T>
DomainResult<T> DomainTable<T>::change(const DomainContext &context, qint64 id,
                                       const QString &action, const Rules &rules,
                                       const Store &store, const QString &eventType) const
{
    WriteTransaction transaction(context.database, &context.bus, context.clock);
    if (auto failure = DomainSql::begin(transaction, action))
        return *failure;
    DomainResult<T> locked = lock(transaction, id, action);
    if (!locked)
        return locked;
    T row = std::move(locked).value();
    if (rules) {
        const DomainResult<RowChange> decision = rules(row);
        if (!decision)
            return decision.error();
        if (decision.value() == RowChange::Unchanged)
            return row;
    }
    if (auto failure = store(transaction, row, action))
        return *failure;
    if (auto failure = DomainSql::finish(transaction, eventType, row.toJson(), action))
        return *failure;
    return row;
}

// Here rather than in the header, so that the header carries no logic: one line per entity.
template class DomainTable<Campaign>;
template class DomainTable<Contact>;
template class DomainTable<Conversation>;
template class DomainTable<Message>;

} // namespace botbat
