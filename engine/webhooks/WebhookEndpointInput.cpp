#include "WebhookEndpointInput.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace botbat {

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

} // namespace

WebhookEndpointInput WebhookEndpointInput::fromJson(const QJsonObject &json,
                                                    QStringList *typeErrors)
{
    WebhookEndpointInput input;
    const auto wrongType = [typeErrors](const QString &field, const QJsonValue &value,
                                        const QString &expected) {
        if (typeErrors)
            typeErrors->append(
                QStringLiteral("%1: is %2; send %3").arg(field, typeName(value), expected));
    };
    static const QStringList known = {QStringLiteral("url"),
                                      QStringLiteral("description"),
                                      QStringLiteral("events"),
                                      QStringLiteral("enabled"),
                                      QStringLiteral("max_concurrency"),
                                      QStringLiteral("rate_per_second"),
                                      QStringLiteral("secret")};

    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QString field = it.key();
        const QJsonValue value = it.value();
        if (field == QLatin1String("url")) {
            if (value.isString())
                input.url = value.toString();
            else
                wrongType(field, value, QStringLiteral("the https:// URL as a string"));
        } else if (field == QLatin1String("description")) {
            // null clears the description, as for optional fields elsewhere in the API.
            if (value.isString())
                input.description = value.toString();
            else if (value.isNull())
                input.description = QString();
            else
                wrongType(field, value, QStringLiteral("a string or null"));
        } else if (field == QLatin1String("events")) {
            if (!value.isArray()) {
                wrongType(field, value,
                          QStringLiteral("an array of event types such as [\"message.received\"]"));
                continue;
            }
            QStringList events;
            bool allStrings = true;
            for (const QJsonValue &item : value.toArray()) {
                if (!item.isString()) {
                    allStrings = false;
                    break;
                }
                events.append(item.toString());
            }
            if (allStrings)
                input.events = events;
            else if (typeErrors)
                typeErrors->append(QStringLiteral("events: every item must be an event type "
                                                  "string such as \"message.received\""));
        } else if (field == QLatin1String("enabled")) {
            if (value.isBool())
                input.enabled = value.toBool();
            else
                wrongType(field, value, QStringLiteral("true or false"));
        } else if (field == QLatin1String("max_concurrency")) {
            const double number = value.toDouble();
            // Clamped, not refused: a huge number is out of range, which the store reports.
            if (value.isDouble() && std::isfinite(number) && number == std::floor(number))
                input.maxConcurrency = static_cast<int>(std::clamp(number, -1e9, 1e9));
            else
                wrongType(field, value, QStringLiteral("a whole number"));
        } else if (field == QLatin1String("rate_per_second")) {
            if (value.isDouble())
                input.ratePerSecond = value.toDouble();
            else
                wrongType(field, value, QStringLiteral("a number (0 for no limit)"));
        } else if (field == QLatin1String("secret")) {
            if (value.isNull()) {
                input.secretAction = SecretAction::Remove;
            } else if (value.isString() && value.toString() == QLatin1String("generate")) {
                input.secretAction = SecretAction::Generate;
            } else if (value.isString()) {
                input.secretAction = SecretAction::Set;
                input.secret = value.toString();
            } else {
                wrongType(field, value,
                          QStringLiteral("\"generate\", a whsec_ secret string, or null to "
                                         "remove the secret"));
            }
        } else if (typeErrors) {
            // A misspelt field must not be silently ignored.
            typeErrors->append(QStringLiteral("%1: is not a field of a webhook endpoint; the "
                                              "fields are %2")
                                   .arg(field, known.join(QStringLiteral(", "))));
        }
    }
    return input;
}

} // namespace botbat
