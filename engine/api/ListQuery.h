#pragma once

#include "domain/PageQuery.h"

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

private:
    PageQuery m_page;
    QHash<QString, qint64> m_ids;
};

} // namespace botbat
