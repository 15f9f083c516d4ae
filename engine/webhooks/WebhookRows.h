#pragma once

#include "WebhookAttempt.h"
#include "WebhookDelivery.h"

#include <QString>
#include <QVariant>

class QSqlQuery;

namespace botbat {

// How webhook_deliveries and webhook_attempts rows are read and written, shared by the store
// and the dispatcher's outbox so both agree on columns and encodings. Readers take a query
// positioned on a row selected with the matching column list, in that order.
// Headers are stored as a JSON array of [name, value] pairs (Latin-1, so any bytes survive);
// response bodies as BLOB/BYTEA.
class WebhookRows
{
public:
    static const QString &deliveryColumns();
    // The light columns (what signals carry), then with withDetails the headers and bodies.
    static QString attemptColumns(bool withDetails);

    static WebhookDelivery delivery(const QSqlQuery &query);
    static WebhookAttempt attempt(const QSqlQuery &query, bool withDetails);

    // "INSERT INTO webhook_attempts (...) VALUES (?, ...)" for every column but id, and the
    // values to bind in that order.
    static const QString &attemptInsertSql();
    static QVariantList attemptValues(const WebhookAttempt &attempt);

    static QString headersToSql(const HeaderList &headers);
    static HeaderList headersFromSql(const QVariant &value);
};

} // namespace botbat
