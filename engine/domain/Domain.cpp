#include "Domain.h"

#include "Campaigns.h"
#include "Contacts.h"
#include "Conversations.h"
#include "Messages.h"

namespace botbat {

Domain::Domain(Database &database, EventBus &bus, const Clock &clock, QString defaultPhoneRegion)
    : m_database(database), m_bus(bus), m_clock(clock),
      m_defaultPhoneRegion(std::move(defaultPhoneRegion)), m_context{m_database, m_bus, m_clock,
                                                                     m_defaultPhoneRegion},
      m_contacts(std::make_unique<Contacts>(m_context)),
      m_conversations(std::make_unique<Conversations>(m_context)),
      m_messages(std::make_unique<Messages>(m_context)),
      m_campaigns(std::make_unique<Campaigns>(m_context))
{}

Domain::~Domain() = default;

DomainResult<Contact> Domain::createContact(const ContactInput &input)
{
    return m_contacts->create(input);
}

DomainResult<Contact> Domain::getContact(qint64 id) const
{
    return m_contacts->get(id);
}

DomainResult<Contact> Domain::updateContact(qint64 id, const ContactPatch &patch)
{
    return m_contacts->update(id, patch);
}

DomainResult<Contact> Domain::deleteContact(qint64 id)
{
    return m_contacts->remove(id);
}

DomainResult<Page<Contact>> Domain::listContacts(const PageQuery &page) const
{
    return m_contacts->list(page);
}

DomainResult<ContactUpsert> Domain::upsertContactByEmail(const ContactPatch &patch)
{
    return m_contacts->upsertByEmail(patch);
}

DomainResult<Conversation> Domain::createConversation(const ConversationInput &input)
{
    return m_conversations->create(input);
}

DomainResult<Conversation> Domain::closeConversation(qint64 id)
{
    return m_conversations->close(id);
}

DomainResult<Conversation> Domain::getConversation(qint64 id) const
{
    return m_conversations->get(id);
}

DomainResult<Page<Conversation>> Domain::listConversations(const PageQuery &page,
                                                           std::optional<qint64> contactId) const
{
    return m_conversations->list(page, contactId);
}

DomainResult<Message> Domain::recordInboundMessage(qint64 conversationId, const QString &body)
{
    return m_messages->recordInbound(conversationId, body);
}

DomainResult<Message> Domain::sendOutboundMessage(qint64 conversationId, const QString &body)
{
    return m_messages->sendOutbound(conversationId, body);
}

DomainResult<Message> Domain::markMessageDelivered(qint64 id)
{
    return m_messages->markDelivered(id);
}

DomainResult<Message> Domain::markMessageRead(qint64 id)
{
    return m_messages->markRead(id);
}

DomainResult<Message> Domain::getMessage(qint64 id) const
{
    return m_messages->get(id);
}

DomainResult<Page<Message>> Domain::listMessages(qint64 conversationId, const PageQuery &page) const
{
    return m_messages->listByConversation(conversationId, page);
}

DomainResult<Campaign> Domain::createCampaign(const CampaignInput &input)
{
    return m_campaigns->create(input);
}

DomainResult<Campaign> Domain::startCampaign(qint64 id)
{
    return m_campaigns->start(id);
}

DomainResult<Campaign> Domain::completeCampaign(qint64 id)
{
    return m_campaigns->complete(id);
}

DomainResult<Campaign> Domain::getCampaign(qint64 id) const
{
    return m_campaigns->get(id);
}

DomainResult<Page<Campaign>> Domain::listCampaigns(const PageQuery &page) const
{
    return m_campaigns->list(page);
}

} // namespace botbat
