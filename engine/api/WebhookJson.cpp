#include "WebhookJson.h"

#include "DomainJson.h"

#include <QJsonArray>
#include <cmath>

namespace botbat {

namespace {

const QString kInvalidType = QStringLiteral("invalid_type");
const QString kRequired = QStringLiteral("required");

// Past a month an overlap is no longer a migration window but an old secret left signing.
constexpr qint64 kMaxOverlapSeconds = 30LL * 24 * 60 * 60;

const QStringList kEndpointFields = {
    QStringLiteral("url"),     QStringLiteral("description"),     QStringLiteral("events"),
    QStringLiteral("enabled"), QStringLiteral("max_concurrency"), QStringLiteral("rate_per_second"),
    QStringLiteral("secret")};

void rejectUnknown(const QJsonObject &body, const QStringList &known, const QString &entity,
                   QList<FieldError> *errors)
{
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (!known.contains(it.key()))
            errors->append({it.key(), QStringLiteral("unknown_field"),
                            QStringLiteral("is not a field of %1; check the spelling (the fields "
                                           "are: %2)")
                                .arg(entity, known.join(QStringLiteral(", ")))});
    }
}

template<typename T> DomainResult<T> result(T value, const QList<FieldError> &errors)
{
    if (!errors.isEmpty())
        return DomainError::validation(errors);
    return value;
}

// A required text field: its value, or a field error (absent, null, empty or not text).
std::optional<QString> requiredText(const QJsonObject &body, const QString &name,
                                    const QString &what, QList<FieldError> *errors)
{
    const QJsonValue value = body.value(name);
    if (value.isString() && !value.toString().trimmed().isEmpty())
        return value.toString().trimmed();
    if (value.isUndefined() || value.isNull() || value.isString())
        errors->append({name, kRequired, QStringLiteral("is required; give %1").arg(what)});
    else
        errors->append({name, kInvalidType, QStringLiteral("must be text; give %1").arg(what)});
    return std::nullopt;
}

} // namespace

DomainResult<WebhookEndpointInput> WebhookJson::endpointInput(const QJsonObject &body)
{
    QList<FieldError> errors;
    rejectUnknown(body, kEndpointFields, QStringLiteral("a webhook endpoint"), &errors);
    // Only the known fields reach fromJson, so that every problem it reports is one of type.
    QJsonObject known = body;
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (!kEndpointFields.contains(it.key()))
            known.remove(it.key());
    }
    QStringList typeErrors;
    const WebhookEndpointInput input = WebhookEndpointInput::fromJson(known, &typeErrors);
    for (const QString &text : std::as_const(typeErrors)) {
        const qsizetype colon = text.indexOf(QStringLiteral(": "));
        errors.append({colon < 0 ? QString() : text.left(colon), kInvalidType,
                       colon < 0 ? text : text.mid(colon + 2)});
    }
    return result(input, errors);
}

DomainResult<QString> WebhookJson::disableReason(const QJsonObject &body)
{
    QList<FieldError> errors;
    rejectUnknown(body, {QStringLiteral("reason")}, QStringLiteral("a disable request"), &errors);
    const QJsonValue value = body.value(QStringLiteral("reason"));
    QString reason;
    if (value.isString())
        reason = value.toString().trimmed();
    else if (!value.isUndefined() && !value.isNull())
        errors.append({QStringLiteral("reason"), kInvalidType,
                       QStringLiteral("must be text saying why the endpoint is disabled, or "
                                      "left out")});
    return result(reason, errors);
}

