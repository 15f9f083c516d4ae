#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <optional>

namespace botbat {

// A person the business talks to. Values are normalized: name trimmed, email lower-case,
// phone in E.164.
struct Contact
{
    qint64 id = 0;
    QString name;
    std::optional<QString> email;
    std::optional<QString> phone;
    std::optional<QString> company;
    QJsonObject attributes; // custom attributes: string, number, bool or null values
    QDateTime createdAt;
    QDateTime updatedAt;

    // {"id", "name", "email", "phone", "company", "attributes", "created_at", "updated_at"}
    QJsonObject toJson() const;
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::Contact)
