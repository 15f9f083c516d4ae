#include "ContactPatch.h"

namespace botbat {

bool ContactPatch::isEmpty() const
{
    return !name.isPresent() && !email.isPresent() && !phone.isPresent() && !company.isPresent() &&
           !attributes.isPresent();
}

ContactPatch ContactPatch::fromInput(const ContactInput &input)
{
    ContactPatch patch;
    patch.name = input.name;
    if (input.email)
        patch.email = *input.email;
    if (input.phone)
        patch.phone = *input.phone;
    if (input.company)
        patch.company = *input.company;
    patch.attributes = input.attributes;
    return patch;
}

} // namespace botbat
