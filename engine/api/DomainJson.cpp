#include "DomainJson.h"

#include <QJsonValue>
#include <QStringList>
#include <cmath>

namespace botbat {

namespace {

const QString kInvalidType = QStringLiteral("invalid_type");

// Integers above 2^53 do not survive a JSON number (a double) exactly.
constexpr double kMaxExactInteger = 9007199254740992.0;

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("text");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

void addError(QList<FieldError> *errors, const QString &field, const QString &code,
              const QString &message)
{
    errors->append({field, code, message});
}

void rejectUnknown(const QJsonObject &body, const QStringList &known, const QString &entity,
                   QList<FieldError> *errors)
{
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (known.contains(it.key()))
            continue;
        const QString message =
            known.isEmpty()
                ? QStringLiteral("is not accepted here; %1 takes no fields, send {} or no body")
                      .arg(entity)
                : QStringLiteral("is not a field of %1; check the spelling (the fields are: %2)")
                      .arg(entity, known.join(QStringLiteral(", ")));
        addError(errors, it.key(), QStringLiteral("unknown_field"), message);
    }
}

// absent: not present; null: present as null; otherwise the text, or an error for another type.
PatchField<QString> patchText(const QJsonObject &body, const QString &name,
                              QList<FieldError> *errors)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined())
        return {};
    if (value.isNull())
        return nullptr;
    if (value.isString())
        return value.toString();
    addError(errors, name, kInvalidType,
             QStringLiteral("is %1; send text (a JSON string) or null").arg(typeName(value)));
    return {};
}

PatchField<QJsonObject> patchObject(const QJsonObject &body, const QString &name,
                                    QList<FieldError> *errors)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined())
        return {};
    if (value.isNull())
        return nullptr;
    if (value.isObject())
        return value.toObject();
    addError(errors, name, kInvalidType,
             QStringLiteral("is %1; send a JSON object such as {\"plan\": \"gold\"}, or null")
                 .arg(typeName(value)));
    return {};
}

// Text that the domain requires: "" when absent or null, so that the domain reports "required".
QString requiredText(const QJsonObject &body, const QString &name, QList<FieldError> *errors)
{
    const PatchField<QString> field = patchText(body, name, errors);
    return field.hasValue() ? field.value() : QString();
}

std::optional<QString> optionalText(const QJsonObject &body, const QString &name,
                                    QList<FieldError> *errors)
{
    const PatchField<QString> field = patchText(body, name, errors);
    if (!field.hasValue())
        return std::nullopt;
    return field.value();
}

// A whole JSON number; none when absent or null.
std::optional<qint64> integer(const QJsonObject &body, const QString &name,
                              QList<FieldError> *errors)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const double number = value.toDouble();
    if (!value.isDouble() || std::trunc(number) != number || std::fabs(number) > kMaxExactInteger) {
        addError(errors, name, kInvalidType,
                 QStringLiteral("is %1; send a whole number (a JSON number such as 42)")
                     .arg(value.isDouble() ? QString::number(number) : typeName(value)));
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

template<typename T> DomainResult<T> result(T value, const QList<FieldError> &errors)
{
    if (!errors.isEmpty())
        return DomainError::validation(errors);
    return value;
}

const QStringList kContactFields = {QStringLiteral("name"), QStringLiteral("email"),
                                    QStringLiteral("phone"), QStringLiteral("company"),
                                    QStringLiteral("attributes")};

ContactPatch readContactPatch(const QJsonObject &body, QList<FieldError> *errors)
{
    ContactPatch patch;
    patch.name = patchText(body, QStringLiteral("name"), errors);
    patch.email = patchText(body, QStringLiteral("email"), errors);
    patch.phone = patchText(body, QStringLiteral("phone"), errors);
    patch.company = patchText(body, QStringLiteral("company"), errors);
    patch.attributes = patchObject(body, QStringLiteral("attributes"), errors);
    return patch;
}

} // namespace

DomainResult<ContactInput> DomainJson::contactInput(const QJsonObject &body)
{
    QList<FieldError> errors;
    rejectUnknown(body, kContactFields, QStringLiteral("a contact"), &errors);
    ContactInput input;
    input.name = requiredText(body, QStringLiteral("name"), &errors);
    input.email = optionalText(body, QStringLiteral("email"), &errors);
    input.phone = optionalText(body, QStringLiteral("phone"), &errors);
    input.company = optionalText(body, QStringLiteral("company"), &errors);
    const PatchField<QJsonObject> attributes =
        patchObject(body, QStringLiteral("attributes"), &errors);
    if (attributes.hasValue())
        input.attributes = attributes.value();
    return result(input, errors);
}

