#pragma once

#include "Contact.h"

namespace botbat {

// What upsertContactByEmail did, and the contact as it is now.
struct ContactUpsert
{
    enum class Outcome
    {
        Created,
        Updated,
        Unchanged
    };

    Outcome outcome = Outcome::Created;
    Contact contact;
};

} // namespace botbat
