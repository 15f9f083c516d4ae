#include "InputValidator.h"

#include "Conversation.h"
#include "PhoneNormalizer.h"

#include <QJsonDocument>

namespace botbat {

namespace {

bool isAttributeKey(const QString &key)
{
    if (key.isEmpty() || key.size() > 64)
        return false;
    const auto lower = [](QChar c) { return c >= QLatin1Char('a') && c <= QLatin1Char('z'); };
    const auto digit = [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); };
    if (!lower(key.at(0)))
        return false;
    for (const QChar c : key) {
        if (!lower(c) && !digit(c) && c != QLatin1Char('_'))
            return false;
    }
    return true;
}

// Why the address is not usable, or empty if it is. Deliberately loose: the mail system is the
// final judge; this catches typos such as a missing @, a space or a domain without a dot.
QString emailProblem(const QString &address)
{
    for (const QChar c : address) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return QStringLiteral("it contains a space or a control character");
    }
    if (address.count(QLatin1Char('@')) != 1)
        return QStringLiteral("it needs exactly one @");
    const qsizetype at = address.indexOf(QLatin1Char('@'));
    const QString local = address.left(at);
    const QString domain = address.mid(at + 1);
    if (local.isEmpty())
        return QStringLiteral("nothing comes before the @");
    if (local.size() > InputValidator::kEmailLocalMax)
        return QStringLiteral("the part before the @ is %1 characters long; the limit is %2")
            .arg(local.size())
            .arg(InputValidator::kEmailLocalMax);
    if (!domain.contains(QLatin1Char('.')) || domain.startsWith(QLatin1Char('.')) ||
        domain.endsWith(QLatin1Char('.')) || domain.contains(QLatin1String("..")))
        return QStringLiteral("the domain after the @ needs a dot, as in example.com");
    return {};
}

QString typeName(const QJsonValue &value)
{
    return value.isArray() ? QStringLiteral("a list") : QStringLiteral("an object");
}

} // namespace

InputValidator::InputValidator(QString phoneRegion) : m_phoneRegion(std::move(phoneRegion)) {}

qsizetype InputValidator::characterCount(const QString &text)
{
    qsizetype count = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

void InputValidator::addError(const QString &field, const QString &code, const QString &message)
{
    m_errors.append({field, code, message});
}

bool InputValidator::checkLength(const QString &field, const QString &value, int maxLength)
{
    const qsizetype length = characterCount(value);
    if (length <= maxLength)
        return true;
    addError(field, QStringLiteral("too_long"),
             QStringLiteral("is %1 characters long; the limit is %2, shorten it")
                 .arg(length)
                 .arg(maxLength));
    return false;
}

QString InputValidator::requiredText(const QString &field, const QString &value, int maxLength)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        addError(field, QStringLiteral("required"),
                 QStringLiteral("is required; enter 1 to %1 characters").arg(maxLength));
        return trimmed;
    }
    checkLength(field, trimmed, maxLength);
    return trimmed;
}

std::optional<QString> InputValidator::optionalText(const QString &field,
                                                    const std::optional<QString> &value,
                                                    int maxLength)
{
    if (!value)
        return std::nullopt;
    const QString trimmed = value->trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    checkLength(field, trimmed, maxLength);
    return trimmed;
}

std::optional<QString> InputValidator::email(const QString &field,
                                             const std::optional<QString> &value)
{
    if (!value)
        return std::nullopt;
    const QString address = value->trimmed().toLower();
    if (address.isEmpty())
        return std::nullopt;
    if (!checkLength(field, address, kEmailMax))
        return address;
    const QString problem = emailProblem(address);
    if (!problem.isEmpty())
        addError(field, QStringLiteral("invalid_email"),
                 QStringLiteral("\"%1\" is not a valid email address (%2); use the form "
                                "name@example.com")
                     .arg(value->trimmed(), problem));
    return address;
}

std::optional<QString> InputValidator::phone(const QString &field,
                                             const std::optional<QString> &value)
{
    if (!value)
        return std::nullopt;
    const QString text = value->trimmed();
    if (text.isEmpty())
        return std::nullopt;
    // Longer than any real number, however formatted: not worth handing to the parser.
    const std::optional<QString> e164 =
        text.size() <= 64 ? PhoneNormalizer::toE164(text, m_phoneRegion) : std::nullopt;
    if (!e164) {
        addError(field, QStringLiteral("invalid_phone"),
                 QStringLiteral("\"%1\" is not a valid phone number; include the country code, "
                                "e.g. +14155550123")
                     .arg(text.size() <= 64 ? text : text.left(61) + QStringLiteral("...")));
        return text;
    }
    return e164;
}

QJsonObject InputValidator::attributes(const QString &field, const QJsonObject &value)
{
    if (value.size() > kAttributeKeysMax)
        addError(field, QStringLiteral("too_many_keys"),
                 QStringLiteral("has %1 keys; the limit is %2, remove some")
                     .arg(value.size())
                     .arg(kAttributeKeysMax));
    for (auto it = value.constBegin(); it != value.constEnd(); ++it) {
        const QString key = it.key();
        if (!isAttributeKey(key)) {
            addError(field, QStringLiteral("invalid_key"),
                     QStringLiteral("key \"%1\" is not allowed; keys start with a lower-case "
                                    "letter and contain only a-z, 0-9 and _ (at most 64 "
                                    "characters)")
                         .arg(key.size() <= 64 ? key : key.left(61) + QStringLiteral("...")));
            continue;
        }
        const QString keyField = field + QLatin1Char('.') + key;
        const QJsonValue item = it.value();
        if (item.isArray() || item.isObject())
            addError(keyField, QStringLiteral("invalid_type"),
                     QStringLiteral("is %1; attribute values must be text, a number, true/false "
                                    "or null")
                         .arg(typeName(item)));
        else if (item.isString())
            checkLength(keyField, item.toString(), kAttributeTextMax);
    }
    const qsizetype bytes = QJsonDocument(value).toJson(QJsonDocument::Compact).size();
    if (bytes > kAttributesBytesMax)
        addError(field, QStringLiteral("too_large"),
                 QStringLiteral("take %1 bytes as JSON; the limit is %2 bytes (16 KiB), remove "
                                "or shorten some values")
                     .arg(bytes)
                     .arg(kAttributesBytesMax));
    return value;
}

QString InputValidator::body(const QString &field, const QString &value, int maxLength)
{
    if (value.trimmed().isEmpty()) {
        addError(field, QStringLiteral("required"),
                 QStringLiteral("is required; write 1 to %1 characters").arg(maxLength));
        return value;
    }
    checkLength(field, value, maxLength);
    return value;
}

QString InputValidator::channel(const QString &field, const QString &value)
{
    const QString channel = value.trimmed().toLower();
    const QString allowed = Conversation::channels().join(QStringLiteral(", "));
    if (channel.isEmpty())
        addError(field, QStringLiteral("required"),
                 QStringLiteral("is required; use one of %1").arg(allowed));
    else if (!Conversation::channels().contains(channel))
        addError(field, QStringLiteral("invalid_channel"),
                 QStringLiteral("\"%1\" is not a supported channel; use one of %2")
                     .arg(value.trimmed(), allowed));
    return channel;
}

} // namespace botbat
