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
        if (auto answer = checkName(name, known, &seen))
            return std::move(*answer);
        if (name == kLimit) {
            auto limit = parseLimit(value);
            if (auto *answer = std::get_if<QHttpServerResponse>(&limit))
                return std::move(*answer);
            query.m_page.limit = std::get<int>(limit);
        } else if (name == kCursor) {
            auto cursor = parseCursor(value);
            if (auto *answer = std::get_if<QHttpServerResponse>(&cursor))
                return std::move(*answer);
            query.m_page.cursor = std::get<qint64>(cursor);
        } else if (name == kUpdatedSince) {
            const std::optional<QDateTime> since = time(value);
            if (!since)
                return invalidTime(name, value);
            query.m_page.updatedSince = *since;
        } else {
            auto id = parseId(name, value);
            if (auto *answer = std::get_if<QHttpServerResponse>(&id))
                return std::move(*answer);
            query.m_ids.insert(name, std::get<qint64>(id));
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

std::optional<QHttpServerResponse> ListQuery::checkName(const QString &name,
                                                        const QStringList &known, QStringList *seen)
{
    if (!known.contains(name))
        return invalidParameter(
            name, QStringLiteral("Unknown query parameter \"%1\"; this endpoint takes %2. "
                                 "Check the spelling.")
                      .arg(name, known.join(QStringLiteral(", "))));
    if (seen->contains(name))
        return invalidParameter(
            name, QStringLiteral("The query parameter %1 is given twice; give it once.").arg(name));
    seen->append(name);
    return std::nullopt;
}

std::variant<int, QHttpServerResponse> ListQuery::parseLimit(const QString &value)
{
    const std::optional<qint64> limit = wholeNumber(value);
    if (!limit || *limit < 1 || *limit > PageQuery::kMaxLimit)
        return invalidParameter(kLimit,
                                QStringLiteral("limit is \"%1\"; use a whole number from 1 to %2 "
                                               "(default %3).")
                                    .arg(value)
                                    .arg(PageQuery::kMaxLimit)
                                    .arg(PageQuery::kDefaultLimit));
    return static_cast<int>(*limit);
}

std::variant<qint64, QHttpServerResponse> ListQuery::parseCursor(const QString &value)
{
    const std::optional<qint64> cursor = wholeNumber(value);
    if (!cursor || *cursor < 0)
        return invalidParameter(
            kCursor, QStringLiteral("cursor is \"%1\"; pass the next_cursor of the previous "
                                    "page unchanged, or leave cursor out for the first page.")
                         .arg(value));
    return *cursor;
}

std::variant<qint64, QHttpServerResponse> ListQuery::parseId(const QString &name,
                                                             const QString &value)
{
    const std::optional<qint64> id = wholeNumber(value);
    if (!id || *id < 1)
        return invalidParameter(
            name, QStringLiteral("%1 is \"%2\"; use the id of an existing record (a positive "
                                 "whole number), or leave %1 out.")
                      .arg(name, value));
    return *id;
}

std::optional<QDateTime> ListQuery::time(const QString &value)
{
    // A "+02:00" offset sent without URL-encoding arrives as " 02:00": take it as meant.
    static const QRegularExpression unencodedPlus(QStringLiteral("(\\d) (\\d\\d:?\\d\\d)$"));
    QString text = value;
    text.replace(unencodedPlus, QStringLiteral("\\1+\\2"));
    return DomainJson::time(text);
}

QHttpServerResponse ListQuery::invalidTime(const QString &name, const QString &value)
{
    return invalidParameter(name,
                            name + QStringLiteral(" is \"") + value +
                                QStringLiteral("\"; use an ISO-8601 time with a time zone, such as "
                                               "2024-03-01T12:00:00Z or 2024-03-01T14:00:00+02:00 "
                                               "(URL-encode the + as %2B)."));
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
