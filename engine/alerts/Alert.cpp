#include "Alert.h"

#include "domain/JsonValues.h"

#include <QCoreApplication>

namespace botbat {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("botbat::Alert", text);
}

} // namespace

QString Alert::title() const
{
    switch (kind) {
    case Kind::PermanentFailure:
        return tr("Webhook \"%1\": a delivery failed permanently").arg(integrationName);
    case Kind::EnteredError:
        return tr("Webhook \"%1\" is in Error").arg(integrationName);
    case Kind::Summary:
        return failures == 1
                   ? tr("Webhook \"%1\": 1 more failure").arg(integrationName)
                   : tr("Webhook \"%1\": %2 more failures").arg(integrationName).arg(failures);
    }
    return integrationName;
}

QString Alert::summaryLine() const
{
    QString line;
    switch (kind) {
    case Kind::PermanentFailure:
        line = tr("BotBat: a delivery to webhook \"%1\" failed permanently: %2")
                   .arg(integrationName, reason);
        break;
    case Kind::EnteredError:
        line = tr("BotBat: webhook \"%1\" went into Error: %2").arg(integrationName, reason);
        break;
    case Kind::Summary:
        line = tr("BotBat: webhook \"%1\" failed %2 more time(s) from %3 to %4 UTC (held back "
                  "so as not to flood you). Last error: %5")
                   .arg(integrationName)
                   .arg(failures)
                   .arg(firstAt.toUTC().toString(QStringLiteral("HH:mm")),
                        lastAt.toUTC().toString(QStringLiteral("HH:mm")), reason);
        break;
    }
    return line.simplified();
}

QString Alert::hint() const
{
    if (kind == Kind::EnteredError)
        return tr("Open the Delivery Log of this webhook (failed only) to see what the receiver "
                  "answered, fix the receiver or the URL, then send a test from the Webhooks tab.");
    return tr("Open the Delivery Log of this webhook (failed only), fix the receiver, then "
              "resend the failed deliveries (Webhooks tab: Retry All Failed Since…).");
}

QJsonObject Alert::webhookPayload() const
{
    return {{QStringLiteral("text"), summaryLine()},
            {QStringLiteral("alert_id"), id},
            {QStringLiteral("integration"), QJsonObject{{QStringLiteral("kind"), integrationKind},
                                                        {QStringLiteral("id"), sourceId},
                                                        {QStringLiteral("name"), integrationName}}},
            {QStringLiteral("kind"), kindKey(kind)},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("first_at"), JsonValues::time(firstAt)},
            {QStringLiteral("last_at"), JsonValues::time(lastAt)},
            {QStringLiteral("hint"), hint()}};
}

QString Alert::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::PermanentFailure:
        return QStringLiteral("permanent_failure");
    case Kind::EnteredError:
        return QStringLiteral("entered_error");
    case Kind::Summary:
        return QStringLiteral("summary");
    }
    return {};
}

std::optional<Alert::Kind> Alert::kindFromKey(const QString &key)
{
    for (Kind kind : {Kind::PermanentFailure, Kind::EnteredError, Kind::Summary})
        if (kindKey(kind) == key)
            return kind;
    return std::nullopt;
}

QString Alert::sendStateKey(SendState state)
{
    switch (state) {
    case SendState::Pending:
        return QStringLiteral("pending");
    case SendState::Sent:
        return QStringLiteral("sent");
    case SendState::Skipped:
        return QStringLiteral("skipped");
    case SendState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<Alert::SendState> Alert::sendStateFromKey(const QString &key)
{
    for (SendState state :
         {SendState::Pending, SendState::Sent, SendState::Skipped, SendState::Failed})
        if (sendStateKey(state) == key)
            return state;
    return std::nullopt;
}

} // namespace botbat
