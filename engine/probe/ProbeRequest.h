#pragma once

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace botbat {

// What a connection test sends, and to where. Credentials live here only for the run: nothing
// in the probe stores or logs them, and what it reports back shows them masked.
struct ProbeRequest
{
    enum class Auth
    {
        None,
        Bearer, // Authorization: Bearer <token>
        ApiKey, // <apiKeyHeader>: <apiKey>
        Basic   // Authorization: Basic base64(<username>:<password>)
    };

    QString url;
    // An existing webhook endpoint: its stored URL is tested and the request is signed as its
    // deliveries are. 0: a new URL, unsigned.
    qint64 endpointId = 0;

    Auth auth = Auth::None;
    QString token;
    QString apiKeyHeader = QStringLiteral("X-API-Key");
    QString apiKey;
    QString username;
    QString password;

    QList<QPair<QString, QString>> headers; // extra request headers, name and value

    // The body: the sample payload of eventType in the delivery envelope, or, with an empty
    // eventType, freeJson exactly as typed (it must parse as JSON).
    QString eventType;
    QString freeJson;

    // Filled in for an endpoint by ProbeSession from the store: the secrets that sign now
    // (empty when it has none), or why they could not be read.
    QList<QString> signingSecrets;
    QString signingError;

    static QString authName(Auth auth); // "None", "Bearer token", ...
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::ProbeRequest)
