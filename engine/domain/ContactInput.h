#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace botbat {

// What a caller gives to create a contact. Values are raw: the domain trims, lower-cases the
// email and normalizes the phone. An empty or blank optional text counts as not given.
struct ContactInput
{
    QString name;
    std::optional<QString> email;
    std::optional<QString> phone;
    std::optional<QString> company;
    QJsonObject attributes;
};

} // namespace botbat
