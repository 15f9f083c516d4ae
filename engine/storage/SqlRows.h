#pragma once

#include "SqlError.h"

#include <QList>
#include <QSqlQuery>
#include <QString>

namespace botbat {

// Every row that sql selects, each read by fromRow(query). On failure: what rows were read
// (none), and *error (if given) is failure followed by the driver's words.
template<typename Row, typename FromRow>
QList<Row> selectRows(QSqlQuery &query, const QString &sql, FromRow fromRow, const QString &failure,
                      QString *error)
{
    QList<Row> rows;
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        if (error)
            *error = failure + sqlErrorText(query);
        return rows;
    }
    while (query.next())
        rows.append(fromRow(query));
    return rows;
}

} // namespace botbat
