#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QStringList>

namespace botbat {

// An API key as the console and the CLI see it: never the key itself, only its display prefix.
struct ApiKey
{
    enum class State { Active, Expired, Revoked };

    qint64 id = 0;
    QString name;
    QString prefix; // "bbk_1a2B3c4D"
    QStringList scopes;
    QDateTime createdAt;
    QDateTime expiresAt;  // invalid: never expires
    QDateTime revokedAt;  // invalid: not revoked
    QDateTime lastUsedAt; // invalid: never used
    qint64 rotatedFrom = 0; // the key this one replaced, 0 if none

    State stateAt(const QDateTime &now) const;
    // Unused for staleAfterDays (since creation when never used) while still active.
    bool isStaleAt(const QDateTime &now, int staleAfterDays = kStaleAfterDays) const;
    bool hasScope(const QString &scope) const { return scopes.contains(scope); }
    QJsonObject toJson(const QDateTime &now) const;

    static constexpr int kStaleAfterDays = 30;
    static QString stateKey(State state); // "active", "expired", "revoked"
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::ApiKey)
