#pragma once

#include "domain/PageQuery.h"

#include <QDateTime>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QStringList>
#include <optional>
#include <variant>

namespace botbat {

// The query string of a list endpoint, checked before the domain sees it: cursor, limit and
// updated_since for paging, plus the id filters the route names (e.g. contact_id). Anything
// else is a 400 invalid_parameter that names the parameter and says what would be valid, so a
// typo such as "update_since" cannot silently return every row.
class ListQuery
{
public:
    static std::variant<ListQuery, QHttpServerResponse> parse(const QHttpServerRequest &request,
                                                              const QStringList &idFilters = {});

    const PageQuery &page() const { return m_page; }
    std::optional<qint64> id(const QString &filter) const;

    // {"error": {"code": "invalid_parameter", "message": ..., "parameter": name}}, 400
    static QHttpServerResponse invalidParameter(const QString &name, const QString &message);

    // The pieces parse() is made of, for list endpoints with filters of their own, so that
    // every list answers the same 400 for the same mistake. checkName refuses an unknown or
    // repeated parameter; the others read a value or give the 400 that explains it.
    static std::optional<QHttpServerResponse>
    checkName(const QString &name, const QStringList &known, QStringList *seen);
    static std::variant<int, QHttpServerResponse> parseLimit(const QString &value);
    static std::variant<qint64, QHttpServerResponse> parseCursor(const QString &value);
    static std::variant<qint64, QHttpServerResponse> parseId(const QString &name,
                                                             const QString &value);
    // A time parameter (ISO-8601 with a time zone, as updated_since), and the 400 refusing one.
    static std::optional<QDateTime> time(const QString &value);
    static QHttpServerResponse invalidTime(const QString &name, const QString &value);

private:
    PageQuery m_page;
    QHash<QString, qint64> m_ids;
};

} // namespace botbat