DomainResult<qint64> WebhookJson::rotationOverlapMs(const QJsonObject &body)
{
    QList<FieldError> errors;
    const QString field = QStringLiteral("overlap_seconds");
    rejectUnknown(body, {field}, QStringLiteral("a secret rotation"), &errors);
    const QJsonValue value = body.value(field);
    qint64 overlapMs = WebhookStore::kDefaultRotationOverlapMs;
    if (value.isDouble()) {
        const double seconds = value.toDouble();
        if (std::trunc(seconds) != seconds)
            errors.append(
                {field, kInvalidType, QStringLiteral("is %1; give whole seconds").arg(seconds)});
        else if (seconds < 0 || seconds > kMaxOverlapSeconds)
            errors.append({field, QStringLiteral("out_of_range"),
                           QStringLiteral("is %1; give 0 (the old secret stops at once) up to %2 "
                                          "(30 days), or leave it out for 86400 (24 hours)")
                               .arg(seconds)
                               .arg(kMaxOverlapSeconds)});
        else
            overlapMs = static_cast<qint64>(seconds) * 1000;
    } else if (!value.isUndefined() && !value.isNull()) {
        errors.append({field, kInvalidType,
                       QStringLiteral("must be a whole number of seconds during which the old "
                                      "secret still signs, or left out for 86400 (24 hours)")});
    }
    return result(overlapMs, errors);
}

DomainResult<QString> WebhookJson::testEventType(const QJsonObject &body)
{
    QList<FieldError> errors;
    const QString field = QStringLiteral("event_type");
    rejectUnknown(body, {field}, QStringLiteral("a test send"), &errors);
    const std::optional<QString> type =
        requiredText(body, field,
                     QStringLiteral("the event type to send a sample of, e.g. "
                                    "\"message.received\""),
                     &errors);
    return result(type.value_or(QString()), errors);
}

DomainResult<QDateTime> WebhookJson::retrySince(const QJsonObject &body)
{
    QList<FieldError> errors;
    const QString field = QStringLiteral("since");
    rejectUnknown(body, {field}, QStringLiteral("a retry of failed deliveries"), &errors);
    const std::optional<QString> text = requiredText(
        body, field,
        QStringLiteral("the time from which permanently failed deliveries are retried, as "
                       "ISO-8601 with a time zone, e.g. 2024-03-01T12:00:00Z"),
        &errors);
    QDateTime since;
    if (text) {
        if (const std::optional<QDateTime> parsed = DomainJson::time(*text))
            since = *parsed;
        else
            errors.append({field, QStringLiteral("invalid_time"),
                           QStringLiteral("is \"%1\"; use ISO-8601 with a time zone, e.g. "
                                          "2024-03-01T12:00:00Z or 2024-03-01T14:00:00+02:00")
                               .arg(*text)});
    }
    return result(since, errors);
}

DomainResult<QByteArray> WebhookJson::certificatePem(const QJsonObject &body)
{
    QList<FieldError> errors;
    const QString field = QStringLiteral("pem");
    rejectUnknown(body, {field}, QStringLiteral("a trusted certificate"), &errors);
    const std::optional<QString> pem = requiredText(
        body, field,
        QStringLiteral("the CA certificate in PEM form, from -----BEGIN CERTIFICATE----- to "
                       "-----END CERTIFICATE----- (newlines as \\n in JSON)"),
        &errors);
    return result(pem.value_or(QString()).toUtf8(), errors);
}

QJsonObject WebhookJson::saved(const WebhookStore::Saved &saved)
{
    QJsonObject json = saved.endpoint.toJson();
    if (!saved.generatedSecret.isEmpty())
        json.insert(QStringLiteral("secret"), saved.generatedSecret);
    return json;
}

DomainResult<QJsonObject> WebhookJson::deliveryDetail(WebhookStore &store,
                                                      const WebhookDelivery &delivery)
{
    const DomainResult<QList<WebhookAttempt>> attempts = store.attempts(delivery.id);
    if (!attempts)
        return attempts.error();
    QJsonArray array;
    for (const WebhookAttempt &attempt : attempts.value())
        array.append(attempt.toJson(true));
    QJsonObject json = delivery.toJson(true);
    json.insert(QStringLiteral("attempt_details"), array);
    return json;
}

} // namespace botbat
