#include "StatusColors.h"

namespace botbat {

QColor StatusColors::forStatus(IntegrationSummary::Status status)
{
    switch (status) {
    case IntegrationSummary::Status::Connected:
        return QColor(0x16, 0xa3, 0x4a);
    case IntegrationSummary::Status::Error:
        return QColor(0xdc, 0x26, 0x26);
    case IntegrationSummary::Status::Inactive:
        return QColor(0x6b, 0x72, 0x80);
    case IntegrationSummary::Status::ReferenceOnly:
        return QColor(0x94, 0xa3, 0xb8);
    }
    return muted();
}

QColor StatusColors::forTone(EngineStatusModel::Tone tone)
{
    switch (tone) {
    case EngineStatusModel::Tone::Good:
        return forStatus(IntegrationSummary::Status::Connected);
    case EngineStatusModel::Tone::Busy:
        return warning();
    case EngineStatusModel::Tone::Bad:
        return forStatus(IntegrationSummary::Status::Error);
    case EngineStatusModel::Tone::Neutral:
        return forStatus(IntegrationSummary::Status::Inactive);
    }
    return muted();
}

QColor StatusColors::forKeyState(ApiKey::State state)
{
    switch (state) {
    case ApiKey::State::Active:
        return forStatus(IntegrationSummary::Status::Connected);
    case ApiKey::State::Expired:
        return forStatus(IntegrationSummary::Status::Inactive);
    case ApiKey::State::Revoked:
        return forStatus(IntegrationSummary::Status::Error);
    }
    return muted();
}

QColor StatusColors::forWebhookHealth(WebhookEndpoint::Health health)
{
    switch (health) {
    case WebhookEndpoint::Health::Waiting:
        return info();
    case WebhookEndpoint::Health::Connected:
        return forStatus(IntegrationSummary::Status::Connected);
    case WebhookEndpoint::Health::Error:
        return forStatus(IntegrationSummary::Status::Error);
    case WebhookEndpoint::Health::Inactive:
        return forStatus(IntegrationSummary::Status::Inactive);
    }
    return muted();
}

QColor StatusColors::warning()
{
    return QColor(0xd9, 0x77, 0x06);
}

QColor StatusColors::warningText()
{
    return QColor(0xb4, 0x53, 0x09);
}

QColor StatusColors::info()
{
    return QColor(0x25, 0x63, 0xeb);
}

QColor StatusColors::muted()
{
    return QColor(0x64, 0x74, 0x8b);
}

QColor StatusColors::errorText()
{
    return QColor(0xb9, 0x1c, 0x1c);
}

} // namespace botbat
