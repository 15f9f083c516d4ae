#pragma once

#include "DomainContext.h"
#include "DomainResult.h"
#include "Message.h"
#include "Page.h"
#include "PageQuery.h"

namespace botbat {

// The messages part of the domain (see Domain for the contract of each operation).
class Messages
{
public:
    explicit Messages(const DomainContext &context);

    DomainResult<Message> recordInbound(qint64 conversationId, const QString &body);
    DomainResult<Message> sendOutbound(qint64 conversationId, const QString &body);
    DomainResult<Message> markDelivered(qint64 id);
    DomainResult<Message> markRead(qint64 id);
    DomainResult<Message> get(qint64 id) const;
    DomainResult<Page<Message>> listByConversation(qint64 conversationId,
                                                   const PageQuery &page) const;

private:
    DomainResult<Message> add(qint64 conversationId, Message::Direction direction,
                              const QString &body);
    // Moves an outbound message forward to target (Delivered or Read).
    DomainResult<Message> advance(qint64 id, Message::Status target);

    const DomainContext &m_context;
};

} // namespace botbat
