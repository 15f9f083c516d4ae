#pragma once

#include "DnsLookup.h"
#include "ProbeDiagnosis.h"
#include "ProbeReport.h"
#include "ProbeRequest.h"
#include "ProbeSettings.h"
#include "ProbeStep.h"
#include "webhooks/HttpsConnection.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>

class QSslSocket;
class QTimer;

namespace botbat {

// Tests a connection to an HTTPS endpoint step by step, the way deliveries reach it, and says
// at the first step that fails what went wrong and what to do: the URL (well-formed, https
// only) and the request built from it; DNS; a TCP connection; the TLS handshake, verified
// against the system's CAs and the engine's trusted ones (TLS errors are never ignored); for an
// existing endpoint, the signature headers its deliveries carry; and the HTTP request itself,
// sent with HttpsConnection, the deliveries' own client. Every step is bounded by its timeout.
// Lives in one thread; every signal carries values.
class ConnectionProbe : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionProbe(QObject *parent = nullptr);
    ~ConnectionProbe() override;

    void setSettings(const ProbeSettings &settings) { m_settings = settings; }
    const ProbeSettings &settings() const { return m_settings; }
    void setDnsLookup(DnsLookup::Function lookup);
    // CAs trusted besides the system's: the engine's trusted certificates and --trusted-ca.
    void setTrustedCertificates(const QList<QSslCertificate> &certificates);

    // Begins a test; one already running is dropped without finished(). Every step and the
    // report carry run, so that a caller across threads can tell runs apart.
    void start(const ProbeRequest &request, quint64 run = 0);
    // Ends a running test now: finished() with cancelled set.
    void cancel();
    bool isRunning() const { return m_running; }

    // The User-Agent deliveries send.
    static QByteArray userAgent();

signals:
    void stepStarted(const botbat::ProbeStep &step);
    void stepFinished(const botbat::ProbeStep &step);
    void finished(const botbat::ProbeReport &report);

private:
    ProbeStep &current() { return m_steps[m_current]; }
    ProbeStep::Kind currentKind() const;
    void runNext();
    void pass(const QString &summary);
    void fail(const ProbeDiagnosis::Finding &finding, const QString &summary);
    void finish(bool cancelled);

    void checkUrl();
    bool buildRequest(ProbeDiagnosis::Finding *problem);
    void resolve();
    void onResolved(const DnsLookup::Answer &answer);
    void connectNext();
    void onSocketError();
    void handshake();
    void onEncrypted();
    void sign();
    void sendRequest();
    void onResponse(const HttpsConnection::Response &response);
    void onTimeout();
    void addCertificateDetails(const QSslCertificate &certificate);
    void dropSocket();
    void dropConnection();
    QSslConfiguration sslConfiguration() const;

    ProbeSettings m_settings;
    DnsLookup::Function m_lookup;
    QList<QSslCertificate> m_trusted;
    QSslConfiguration m_ssl; // built once per run: reading the system CAs takes a while

    ProbeRequest m_request;
    QUrl m_url;
    QByteArray m_messageId;
    QByteArray m_payload;
    HeaderList m_headers;   // as they go on the wire, Content-Length and signatures added later
    HeaderList m_shown;     // the same with credentials masked
    HeaderList m_signature; // the signature step's headers

    QList<QHostAddress> m_addresses;
    qsizetype m_nextAddress = 0;
    QString m_lastConnectError;
    QAbstractSocket::SocketError m_lastConnectErrorCode = QAbstractSocket::UnknownSocketError;
    QSslSocket *m_socket = nullptr;
    QList<QSslError> m_sslErrors;
    QSslCertificate m_peerCertificate;
    HttpsConnection *m_connection = nullptr;

    QTimer *m_timer;
    QElapsedTimer m_stepClock;
    QList<ProbeStep> m_steps;
    qsizetype m_current = -1;
    ProbeReport m_report;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace botbat