DomainResult<ContactPatch> DomainJson::contactPatch(const QJsonObject &body)
{
    QList<FieldError> errors;
    rejectUnknown(body, kContactFields, QStringLiteral("a contact"), &errors);
    return result(readContactPatch(body, &errors), errors);
}

DomainResult<ContactPatch> DomainJson::contactUpsert(const QString &pathEmail,
                                                     const QJsonObject &body)
{
    QList<FieldError> errors;
    rejectUnknown(body, kContactFields, QStringLiteral("a contact"), &errors);
    ContactPatch patch = readContactPatch(body, &errors);
    if (patch.email.isPresent() &&
        (patch.email.isNull() ||
         patch.email.value().trimmed().compare(pathEmail.trimmed(), Qt::CaseInsensitive) != 0))
        addError(&errors, QStringLiteral("email"), QStringLiteral("mismatch"),
                 QStringLiteral("differs from the email in the path (%1), which names the contact; "
                                "leave it out, or change a contact's email with PATCH "
                                "/v1/contacts/{id}")
                     .arg(pathEmail));
    patch.email = pathEmail;
    return result(patch, errors);
}

DomainResult<ConversationInput> DomainJson::conversationInput(const QJsonObject &body)
{
    QList<FieldError> errors;
    rejectUnknown(
        body, {QStringLiteral("contact_id"), QStringLiteral("channel"), QStringLiteral("subject")},
        QStringLiteral("a conversation"), &errors);
    ConversationInput input;
    const std::optional<qint64> contactId = integer(body, QStringLiteral("contact_id"), &errors);
    if (contactId && *contactId > 0)
        input.contactId = *contactId;
    else if (contactId)
        addError(&errors, QStringLiteral("contact_id"), QStringLiteral("out_of_range"),
                 QStringLiteral("is %1; contact ids are positive, use the id of an existing "
                                "contact")
                     .arg(*contactId));
    else if (const QJsonValue given = body.value(QStringLiteral("contact_id"));
             given.isUndefined() || given.isNull())
        addError(&errors, QStringLiteral("contact_id"), QStringLiteral("required"),
                 QStringLiteral("is required; give the id of the contact the conversation is "
                                "with"));
    input.channel = requiredText(body, QStringLiteral("channel"), &errors);
    input.subject = optionalText(body, QStringLiteral("subject"), &errors);
    return result(input, errors);
}

DomainResult<QString> DomainJson::messageBody(const QJsonObject &body)
{
    QList<FieldError> errors;
    rejectUnknown(body, {QStringLiteral("body")}, QStringLiteral("a message"), &errors);
    return result(requiredText(body, QStringLiteral("body"), &errors), errors);
}

DomainResult<CampaignInput> DomainJson::campaignInput(const QJsonObject &body)
{
    QList<FieldError> errors;
    rejectUnknown(body,
                  {QStringLiteral("name"), QStringLiteral("message"),
                   QStringLiteral("scheduled_at"), QStringLiteral("recipients")},
                  QStringLiteral("a campaign"), &errors);
    CampaignInput input;
    input.name = requiredText(body, QStringLiteral("name"), &errors);
    input.message = requiredText(body, QStringLiteral("message"), &errors);
    if (const std::optional<QString> scheduled =
            optionalText(body, QStringLiteral("scheduled_at"), &errors))
        input.scheduledAt = time(*scheduled).value_or(QDateTime()); // invalid: the domain says so
    input.recipients = integer(body, QStringLiteral("recipients"), &errors).value_or(0);
    return result(input, errors);
}

std::optional<DomainError> DomainJson::noFields(const QJsonObject &body, const QString &action)
{
    QList<FieldError> errors;
    rejectUnknown(body, {}, action, &errors);
    if (errors.isEmpty())
        return std::nullopt;
    return DomainError::validation(errors);
}

std::optional<QDateTime> DomainJson::time(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return time.toUTC();
}

QJsonObject DomainJson::pageObject(const QJsonArray &data, std::optional<qint64> nextCursor)
{
    return {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"),
             nextCursor ? QJsonValue(QString::number(*nextCursor)) : QJsonValue(QJsonValue::Null)}};
}

} // namespace botbat
