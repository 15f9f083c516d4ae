#include "SamplePayloads.h"

#include "core/Event.h"

namespace botbat {

namespace {

// Fixed sample times, so a test payload is the same every time it is sent (receivers comparing
// two tests see only the id and timestamp change). The shapes are those of Contact::toJson(),
// Conversation::toJson(), Message::toJson() and Campaign::toJson(), which the real events carry.
QJsonObject contact(bool updated)
{
    return {{QStringLiteral("id"), 4211},
            {QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
            {QStringLiteral("email"), QStringLiteral("ada@example.com")},
            {QStringLiteral("phone"), QStringLiteral("+14155550132")},
            {QStringLiteral("company"), updated
                                            ? QJsonValue(QStringLiteral("Analytical Engines Ltd"))
                                            : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("attributes"),
             updated ? QJsonObject{{QStringLiteral("plan"), QStringLiteral("enterprise")},
                                   {QStringLiteral("seats"), 25}}
                     : QJsonObject{{QStringLiteral("plan"), QStringLiteral("trial")}}},
            {QStringLiteral("created_at"), QStringLiteral("2024-03-01T09:15:02.118Z")},
            {QStringLiteral("updated_at"), updated ? QStringLiteral("2024-03-04T16:40:27.503Z")
                                                   : QStringLiteral("2024-03-01T09:15:02.118Z")}};
}

QJsonObject conversation(bool closed)
{
    return {{QStringLiteral("id"), 9034},
            {QStringLiteral("contact_id"), 4211},
            {QStringLiteral("channel"), QStringLiteral("whatsapp")},
            {QStringLiteral("subject"), QStringLiteral("Question about my invoice")},
            {QStringLiteral("status"), closed ? QStringLiteral("closed") : QStringLiteral("open")},
            {QStringLiteral("created_at"), QStringLiteral("2024-03-04T16:41:10.020Z")},
            {QStringLiteral("updated_at"), closed ? QStringLiteral("2024-03-04T17:02:45.871Z")
                                                  : QStringLiteral("2024-03-04T16:41:10.020Z")},
            {QStringLiteral("closed_at"),
             closed ? QJsonValue(QStringLiteral("2024-03-04T17:02:45.871Z"))
                    : QJsonValue(QJsonValue::Null)}};
}

QJsonObject inboundMessage()
{
    return {{QStringLiteral("id"), 120577},
            {QStringLiteral("conversation_id"), 9034},
            {QStringLiteral("direction"), QStringLiteral("inbound")},
            {QStringLiteral("body"),
             QStringLiteral("Hi! I was charged twice for March, can you help?")},
            {QStringLiteral("status"), QStringLiteral("received")},
            {QStringLiteral("created_at"), QStringLiteral("2024-03-04T16:41:10.020Z")},
            {QStringLiteral("updated_at"), QStringLiteral("2024-03-04T16:41:10.020Z")},
            {QStringLiteral("delivered_at"), QJsonValue(QJsonValue::Null)},
            {QStringLiteral("read_at"), QJsonValue(QJsonValue::Null)}};
}

QJsonObject outboundMessage(bool read)
{
    return {{QStringLiteral("id"), 120578},
            {QStringLiteral("conversation_id"), 9034},
            {QStringLiteral("direction"), QStringLiteral("outbound")},
            {QStringLiteral("body"),
             QStringLiteral("Sorry about that, Ada. The duplicate charge has been refunded.")},
            {QStringLiteral("status"), read ? QStringLiteral("read") : QStringLiteral("delivered")},
            {QStringLiteral("created_at"), QStringLiteral("2024-03-04T16:52:31.407Z")},
            {QStringLiteral("updated_at"), read ? QStringLiteral("2024-03-04T16:55:08.912Z")
                                                : QStringLiteral("2024-03-04T16:52:33.260Z")},
            {QStringLiteral("delivered_at"), QStringLiteral("2024-03-04T16:52:33.260Z")},
            {QStringLiteral("read_at"), read
                                            ? QJsonValue(QStringLiteral("2024-03-04T16:55:08.912Z"))
                                            : QJsonValue(QJsonValue::Null)}};
}

QJsonObject campaign()
{
    return {{QStringLiteral("id"), 318},
            {QStringLiteral("name"), QStringLiteral("Spring sale reminder")},
            {QStringLiteral("message"),
             QStringLiteral("Our spring sale ends Sunday: 20% off every plan with code SPRING24.")},
            {QStringLiteral("status"), QStringLiteral("completed")},
            {QStringLiteral("scheduled_at"), QStringLiteral("2024-03-05T10:00:00.000Z")},
            {QStringLiteral("recipients"), 1842},
            {QStringLiteral("created_at"), QStringLiteral("2024-03-01T14:22:09.331Z")},
            {QStringLiteral("updated_at"), QStringLiteral("2024-03-05T10:07:41.596Z")},
            {QStringLiteral("completed_at"), QStringLiteral("2024-03-05T10:07:41.596Z")}};
}

} // namespace

QJsonObject SamplePayloads::data(const QString &eventType)
{
    if (eventType == EventType::ContactCreated)
        return contact(false);
    if (eventType == EventType::ContactUpdated)
        return contact(true);
    if (eventType == EventType::ConversationCreated)
        return conversation(false);
    if (eventType == EventType::ConversationClosed)
        return conversation(true);
    if (eventType == EventType::MessageReceived)
        return inboundMessage();
    if (eventType == EventType::MessageDelivered)
        return outboundMessage(false);
    if (eventType == EventType::MessageRead)
        return outboundMessage(true);
    if (eventType == EventType::CampaignCompleted)
        return campaign();
    return {};
}

} // namespace botbat
