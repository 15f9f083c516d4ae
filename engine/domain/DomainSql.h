#pragma once

#include "DomainError.h"
#include "PageQuery.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVariant>
#include <optional>

class QSqlQuery;

namespace botbat {

class WriteTransaction;

// SQL details the domain's tables share: how NULLs and times are bound and read, how a page is
// selected, and how a change is finished (its event recorded last, then COMMIT).
class DomainSql
{
public:
    static QVariant text(const std::optional<QString> &value);
    static QVariant time(const QDateTime &value);
    static QVariant time(const std::optional<QDateTime> &value);
    static std::optional<QString> optionalText(const QVariant &value);
    static QDateTime toTime(const QVariant &value);
    static std::optional<QDateTime> optionalTime(const QVariant &value);
    static QJsonObject jsonObject(const QVariant &value);
    static QString compactJson(const QJsonObject &object);

    // Appended to a SELECT that is followed by an UPDATE of the same row: on PostgreSQL it locks
    // the row so that concurrent changes queue instead of overwriting each other (and emitting
    // an event twice). SQLite needs none: BEGIN IMMEDIATE already admits one writer at a time.
    static QString forUpdate(bool sqlite);

    static bool isUniqueViolation(const QSqlQuery &query);

    // A limit outside 1..PageQuery::kMaxLimit is a validation error.
    static std::optional<DomainError> checkPage(const PageQuery &page);
    // "SELECT <columns> FROM <table> WHERE id > ? [AND updated_at >= ?] [AND <filter>]
    //  ORDER BY id LIMIT ?", asking for one row more than the page so that the caller can tell
    //  whether another page follows. *values holds the filter's values on entry and every value
    //  to bind, in order, on return.
    static QString pageSql(const QString &columns, const QString &table, const QString &filter,
                           const PageQuery &page, QVariantList *values);

    // Begins the write; a failed BEGIN is the storage error on action.
    static std::optional<DomainError> begin(WriteTransaction &transaction, const QString &action);

    // Rolls back at once, before the caller's queries are destroyed: PostgreSQL refuses to
    // release their prepared statements inside a failed transaction.
    static DomainError abort(WriteTransaction &transaction, DomainError error);

    // Why a statement of a write failed; the transaction has been rolled back (see abort).
    struct Failure
    {
        QString detail; // the driver's words
        bool uniqueViolation = false;
    };
    // Runs one statement of a write with values bound in order. With insertedId, the statement
    // is an INSERT ... RETURNING id and *insertedId receives the new row's id.
    static std::optional<Failure> run(WriteTransaction &transaction, const QString &sql,
                                      const QVariantList &values, qint64 *insertedId = nullptr);
    // run(), its failure told as the storage error on action.
    static std::optional<DomainError> write(WriteTransaction &transaction, const QString &action,
                                            const QString &sql, const QVariantList &values,
                                            qint64 *insertedId = nullptr);

    // Records the event (if eventType is not empty) and commits; the error says what failed.
    static std::optional<DomainError> finish(WriteTransaction &transaction,
                                             const QString &eventType, const QJsonObject &data,
                                             const QString &action);
};

} // namespace botbat
