#include "ListQuery.h"

#include "DomainJson.h"
#include "JsonResponse.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace botbat {

namespace {

const QString kCursor = QStringLiteral("cursor");
const QString kLimit = QStringLiteral("limit");
const QString kUpdatedSince = QStringLiteral("updated_since");

std::optional<qint64> wholeNumber(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

} // namespace

std::variant<ListQuery, QHttpServerResponse> ListQuery::parse(const QHttpServerRequest &request,
                                                              const QStringList &idFilters)
{
    const QStringList known = QStringList{kCursor, kLimit, kUpdatedSince} + idFilters;
    ListQuery query;
    QStringList seen;
    const auto items = request.query().queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (!known.contains(name))
            return invalidParameter(
                name, QStringLiteral("Unknown query parameter \"%1\"; this endpoint takes %2. "
                                     "Check the spelling.")
                          .arg(name, known.join(QStringLiteral(", "))));
        if (seen.contains(name))
            return invalidParameter(
                name,
                QStringLiteral("The query parameter %1 is given twice; give it once.").arg(name));
        seen.append(name);

        if (name == kLimit) {
            const std::optional<qint64> limit = wholeNumber(value);
            if (!limit || *limit < 1 || *limit > PageQuery::kMaxLimit)
                return invalidParameter(
                    name, QStringLiteral("limit is \"%1\"; use a whole number from 1 to %2 "
                                         "(default %3).")
                              .arg(value)
                              .arg(PageQuery::kMaxLimit)
                              .arg(PageQuery::kDefaultLimit));
            query.m_page.limit = static_cast<int>(*limit);
        } else if (name == kCursor) {
            const std::optional<qint64> cursor = wholeNumber(value);
            if (!cursor || *cursor < 0)
                return invalidParameter(
                    name, QStringLiteral("cursor is \"%1\"; pass the next_cursor of the previous "
                                         "page unchanged, or leave cursor out for the first page.")
                              .arg(value));
            query.m_page.cursor = *cursor;
        } else if (name == kUpdatedSince) {
            // A "+02:00" offset sent without URL-encoding arrives as " 02:00": take it as meant.
            static const QRegularExpression unencodedPlus(
                QStringLiteral("(\\d) (\\d\\d:?\\d\\d)$"));
            QString text = value;
            text.replace(unencodedPlus, QStringLiteral("\\1+\\2"));
            const std::optional<QDateTime> since = DomainJson::time(text);
            if (!since)
                return invalidParameter(
                    name, QStringLiteral("updated_since is \"") + value +
                              QStringLiteral("\"; use an ISO-8601 time with a time zone, such as "
                                             "2024-03-01T12:00:00Z or 2024-03-01T14:00:00+02:00 "
                                             "(URL-encode the + as %2B)."));
            query.m_page.updatedSince = *since;
        } else {
            const std::optional<qint64> id = wholeNumber(value);
            if (!id || *id < 1)
                return invalidParameter(
                    name, QStringLiteral("%1 is \"%2\"; use the id of an existing record (a "
                                         "positive whole number), or leave %1 out.")
                              .arg(name, value));
            query.m_ids.insert(name, *id);
        }
    }
    return query;
}

std::optional<qint64> ListQuery::id(const QString &filter) const
{
    const auto it = m_ids.constFind(filter);
    if (it == m_ids.constEnd())
        return std::nullopt;
    return *it;
}

QHttpServerResponse ListQuery::invalidParameter(const QString &name, const QString &message)
{
    const QJsonObject error{{QStringLiteral("code"), QStringLiteral("invalid_parameter")},
                            {QStringLiteral("message"), message},
                            {QStringLiteral("parameter"), name}};
    return JsonResponse::ok({{QStringLiteral("error"), error}},
                            QHttpServerResponse::StatusCode::BadRequest);
}

} // namespace botbat
