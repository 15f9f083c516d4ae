#pragma once

#include "ContactInput.h"
#include "PatchField.h"

#include <QJsonObject>
#include <QString>

namespace botbat {

// A change to a contact: only present fields change. Null clears an optional field (email,
// phone, company; attributes become {}); a blank text clears it too. The name cannot be
// cleared. attributes, when present, replace the whole attribute object.
struct ContactPatch
{
    PatchField<QString> name;
    PatchField<QString> email;
    PatchField<QString> phone;
    PatchField<QString> company;
    PatchField<QJsonObject> attributes;

    bool isEmpty() const;
    // The patch that creates input from nothing: given fields present, the others absent.
    static ContactPatch fromInput(const ContactInput &input);
};

} // namespace botbat
