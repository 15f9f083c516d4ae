#include "DomainSql.h"

#include "storage/SqlError.h"
#include "storage/SqlTime.h"
#include "storage/WriteTransaction.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace botbat {

QVariant DomainSql::text(const std::optional<QString> &value)
{
    // A null QString still binds as '' in Qt 6: only a typed null variant becomes SQL NULL.
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::QString));
}

QVariant DomainSql::time(const QDateTime &value)
{
    return sqlTime(value);
}

QVariant DomainSql::time(const std::optional<QDateTime> &value)
{
    return value ? time(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<QString> DomainSql::optionalText(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toString();
}

QDateTime DomainSql::toTime(const QVariant &value)
{
    return timeFromSql(value);
}

std::optional<QDateTime> DomainSql::optionalTime(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return toTime(value);
}

QJsonObject DomainSql::jsonObject(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QString DomainSql::compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString DomainSql::forUpdate(bool sqlite)
{
    return sqlite ? QString() : QStringLiteral(" FOR UPDATE");
}

bool DomainSql::isUniqueViolation(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    const QString code = error.nativeErrorCode();
    // PostgreSQL reports SQLSTATE 23505; SQLite 2067 (SQLITE_CONSTRAINT_UNIQUE) or, without
    // extended codes, 19 with the words below.
    return code == QLatin1String("23505") || code == QLatin1String("2067") ||
           error.text().contains(QLatin1String("UNIQUE constraint failed"));
}

std::optional<DomainError> DomainSql::checkPage(const PageQuery &page)
{
    QList<FieldError> errors;
    if (page.limit < 1 || page.limit > PageQuery::kMaxLimit)
        errors.append({QStringLiteral("limit"), QStringLiteral("out_of_range"),
                       QStringLiteral("is %1; use a number from 1 to %2")
                           .arg(page.limit)
                           .arg(PageQuery::kMaxLimit)});
    if (page.cursor < 0)
        errors.append({QStringLiteral("cursor"), QStringLiteral("out_of_range"),
                       QStringLiteral("is %1; use 0 for the first page or the next_cursor of "
                                      "the previous page")
                           .arg(page.cursor)});
    if (page.updatedSince && !page.updatedSince->isValid())
        errors.append({QStringLiteral("updated_since"), QStringLiteral("invalid_time"),
                       QStringLiteral("is not a valid time; use ISO-8601 such as "
                                      "2024-03-01T12:00:00Z")});
    if (errors.isEmpty())
        return std::nullopt;
    return DomainError::validation(errors);
}

QString DomainSql::pageSql(const QString &columns, const QString &table, const QString &filter,
                           const PageQuery &page, QVariantList *values)
{
    QString sql = QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM ") + table +
                  QStringLiteral(" WHERE id > ?");
    QVariantList binds;
    binds.append(page.cursor);
    if (page.updatedSince) {
        sql += QStringLiteral(" AND updated_at >= ?");
        binds.append(page.updatedSince->toMSecsSinceEpoch());
    }
    if (!filter.isEmpty())
        sql += QStringLiteral(" AND ") + filter;
    sql += QStringLiteral(" ORDER BY id LIMIT ?");
    *values = binds + *values;
    values->append(page.limit + 1);
    return sql;
}

std::optional<DomainError> DomainSql::begin(WriteTransaction &transaction, const QString &action)
{
    QString error;
    if (!transaction.begin(&error))
        return abort(transaction, DomainError::storage(action, error));
    return std::nullopt;
}

DomainError DomainSql::abort(WriteTransaction &transaction, DomainError error)
{
    transaction.rollback();
    return error;
}

std::optional<DomainSql::Failure> DomainSql::run(WriteTransaction &transaction, const QString &sql,
                                                 const QVariantList &values, qint64 *insertedId)
{
    QSqlQuery query(transaction.db());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || (insertedId && !query.next())) {
        Failure failure{sqlErrorText(query), isUniqueViolation(query)};
        transaction.rollback(); // see abort
        return failure;
    }
    if (insertedId)
        *insertedId = query.value(0).toLongLong();
    return std::nullopt;
}

std::optional<DomainError> DomainSql::write(WriteTransaction &transaction, const QString &action,
                                            const QString &sql, const QVariantList &values,
                                            qint64 *insertedId)
{
    if (auto failure = run(transaction, sql, values, insertedId))
        return DomainError::storage(action, failure->detail);
    return std::nullopt;
}

std::optional<DomainError> DomainSql::finish(WriteTransaction &transaction,
                                             const QString &eventType, const QJsonObject &data,
                                             const QString &action)
{
    QString error;
    if (!eventType.isEmpty() && !transaction.recordEvent(eventType, data, &error))
        return abort(transaction, DomainError::storage(action, error));
    if (!transaction.commit(&error))
        return DomainError::storage(action, error);
    return std::nullopt;
}

} // namespace botbat
