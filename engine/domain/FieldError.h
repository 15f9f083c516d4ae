#pragma once

#include <QString>

namespace botbat {

// One problem with one input field. code is stable for programs ("required", "too_long",
// "invalid_email", ...); message is for people and says how to fix it.
struct FieldError
{
    QString field; // "name", "attributes.plan", ...
    QString code;
    QString message;

    QString text() const { return field + QStringLiteral(": ") + message; }
};

} // namespace botbat
