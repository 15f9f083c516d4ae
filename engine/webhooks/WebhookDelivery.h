#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <optional>

namespace botbat {

// One event (or one test) for one endpoint. The row exists before the first attempt; payload is
// the exact body every attempt sends.
struct WebhookDelivery
{
    enum class State
    {
        Pending,
        Retrying,
        Succeeded,
        Failed
    };

    qint64 id = 0;
    qint64 endpointId = 0;
    qint64 eventId = 0; // 0 for tests
    QString eventType;
    QByteArray payload;
    State state = State::Pending;
    bool isTest = false;
    int attempts = 0;
    QDateTime nextAttemptAt; // invalid once final
    int lastStatus = 0;
    QString lastError;
    QDateTime createdAt;
    QDateTime updatedAt;

    // The id receivers see in X-BotBat-Delivery, webhook-id and the body: "evt_<event id>",
    // or "test_<delivery id>" for a test.
    QByteArray messageId() const;
    bool isFinal() const { return state == State::Succeeded || state == State::Failed; }
    QJsonObject toJson() const; // without the payload unless withPayload

    QJsonObject toJson(bool withPayload) const;
    static QString stateKey(State state); // "pending", "retrying", "succeeded", "failed"
    static std::optional<State> stateFromKey(const QString &key);
    // The body receivers get, compact JSON with the keys in this order:
    // {"id": messageId, "type": eventType, "timestamp": ISO-8601 UTC with ms, "data": data}.
    static QByteArray payloadFor(const QByteArray &messageId, const QString &eventType,
                                 const QDateTime &timestamp, const QJsonObject &data);
    // The same with data already serialized as compact JSON (the stored event text, byte for byte).
    static QByteArray payloadFor(const QByteArray &messageId, const QString &eventType,
                                 const QDateTime &timestamp, const QByteArray &dataJson);
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::WebhookDelivery)
