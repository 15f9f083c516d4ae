#pragma once

#include <QString>
#include <optional>

namespace botbat {

// Phone numbers in E.164 ("+14155550123") through libphonenumber, which knows every country's
// numbering plan. Thread-safe.
class PhoneNormalizer
{
public:
    // region: ISO 3166 code ("US") used for numbers written without "+country".
    // Empty result when the text is not a valid number.
    static std::optional<QString> toE164(const QString &text, const QString &region);
};

} // namespace botbat
