#include "DomainError.h"

#include <QJsonArray>

namespace botbat {

DomainError::DomainError(Kind kind, QString message) : m_kind(kind), m_message(std::move(message))
{}

DomainError DomainError::validation(QList<FieldError> fields)
{
    QStringList lines;
    for (const FieldError &field : fields)
        lines.append(field.text());
    DomainError error(
        Kind::Validation,
        QStringLiteral("The input was rejected; correct these fields and try again:\n") +
            lines.join(QLatin1Char('\n')));
    error.m_fields = std::move(fields);
    return error;
}

DomainError DomainError::notFound(const QString &entity, qint64 id)
{
    QString subject = entity;
    if (!subject.isEmpty())
        subject[0] = subject.at(0).toUpper();
    return DomainError(Kind::NotFound,
                       QStringLiteral("%1 %2 does not exist; check the id (it may have been "
                                      "deleted) or list the %3s to find the right one.")
                           .arg(subject)
                           .arg(id)
                           .arg(entity));
}

DomainError DomainError::conflict(const QString &message, qint64 existingId)
{
    DomainError error(Kind::Conflict, message);
    error.m_existingId = existingId;
    return error;
}

DomainError DomainError::invalidState(const QString &message)
{
    return DomainError(Kind::InvalidState, message);
}

DomainError DomainError::storage(const QString &action, const QString &detail)
{
    return DomainError(Kind::Storage,
                       QStringLiteral("Could not %1: %2. Nothing was changed; check that the "
                                      "database is reachable and try again.")
                           .arg(action, detail));
}

std::optional<FieldError> DomainError::field(const QString &name) const
{
    for (const FieldError &error : m_fields) {
        if (error.field == name)
            return error;
    }
    return std::nullopt;
}

QString DomainError::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::Validation:
        return QStringLiteral("validation");
    case Kind::NotFound:
        return QStringLiteral("not_found");
    case Kind::Conflict:
        return QStringLiteral("conflict");
    case Kind::InvalidState:
        return QStringLiteral("invalid_state");
    case Kind::Storage:
        return QStringLiteral("storage");
    }
    return QStringLiteral("storage");
}

QJsonObject DomainError::toJson() const
{
    QJsonObject json{{QStringLiteral("code"), kindKey(m_kind)},
                     {QStringLiteral("message"), m_message}};
    if (!m_fields.isEmpty()) {
        QJsonArray fields;
        for (const FieldError &error : m_fields)
            fields.append(QJsonObject{{QStringLiteral("field"), error.field},
                                      {QStringLiteral("code"), error.code},
                                      {QStringLiteral("message"), error.message}});
        json.insert(QStringLiteral("fields"), fields);
    }
    if (m_existingId != 0)
        json.insert(QStringLiteral("existing_id"), m_existingId);
    return json;
}

} // namespace botbat
