#include "DeliveryQuery.h"

#include "ListQuery.h"
#include "core/Event.h"
#include "domain/PageQuery.h"

#include <QUrlQuery>

namespace botbat {

namespace {

const QString kState = QStringLiteral("state");
const QString kEventType = QStringLiteral("event_type");
const QString kIsTest = QStringLiteral("is_test");
const QString kSince = QStringLiteral("since");
const QString kCursor = QStringLiteral("cursor");
const QString kLimit = QStringLiteral("limit");
const QString kEndpointId = QStringLiteral("endpoint_id");

QStringList stateKeys()
{
    using State = WebhookDelivery::State;
    QStringList keys;
    for (State state : {State::Pending, State::Retrying, State::Succeeded, State::Failed})
        keys.append(WebhookDelivery::stateKey(state));
    return keys;
}

} // namespace

std::variant<DeliveryQuery, QHttpServerResponse>
DeliveryQuery::parse(const QHttpServerRequest &request, EndpointFilter endpointFilter)
{
    QStringList known = {kState, kEventType, kIsTest, kSince, kCursor, kLimit};
    if (endpointFilter == EndpointFilter::Allowed)
        known.append(kEndpointId);
    DeliveryQuery query;
    query.m_filter.limit = PageQuery::kDefaultLimit;
    QStringList seen;
    const auto items = request.query().queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (auto answer = ListQuery::checkName(name, known, &seen))
            return std::move(*answer);
        if (name == kState) {
            const std::optional<WebhookDelivery::State> state =
                WebhookDelivery::stateFromKey(value);
            if (!state)
                return ListQuery::invalidParameter(
                    name, QStringLiteral("state is \"%1\"; use one of %2, or leave state out for "
                                         "every delivery.")
                              .arg(value, stateKeys().join(QStringLiteral(", "))));
            query.m_filter.state = state;
        } else if (name == kEventType) {
            const QStringList types = EventType::all();
            if (!types.contains(value))
                return ListQuery::invalidParameter(
                    name, QStringLiteral("event_type is \"%1\"; use one of %2.")
                              .arg(value, types.join(QStringLiteral(", "))));
            query.m_filter.eventType = value;
        } else if (name == kIsTest) {
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                return ListQuery::invalidParameter(
                    name, QStringLiteral("is_test is \"%1\"; use true (only test sends) or false "
                                         "(only real events), or leave it out for both.")
                              .arg(value));
            query.m_filter.isTest = value == QLatin1String("true");
        } else if (name == kSince) {
            const std::optional<QDateTime> since = ListQuery::time(value);
            if (!since)
                return ListQuery::invalidTime(name, value);
            query.m_filter.since = *since;
        } else if (name == kCursor) {
            auto cursor = ListQuery::parseCursor(value);
            if (auto *answer = std::get_if<QHttpServerResponse>(&cursor))
                return std::move(*answer);
            query.m_filter.beforeId = std::get<qint64>(cursor);
        } else if (name == kLimit) {
            auto limit = ListQuery::parseLimit(value);
            if (auto *answer = std::get_if<QHttpServerResponse>(&limit))
                return std::move(*answer);
            query.m_filter.limit = std::get<int>(limit);
        } else if (name == kEndpointId) {
            auto id = ListQuery::parseId(name, value);
            if (auto *answer = std::get_if<QHttpServerResponse>(&id))
                return std::move(*answer);
            query.m_filter.endpointId = std::get<qint64>(id);
        }
    }
    return query;
}

} // namespace botbat
