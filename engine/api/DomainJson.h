#pragma once

#include "domain/CampaignInput.h"
#include "domain/ContactInput.h"
#include "domain/ContactPatch.h"
#include "domain/ConversationInput.h"
#include "domain/DomainError.h"
#include "domain/DomainResult.h"
#include "domain/Page.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace botbat {

// The one place where REST request bodies become domain input and domain pages become response
// bodies, so every resource reads and writes JSON the same way. What is decided here is only
// what JSON itself can get wrong: a field of the wrong JSON type is a field error with code
// "invalid_type", a field the resource does not have is "unknown_field" (a misspelt field must not
// be silently ignored), and null clears an optional field. Lengths, formats and ranges are the
// domain's to check; it reports them in the same shape, so a client handles one kind of 422.
class DomainJson
{
public:
    // POST /v1/contacts: name, email, phone, company, attributes.
    static DomainResult<ContactInput> contactInput(const QJsonObject &body);
    // PATCH /v1/contacts/{id}: absent fields stay as they are, null clears them.
    static DomainResult<ContactPatch> contactPatch(const QJsonObject &body);
    // PUT /v1/contacts/by-email/{email}: the patch for Domain::upsertContactByEmail. The path names
    // the contact; an "email" in the body is allowed only when it is the same address.
    static DomainResult<ContactPatch> contactUpsert(const QString &pathEmail,
                                                    const QJsonObject &body);
    // POST /v1/conversations: contact_id, channel, subject.
    static DomainResult<ConversationInput> conversationInput(const QJsonObject &body);
    // POST .../messages and .../inbound: {"body": "..."}.
    static DomainResult<QString> messageBody(const QJsonObject &body);
    // POST /v1/campaigns: name, message, scheduled_at, recipients.
    static DomainResult<CampaignInput> campaignInput(const QJsonObject &body);
    // Actions (close, start, complete, delivered, read) take no fields.
    static std::optional<DomainError> noFields(const QJsonObject &body, const QString &action);

    // ISO-8601 with an explicit offset ("2024-03-01T12:00:00Z", "...+02:00"), in UTC. A time
    // without an offset is refused: whose local time it means is a guess.
    static std::optional<QDateTime> time(const QString &text);

    // {"data": [...], "next_cursor": "123" or null}. The cursor is a string so that clients treat
    // it as opaque and it can change form later without breaking them.
    template<typename T> static QJsonObject page(const Page<T> &page)
    {
        QJsonArray data;
        for (const T &item : page.items)
            data.append(item.toJson());
        return pageObject(data, page.nextCursor);
    }
    static QJsonObject pageObject(const QJsonArray &data, std::optional<qint64> nextCursor);
};

} // namespace botbat
