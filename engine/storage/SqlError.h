#pragma once

#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace botbat {

// The driver's words for a failed query, for error messages (never includes bound values).
inline QString sqlErrorText(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    return error.isValid() ? error.text().trimmed() : QStringLiteral("no result");
}

} // namespace botbat
