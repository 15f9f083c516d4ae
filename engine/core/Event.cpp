#include "Event.h"

namespace botbat::EventType {

QStringList all()
{
    return {ContactCreated,   ContactUpdated,   ConversationCreated, ConversationClosed,
            MessageReceived, MessageDelivered, MessageRead,         CampaignCompleted};
}

} // namespace botbat::EventType
