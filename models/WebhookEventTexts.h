#pragma once

#include <QString>
#include <QStringList>

namespace botbat {

// What each outgoing-webhook event means to an admin: the condition that triggers it, in the
// words of BotBat's event table. Shared by the endpoint table's tooltips, the Add/Edit dialog
// and Send Test, so every place describes an event the same way.
class WebhookEventTexts
{
public:
    // e.g. "A contact sends a message to your BotBat number"; the type itself if unknown.
    static QString trigger(const QString &eventType);
    // "2 events", "All 8 events", "No events".
    static QString countText(const QStringList &events);
    // One line per event: "message.received — A contact sends a message…".
    static QString listText(const QStringList &events);
    // The event types in the order the console lists them (as in BotBat's table).
    static QStringList ordered();
};

} // namespace botbat
