#pragma once

#include "ProbeStep.h"
#include "webhooks/WebhookSigner.h"

#include <QByteArray>
#include <QMetaType>
#include <QUrl>

namespace botbat {

// The outcome of a whole connection test: every step, what was sent (credentials masked,
// signatures as sent, secrets never) and what came back.
struct ProbeReport
{
    quint64 run = 0; // the ConnectionProbe::start() it belongs to
    bool passed = false;
    bool cancelled = false;
    QList<ProbeStep> steps;
    QUrl url;
    qint64 endpointId = 0;
    QString eventType; // empty for free JSON
    QByteArray payload;
    HeaderList sentHeaders;   // as prepared, when requestSent is false
    bool requestSent = false; // false: a step before the HTTP request failed
    int status = 0;           // 0 when no HTTP answer arrived
    QByteArray reason;
    HeaderList responseHeaders;
    QByteArray responseBody; // the first ProbeSettings::maxBodyBytes
    qint64 responseBytes = 0;
    qint64 responseMs = -1;

    // The first failed step, or nullptr.
    const ProbeStep *failedStep() const;
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::ProbeReport)
