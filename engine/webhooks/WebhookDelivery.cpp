#include "WebhookDelivery.h"

#include "domain/JsonValues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace botbat {

namespace {

QByteArray jsonString(const QString &text)
{
    // QJsonDocument has no scalar documents: wrap in an array and cut the brackets off.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QByteArray WebhookDelivery::messageId() const
{
    return isTest ? QByteArrayLiteral("test_") + QByteArray::number(id)
                  : QByteArrayLiteral("evt_") + QByteArray::number(eventId);
}

QJsonObject WebhookDelivery::toJson() const
{
    return toJson(false);
}

QJsonObject WebhookDelivery::toJson(bool withPayload) const
{
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("endpoint_id"), endpointId},
                     {QStringLiteral("event_id"),
                      isTest || eventId == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(eventId)},
                     {QStringLiteral("event_type"), eventType},
                     {QStringLiteral("message_id"), QString::fromLatin1(messageId())},
                     {QStringLiteral("state"), stateKey(state)},
                     {QStringLiteral("is_test"), isTest},
                     {QStringLiteral("attempts"), attempts},
                     {QStringLiteral("next_attempt_at"), JsonValues::time(nextAttemptAt)},
                     {QStringLiteral("last_status"), lastStatus},
                     {QStringLiteral("last_error"), lastError},
                     {QStringLiteral("created_at"), JsonValues::time(createdAt)},
                     {QStringLiteral("updated_at"), JsonValues::time(updatedAt)}};
    if (withPayload) {
        const QJsonDocument document = QJsonDocument::fromJson(payload);
        json.insert(QStringLiteral("payload"), document.isObject()
                                                   ? QJsonValue(document.object())
                                                   : QJsonValue(QString::fromUtf8(payload)));
    }
    return json;
}

QString WebhookDelivery::stateKey(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Retrying:
        return QStringLiteral("retrying");
    case State::Succeeded:
        return QStringLiteral("succeeded");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("pending");
}

std::optional<WebhookDelivery::State> WebhookDelivery::stateFromKey(const QString &key)
{
    for (State state : {State::Pending, State::Retrying, State::Succeeded, State::Failed}) {
        if (stateKey(state) == key)
            return state;
    }
    return std::nullopt;
}

QByteArray WebhookDelivery::payloadFor(const QByteArray &messageId, const QString &eventType,
                                       const QDateTime &timestamp, const QJsonObject &data)
{
    return payloadFor(messageId, eventType, timestamp,
                      QJsonDocument(data).toJson(QJsonDocument::Compact));
}

QByteArray WebhookDelivery::payloadFor(const QByteArray &messageId, const QString &eventType,
                                       const QDateTime &timestamp, const QByteArray &dataJson)
{
    // Built by hand because QJsonObject sorts its keys; receivers reading the raw body see the
    // documented order.
    QByteArray body;
    body.reserve(128 + dataJson.size());
    body += "{\"id\":";
    body += jsonString(QString::fromLatin1(messageId));
    body += ",\"type\":";
    body += jsonString(eventType);
    body += ",\"timestamp\":";
    body += jsonString(JsonValues::time(timestamp).toString());
    body += ",\"data\":";
    body += dataJson;
    body += '}';
    return body;
}

} // namespace botbat
