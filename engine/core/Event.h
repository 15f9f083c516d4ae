#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace botbat {

// A persisted domain event. The row exists before anything reacts to it.
struct Event
{
    qint64 id = 0;
    QString type;
    QDateTime occurredAt;
    QJsonObject data;
};

namespace EventType {
inline const QString ContactCreated = QStringLiteral("contact.created");
inline const QString ContactUpdated = QStringLiteral("contact.updated");
inline const QString ConversationCreated = QStringLiteral("conversation.created");
inline const QString ConversationClosed = QStringLiteral("conversation.closed");
inline const QString MessageReceived = QStringLiteral("message.received");
inline const QString MessageDelivered = QStringLiteral("message.delivered");
inline const QString MessageRead = QStringLiteral("message.read");
inline const QString CampaignCompleted = QStringLiteral("campaign.completed");
QStringList all();
} // namespace EventType

} // namespace botbat

Q_DECLARE_METATYPE(botbat::Event)
