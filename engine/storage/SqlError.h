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

// Qt binds a null QString as SQL NULL; NOT NULL text columns hold '' for "none".
inline QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace botbat
