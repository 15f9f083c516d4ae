#pragma once

#include "DomainError.h"
#include "DomainResult.h"
#include "Page.h"
#include "PageQuery.h"
#include "RowChange.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <functional>
#include <optional>

class QSqlQuery;

namespace botbat {

class Database;
class WriteTransaction;
struct DomainContext;

// One table of the domain, read and changed the same way whatever its entity: found by id,
// listed in pages, changed one row per WriteTransaction. What an operation adds is only its own
// rules. Instantiated for the domain's entities in DomainTable.cpp.
template<typename T> class DomainTable
{
public:
    using FromRow = T (*)(const QSqlQuery &query);
    // Decide about the locked row, and change it only when they return RowChange::Changed.
    using Rules = std::function<DomainResult<RowChange>(T &row)>;
    // Writes the changed row; what it returns is the operation's error.
    using Store = std::function<std::optional<DomainError>(WriteTransaction &transaction,
                                                           const T &row, const QString &action)>;
    // Runs on the list's connection before the page is read.
    using Precondition = std::function<std::optional<DomainError>(QSqlDatabase &db)>;

    // entity in lower case, as NotFound names it ("campaign"); columns start with id and come
    // in the order fromRow reads them.
    DomainTable(QString entity, QString table, QString columns, FromRow fromRow);

    // The row where condition (one "?", bound to value) holds, or none; *error is set only when
    // the query failed. lock: see DomainSql::forUpdate.
    std::optional<T> find(QSqlDatabase &db, const QString &condition, const QVariant &value,
                          bool lock, QString *error) const;
    std::optional<T> find(QSqlDatabase &db, qint64 id, bool lock, QString *error) const;

    // The row, or NotFound, or the storage error on action.
    DomainResult<T> read(QSqlDatabase &db, qint64 id, const QString &action) const;
    // read() inside a write, the row locked until the transaction ends.
    DomainResult<T> lock(WriteTransaction &transaction, qint64 id, const QString &action) const;
    // read() on the calling thread's connection.
    DomainResult<T> get(Database &database, qint64 id, const QString &action) const;
    // A Precondition for another table's list: this row must exist (read()).
    Precondition mustExist(qint64 id, const QString &action) const;

    // The page of rows where filter holds (its "?"s bound to values, in order), once the page
    // is valid and precondition (if any) is met.
    DomainResult<Page<T>> list(Database &database, const PageQuery &page, const QString &action,
                               const QString &filter = {}, QVariantList values = {},
                               const Precondition &precondition = {}) const;

    // Changes the row with this id in a WriteTransaction of its own: locks it, lets rules (none:
    // every row changes) decide, stores it and records eventType (if not empty) with the row's
    // snapshot after the change. Returns the row as it is at the end.
    DomainResult<T> change(const DomainContext &context, qint64 id, const QString &action,
                           const Rules &rules, const Store &store, const QString &eventType) const;

private:
    QString m_entity;
    QString m_table;
    QString m_columns;
    FromRow m_fromRow;
};

} // namespace botbat
