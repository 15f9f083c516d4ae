#include "ApiKey.h"

#include <QJsonArray>

namespace botbat {

namespace {
QJsonValue time(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}
} // namespace

ApiKey::State ApiKey::stateAt(const QDateTime &now) const
{
    if (revokedAt.isValid())
        return State::Revoked;
    if (expiresAt.isValid() && expiresAt <= now)
        return State::Expired;
    return State::Active;
}

bool ApiKey::isStaleAt(const QDateTime &now, int staleAfterDays) const
{
    if (stateAt(now) != State::Active)
        return false;
    const QDateTime since = lastUsedAt.isValid() ? lastUsedAt : createdAt;
    return since.isValid() && since.addDays(staleAfterDays) < now;
}

QString ApiKey::stateKey(State state)
{
    switch (state) {
    case State::Active: return QStringLiteral("active");
    case State::Expired: return QStringLiteral("expired");
    case State::Revoked: return QStringLiteral("revoked");
    }
    return {};
}

QJsonObject ApiKey::toJson(const QDateTime &now) const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("prefix"), prefix},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
            {QStringLiteral("state"), stateKey(stateAt(now))},
            {QStringLiteral("stale"), isStaleAt(now)},
            {QStringLiteral("created_at"), time(createdAt)},
            {QStringLiteral("expires_at"), time(expiresAt)},
            {QStringLiteral("revoked_at"), time(revokedAt)},
            {QStringLiteral("last_used_at"), time(lastUsedAt)},
            {QStringLiteral("rotated_from"), rotatedFrom ? QJsonValue(rotatedFrom) : QJsonValue()}};
}

} // namespace botbat
