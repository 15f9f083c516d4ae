#pragma once

#include "FieldError.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace botbat {

// Why a domain operation did not happen. The message is complete on its own (what happened and
// what to do next); Validation errors also list every field problem of the request.
class DomainError
{
public:
    enum class Kind
    {
        Validation,
        NotFound,
        Conflict,
        InvalidState,
        Storage
    };

    static DomainError validation(QList<FieldError> fields);
    // entity in lower case, e.g. "contact": "Contact 42 does not exist; ..."
    static DomainError notFound(const QString &entity, qint64 id);
    // existingId: the record that is in the way (e.g. the contact that has this email)
    static DomainError conflict(const QString &message, qint64 existingId);
    static DomainError invalidState(const QString &message);
    // action in the form "save the contact": "Could not save the contact: <detail>. ..."
    static DomainError storage(const QString &action, const QString &detail);

    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const QList<FieldError> &fields() const { return m_fields; }
    qint64 existingId() const { return m_existingId; }
    std::optional<FieldError> field(const QString &name) const;

    // "validation", "not_found", "conflict", "invalid_state", "storage"
    static QString kindKey(Kind kind);
    // {"code", "message", "fields": [{"field", "code", "message"}], "existing_id"}
    QJsonObject toJson() const;

private:
    DomainError(Kind kind, QString message);

    Kind m_kind;
    QString m_message;
    QList<FieldError> m_fields;
    qint64 m_existingId = 0;
};

} // namespace botbat
