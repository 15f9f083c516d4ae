#pragma once

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace botbat {

// One check of a connection test, as it starts and as it ends: what was found (details, shown
// as label/value rows), and when it failed, what went wrong in plain words and what to do.
struct ProbeStep
{
    // In the order they run; a failed step skips every later one.
    enum class Kind
    {
        Url,       // the URL is well-formed HTTPS, and the request can be built
        Dns,       // the host name resolves
        Connect,   // a TCP connection opens
        Tls,       // the TLS handshake verifies the certificate
        Signature, // an existing endpoint: the request is signed as its deliveries are
        Http       // the request gets a 2xx answer
    };
    enum class State
    {
        Pending,
        Running,
        Passed,
        Failed,
        Skipped
    };

    Kind kind = Kind::Url;
    State state = State::Pending;
    QString summary; // one line: what was found, or why it was skipped
    QList<QPair<QString, QString>> details;
    QString diagnosis; // failed: what went wrong
    QString fix;       // failed: what to do about it
    qint64 elapsedMs = -1;
    quint64 run = 0; // the ConnectionProbe::start() it belongs to

    void addDetail(const QString &label, const QString &value) { details.append({label, value}); }

    static QList<Kind> all();
    static QString title(Kind kind);
    static QString key(Kind kind); // "url", "dns", "connect", "tls", "signature", "http"
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::ProbeStep)
