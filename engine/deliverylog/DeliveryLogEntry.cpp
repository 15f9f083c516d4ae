#include "DeliveryLogEntry.h"

#include <QCoreApplication>

namespace botbat {

QString DeliveryLogEntry::sourceKey(Source source)
{
    switch (source) {
    case Source::Webhook:
        return QStringLiteral("webhook");
    }
    return {};
}

QString DeliveryLogEntry::sourceTitle(Source source)
{
    switch (source) {
    case Source::Webhook:
        return QCoreApplication::translate("DeliveryLog", "Webhook");
    }
    return {};
}

QString DeliveryLogEntry::statusKey(Status status)
{
    switch (status) {
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Retrying:
        return QStringLiteral("retrying");
    case Status::Succeeded:
        return QStringLiteral("succeeded");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Test:
        return QStringLiteral("test");
    }
    return {};
}

QString DeliveryLogEntry::statusTitle(Status status)
{
    switch (status) {
    case Status::Pending:
        return QCoreApplication::translate("DeliveryLog", "Pending");
    case Status::Retrying:
        return QCoreApplication::translate("DeliveryLog", "Retrying");
    case Status::Succeeded:
        return QCoreApplication::translate("DeliveryLog", "Succeeded");
    case Status::Failed:
        return QCoreApplication::translate("DeliveryLog", "Permanently failed");
    case Status::Test:
        return QCoreApplication::translate("DeliveryLog", "Test");
    }
    return {};
}

} // namespace botbat
