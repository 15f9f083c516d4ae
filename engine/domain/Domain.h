#pragma once

#include "Campaign.h"
#include "CampaignInput.h"
#include "Contact.h"
#include "ContactInput.h"
#include "ContactPatch.h"
#include "ContactUpsert.h"
#include "Conversation.h"
#include "ConversationInput.h"
#include "DomainContext.h"
#include "DomainError.h"
#include "DomainResult.h"
#include "Message.h"
#include "Page.h"
#include "PageQuery.h"

#include <QString>
#include <memory>

namespace botbat {

class Campaigns;
class Clock;
class Contacts;
class Conversations;
class Database;
class EventBus;
class Messages;

// The BotBat domain: contacts, conversations, messages, campaigns. Validates input, writes the
// change and its event in one transaction. Callable from any thread.
//
// Every write is one WriteTransaction on the calling thread's connection; its event (if any) is
// recorded last, with the entity's snapshot (toJson) after the change as data, and announced on
// the EventBus after COMMIT. An operation that fails leaves no row and no event behind.
// Repeating a transition that already happened returns the entity unchanged, without an event.
class Domain
{
public:
    Domain(Database &database, EventBus &bus, const Clock &clock, QString defaultPhoneRegion);
    ~Domain();
    Domain(const Domain &) = delete;
    Domain &operator=(const Domain &) = delete;

    // Contacts. Emails are unique: a second contact with the same email is a Conflict whose
    // existingId() names the contact that has it.
    DomainResult<Contact> createContact(const ContactInput &input); // contact.created
    DomainResult<Contact> getContact(qint64 id) const;
    // contact.updated, only when a value really changed
    DomainResult<Contact> updateContact(qint64 id, const ContactPatch &patch);
    // Deletes the contact with its conversations and messages; returns it as it was. No event
    // (Event.h has no contact.deleted type).
    DomainResult<Contact> deleteContact(qint64 id);
    DomainResult<Page<Contact>> listContacts(const PageQuery &page = {}) const;
    // Finds the contact by patch.email (required): updates it with the patch, or creates it
    // (then patch.name is required). Emits contact.created or contact.updated accordingly.
    DomainResult<ContactUpsert> upsertContactByEmail(const ContactPatch &patch);

    // Conversations.
    DomainResult<Conversation> createConversation(const ConversationInput &input); // .created
    // conversation.closed; closing a closed conversation returns it without an event
    DomainResult<Conversation> closeConversation(qint64 id);
    DomainResult<Conversation> getConversation(qint64 id) const;
    // contactId: only that contact's conversations (NotFound if the contact does not exist)
    DomainResult<Page<Conversation>> listConversations(const PageQuery &page = {},
                                                       std::optional<qint64> contactId = {}) const;

    // Messages. Adding one to a closed conversation is InvalidState.
    DomainResult<Message> recordInboundMessage(qint64 conversationId,
                                               const QString &body); // message.received
    DomainResult<Message> sendOutboundMessage(qint64 conversationId,
                                              const QString &body); // "queued", no event
    // Outbound queued -> delivered (message.delivered). Inbound messages are InvalidState.
    DomainResult<Message> markMessageDelivered(qint64 id);
    // Outbound queued/delivered -> read (message.read), setting delivered_at if missing.
    DomainResult<Message> markMessageRead(qint64 id);
    DomainResult<Message> getMessage(qint64 id) const;
    DomainResult<Page<Message>> listMessages(qint64 conversationId,
                                             const PageQuery &page = {}) const;

    // Campaigns: scheduled -> sending -> completed.
    DomainResult<Campaign> createCampaign(const CampaignInput &input); // no event
    DomainResult<Campaign> startCampaign(qint64 id); // scheduled -> sending, no event
    // scheduled/sending -> completed (campaign.completed)
    DomainResult<Campaign> completeCampaign(qint64 id);
    DomainResult<Campaign> getCampaign(qint64 id) const;
    DomainResult<Page<Campaign>> listCampaigns(const PageQuery &page = {}) const;

    const QString &defaultPhoneRegion() const { return m_defaultPhoneRegion; }

private:
    Database &m_database;
    EventBus &m_bus;
    const Clock &m_clock;
    QString m_defaultPhoneRegion;
    DomainContext m_context;
    std::unique_ptr<Contacts> m_contacts;
    std::unique_ptr<Conversations> m_conversations;
    std::unique_ptr<Messages> m_messages;
    std::unique_ptr<Campaigns> m_campaigns;
};

} // namespace botbat
