#pragma once

#include <QByteArray>
#include <QString>

namespace botbat {

// The text of an API key: "bbk_" + 40 characters of [0-9A-Za-z] (238 random bits from OpenSSL's
// RAND_bytes). Only letters and digits, so a double click selects the whole key and no shell,
// URL or header needs escaping. The first 12 characters ("bbk_" + 8) are the display prefix:
// shown to people and stored in clear to find the row; the other 32 (190 bits) stay secret.
class ApiKeyToken
{
public:
    static constexpr int kRandomLength = 40;
    static constexpr int kPrefixLength = 12;
    static inline const QString Marker = QStringLiteral("bbk_");

    static QString generate();
    static bool isWellFormed(const QString &token);
    static QString prefixOf(const QString &token);
    static QByteArray hash(const QString &token); // lowercase hex SHA-256
};

} // namespace botbat
