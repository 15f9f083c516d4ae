#include "PhoneNormalizer.h"

#include <phonenumbers/phonenumberutil.h>

namespace botbat {

std::optional<QString> PhoneNormalizer::toE164(const QString &text, const QString &region)
{
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;
    // The singleton is built once and its const API is safe to share between threads.
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(text.toStdString(), region.toUpper().toStdString(), &number) !=
            PhoneNumberUtil::NO_PARSING_ERROR ||
        !util->IsValidNumber(number))
        return std::nullopt;
    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    return QString::fromStdString(formatted);
}

} // namespace botbat
