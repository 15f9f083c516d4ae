#include "WebhookStoreCall.h"

#include <QCoreApplication>

namespace botbat {

DomainError WebhookStoreCall::notRunning()
{
    return DomainError::invalidState(QCoreApplication::translate(
        "botbat::WebhookStoreCall",
        "The engine is not running, so webhooks cannot be read or changed. Restart the console; "
        "if the engine still does not start, the status bar says why."));
}

} // namespace botbat
