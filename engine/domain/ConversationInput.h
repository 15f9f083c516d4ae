#pragma once

#include <QString>
#include <optional>

namespace botbat {

// What a caller gives to open a conversation with an existing contact.
struct ConversationInput
{
    qint64 contactId = 0;
    QString channel;                // one of Conversation::channels(), any case
    std::optional<QString> subject; // optional, at most 200 characters
};

} // namespace botbat
