#include "WebhookEventTexts.h"

#include "core/Event.h"

#include <QCoreApplication>

namespace botbat {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("botbat::WebhookEventTexts", text);
}
} // namespace

QStringList WebhookEventTexts::ordered()
{
    return {EventType::MessageReceived,    EventType::MessageDelivered,
            EventType::MessageRead,        EventType::ConversationCreated,
            EventType::ConversationClosed, EventType::ContactCreated,
            EventType::ContactUpdated,     EventType::CampaignCompleted};
}

QString WebhookEventTexts::trigger(const QString &eventType)
{
    if (eventType == EventType::MessageReceived)
        return tr("A contact sends a message to your BotBat number");
    if (eventType == EventType::MessageDelivered)
        return tr("An outbound message reached the contact\u2019s device");
    if (eventType == EventType::MessageRead)
        return tr("The contact opened an outbound message");
    if (eventType == EventType::ConversationCreated)
        return tr("A new conversation starts");
    if (eventType == EventType::ConversationClosed)
        return tr("An agent or automation closes a conversation");
    if (eventType == EventType::ContactCreated)
        return tr("A contact is added (API, import, or first message)");
    if (eventType == EventType::ContactUpdated)
        return tr("A contact\u2019s fields change");
    if (eventType == EventType::CampaignCompleted)
        return tr("A campaign finishes sending");
    return eventType;
}

QString WebhookEventTexts::countText(const QStringList &events)
{
    const int all = int(EventType::all().size());
    if (events.isEmpty())
        return tr("No events");
    if (events.size() >= all)
        return tr("All %1 events").arg(all);
    if (events.size() == 1)
        return tr("1 event");
    return tr("%1 events").arg(events.size());
}

QString WebhookEventTexts::listText(const QStringList &events)
{
    QStringList lines;
    for (const QString &type : ordered())
        if (events.contains(type))
            lines.append(tr("%1 \u2014 %2").arg(type, trigger(type)));
    // Types this version does not know (a newer engine on the same database) still show.
    for (const QString &type : events)
        if (!ordered().contains(type))
            lines.append(type);
    return lines.join(QLatin1Char('\n'));
}

} // namespace botbat
