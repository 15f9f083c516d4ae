#include "Contact.h"

#include "JsonValues.h"

namespace botbat {

QJsonObject Contact::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("email"), JsonValues::text(email)},
            {QStringLiteral("phone"), JsonValues::text(phone)},
            {QStringLiteral("company"), JsonValues::text(company)},
            {QStringLiteral("attributes"), attributes},
            {QStringLiteral("created_at"), JsonValues::time(createdAt)},
            {QStringLiteral("updated_at"), JsonValues::time(updatedAt)}};
}

} // namespace botbat
