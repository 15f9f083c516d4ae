#include "ConnectionProbe.h"

#include "webhooks/SamplePayloads.h"
#include "webhooks/WebhookDelivery.h"
#include "webhooks/WebhookStore.h"
#include "webhooks/WebhookTrust.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRandomGenerator>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimer>

namespace botbat {

namespace {

using Kind = ProbeStep::Kind;
using State = ProbeStep::State;
using Finding = ProbeDiagnosis::Finding;
using Auth = ProbeRequest::Auth;

// A receiver that streams a huge body is cut off after this much, as deliveries do.
constexpr qint64 kMaxResponseBytes = 16 * 1024 * 1024;

// Headers the request's own framing or the deliveries' identity owns: a custom header must not
// replace them, or the test would not show what deliveries send.
const QList<QByteArray> kFramingHeaders = {
    "host",    "content-length", "transfer-encoding", "connection", "upgrade", "te",
    "trailer", "expect",         "content-type",      "user-agent"};
const QList<QByteArray> kDeliveryHeaders = {"webhook-id", "webhook-timestamp", "webhook-signature"};

bool isToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || QByteArrayLiteral("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool isHeaderValue(const QString &value)
{
    for (const QChar c : value)
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c == QChar(0))
            return false;
    return true;
}

// Names that usually carry a credential: their values are masked in what the test shows.
bool looksSecret(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    for (const char *word : {"auth", "token", "key", "secret", "password", "cookie", "session"})
        if (lower.contains(word))
            return true;
    return false;
}

QByteArray masked(const QString &value)
{
    return QStringLiteral("\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022 (%1 characters)")
        .arg(value.size())
        .toUtf8();
}

QString protocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    default:
        return QStringLiteral("an older TLS version");
    }
}

QString certificateName(const QStringList &commonName, const QStringList &organization)
{
    QString name = commonName.join(QLatin1Char(' '));
    const QString org = organization.join(QLatin1Char(' '));
    if (!org.isEmpty() && org != name)
        name += name.isEmpty() ? org : QStringLiteral(" (%1)").arg(org);
    return name.isEmpty() ? QStringLiteral("(no name)") : name;
}

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString bytes(qint64 count)
{
    return count == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(count);
}

} // namespace

ConnectionProbe::ConnectionProbe(QObject *parent)
    : QObject(parent), m_lookup(DnsLookup::system()), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectionProbe::onTimeout);
}

ConnectionProbe::~ConnectionProbe()
{
    dropSocket();
    dropConnection();
}

QByteArray ConnectionProbe::userAgent()
{
    return QByteArrayLiteral("BotBat-Webhooks/" BOTBAT_VERSION " (BotBat Integrations Console)");
}

void ConnectionProbe::setDnsLookup(DnsLookup::Function lookup)
{
    m_lookup = lookup ? std::move(lookup) : DnsLookup::system();
}

void ConnectionProbe::setTrustedCertificates(const QList<QSslCertificate> &certificates)
{
    m_trusted = certificates;
}

QSslConfiguration ConnectionProbe::sslConfiguration() const
{
    // The same trust the dispatcher builds, so a passing test means deliveries verify too.
    return WebhookTrust::configuration(m_trusted);
}

ProbeStep::Kind ConnectionProbe::currentKind() const
{
    return m_current >= 0 && m_current < m_steps.size() ? m_steps.at(m_current).kind : Kind::Url;
}

void ConnectionProbe::start(const ProbeRequest &request, quint64 run)
{
    ++m_generation;
    m_timer->stop();
    dropSocket();
    dropConnection();
    m_request = request;
    m_url = QUrl();
    m_messageId.clear();
    m_payload.clear();
    m_headers.clear();
    m_shown.clear();
    m_signature.clear();
    m_addresses.clear();
    m_nextAddress = 0;
    m_sslErrors.clear();
    m_peerCertificate = QSslCertificate();
    m_report = ProbeReport();
    m_report.run = run;
    m_report.endpointId = request.endpointId;
    m_report.eventType = request.eventType;
    m_steps.clear();
    for (const Kind kind : ProbeStep::all()) {
        ProbeStep step;
        step.kind = kind;
        step.run = run;
        m_steps.append(step);
    }
    m_current = -1;
    m_running = true;
    m_ssl = sslConfiguration();
    runNext();
}

void ConnectionProbe::cancel()
{
    if (!m_running)
        return;
    ++m_generation;
    m_timer->stop();
    dropSocket();
    dropConnection();
    finish(true);
}

void ConnectionProbe::runNext()
{
    if (!m_running)
        return;
    ++m_current;
    if (m_current >= m_steps.size()) {
        finish(false);
        return;
    }
    ProbeStep &step = current();
    step.state = State::Running;
    m_stepClock.start();
    emit stepStarted(step);
    switch (step.kind) {
    case Kind::Url:
        checkUrl();
        break;
    case Kind::Dns:
        resolve();
        break;
    case Kind::Connect:
        m_timer->start(m_settings.connectTimeoutMs);
        connectNext();
        break;
    case Kind::Tls:
        handshake();
        break;
    case Kind::Signature:
        sign();
        break;
    case Kind::Http:
        sendRequest();
        break;
    }
}

void ConnectionProbe::pass(const QString &summary)
{
    m_timer->stop();
    ProbeStep &step = current();
    step.state = State::Passed;
    step.summary = summary;
    step.elapsedMs = m_stepClock.elapsed();
    emit stepFinished(step);
    runNext();
}

void ConnectionProbe::fail(const Finding &finding, const QString &summary)
{
    m_timer->stop();
    ++m_generation; // late callbacks of this step are ignored
    dropSocket();
    dropConnection();
    ProbeStep &step = current();
    step.state = State::Failed;
    step.summary = summary;
    step.diagnosis = finding.diagnosis;
    step.fix = finding.fix;
    step.elapsedMs = m_stepClock.elapsed();
    emit stepFinished(step);
    finish(false);
}

void ConnectionProbe::finish(bool cancelled)
{
    // Whatever did not run is skipped, and says why.
    const QString why = cancelled ? QStringLiteral("Not run: the test was cancelled.")
                                  : QStringLiteral("Not run: an earlier step failed.");
    for (qsizetype i = std::max<qsizetype>(m_current, 0); i < m_steps.size(); ++i) {
        ProbeStep &step = m_steps[i];
        if (step.state == State::Pending || step.state == State::Running) {
            step.state = State::Skipped;
            step.summary = why;
            emit stepFinished(step);
        }
    }
    m_running = false;
    m_report.cancelled = cancelled;
    m_report.steps = m_steps;
    m_report.url = m_url;
    m_report.payload = m_payload;
    m_report.sentHeaders = m_shown;
    bool passed = !cancelled;
    for (const ProbeStep &step : std::as_const(m_steps))
        if (step.state == State::Failed || (step.kind == Kind::Http && step.state != State::Passed))
            passed = false;
    m_report.passed = passed;
    emit finished(m_report);
}

void ConnectionProbe::checkUrl()
{
    ProbeStep &step = current();
    const QString text = m_request.url.trimmed();
    if (text.isEmpty()) {
        fail({QStringLiteral("No URL was given."),
              QStringLiteral(
                  "Enter the receiver's address, e.g. https://hooks.example.com/botbat.")},
             QStringLiteral("No URL"));
        return;
    }
    m_url = QUrl(text, QUrl::StrictMode);
    if (!m_url.isValid() || m_url.isRelative()) {
        fail({QStringLiteral("%1 is not a well-formed URL%2.")
                  .arg(text, m_url.isValid() ? QString()
                                             : QStringLiteral(" (%1)").arg(m_url.errorString())),
              QStringLiteral("Check it for spaces and stray characters; it should look like "
                             "https://hooks.example.com/botbat.")},
             QStringLiteral("Not a URL"));
        return;
    }
    const QString scheme = m_url.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        fail({QStringLiteral("http:// is refused: webhooks and tests go over HTTPS only, so "
                             "that payloads, signatures and credentials cannot be read or "
                             "changed on the way."),
              QStringLiteral("Use the receiver's https:// address (with a certificate from a "
                             "public CA, or from your organisation's CA added under Trusted "
                             "Certificates).")},
             QStringLiteral("http:// is not allowed"));
        return;
    }
    if (scheme != QLatin1String("https")) {
        fail({QStringLiteral("The URL starts with %1://; only https:// is supported.").arg(scheme),
              QStringLiteral("Use the receiver's https:// address.")},
             QStringLiteral("Not HTTPS"));
        return;
    }
    if (m_url.host().isEmpty()) {
        fail({QStringLiteral("The URL has no host name."),
              QStringLiteral("Write it as https://host/path, e.g. "
                             "https://hooks.example.com/botbat.")},
             QStringLiteral("No host"));
        return;
    }
    if (!m_url.userInfo().isEmpty()) {
        fail({QStringLiteral("The URL contains a user name or password."),
              QStringLiteral("Remove them from the URL and choose Basic on the Authentication "
                             "page: credentials in URLs end up in logs.")},
             QStringLiteral("Credentials in the URL"));
        return;
    }
    if (text.size() > WebhookStore::kMaxUrlLength) {
        fail({QStringLiteral("The URL is %1 characters long; at most %2 are accepted.")
                  .arg(text.size())
                  .arg(WebhookStore::kMaxUrlLength),
              QStringLiteral("Use a shorter address.")},
             QStringLiteral("URL too long"));
        return;
    }
    step.addDetail(QStringLiteral("Host"), m_url.host());
    step.addDetail(QStringLiteral("Port"), QString::number(m_url.port(443)));
    step.addDetail(QStringLiteral("Path"),
                   m_url.path().isEmpty() ? QStringLiteral("/") : m_url.path());
    Finding problem;
    if (!buildRequest(&problem)) {
        fail(problem, QStringLiteral("The request cannot be built"));
        return;
    }
    step.addDetail(QStringLiteral("Authentication"), ProbeRequest::authName(m_request.auth));
    step.addDetail(QStringLiteral("Payload"),
                   m_request.eventType.isEmpty()
                       ? QStringLiteral("Free JSON, %1").arg(bytes(m_payload.size()))
                       : QStringLiteral("Sample %1 event, %2")
                             .arg(m_request.eventType, bytes(m_payload.size())));
    if (!m_request.headers.isEmpty())
        step.addDetail(QStringLiteral("Extra headers"), QString::number(m_request.headers.size()));
    pass(QStringLiteral("A well-formed HTTPS URL; the request is ready"));
}

bool ConnectionProbe::buildRequest(Finding *problem)
{
    // "test_" like Send Test's ids, so receivers that treat tests apart do so here too.
    m_messageId =
        "test_probe_" + QByteArray::number(QRandomGenerator::global()->generate64(), 16).left(12);
    if (m_request.eventType.isEmpty()) {
        const QByteArray json = m_request.freeJson.trimmed().toUtf8();
        if (json.isEmpty()) {
            *problem = {QStringLiteral("The payload is empty."),
                        QStringLiteral("Type a JSON body, or choose an event template.")};
            return false;
        }
        QJsonParseError error;
        QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError) {
            *problem = {QStringLiteral("The payload is not valid JSON: %1 at character %2.")
                            .arg(error.errorString())
                            .arg(error.offset),
                        QStringLiteral("Correct the JSON on the Payload page (it is sent exactly "
                                       "as typed), or choose an event template.")};
            return false;
        }
        m_payload = json;
    } else {
        const QJsonObject data = SamplePayloads::data(m_request.eventType);
        if (data.isEmpty()) {
            *problem = {QStringLiteral("There is no sample payload for the event type %1.")
                            .arg(m_request.eventType),
                        QStringLiteral("Choose one of the listed event types.")};
            return false;
        }
        m_payload = WebhookDelivery::payloadFor(m_messageId, m_request.eventType,
                                                QDateTime::currentDateTimeUtc(), data);
    }

    auto add = [this](const QByteArray &name, const QByteArray &value, const QByteArray &shown) {
        m_headers.append({name, value});
        m_shown.append({name, shown});
    };
    const QByteArray host = HttpsConnection::hostHeader(m_url);
    add("Host", host, host);
    add("Content-Type", "application/json", "application/json");
    add("User-Agent", userAgent(), userAgent());
    if (!m_request.eventType.isEmpty()) {
        add("X-BotBat-Event", m_request.eventType.toLatin1(), m_request.eventType.toLatin1());
        add("X-BotBat-Delivery", m_messageId, m_messageId);
    }

    QByteArray authName;
    switch (m_request.auth) {
    case Auth::None:
        break;
    case Auth::Bearer: {
        const QString token = m_request.token.trimmed();
        if (token.isEmpty() || token.contains(QLatin1Char(' ')) || !isHeaderValue(token)) {
            *problem = {token.isEmpty() ? QStringLiteral("The bearer token is empty.")
                                        : QStringLiteral("The bearer token contains spaces or "
                                                         "line breaks."),
                        QStringLiteral("Paste the token alone on the Authentication page, "
                                       "without \"Bearer\" in front.")};
            return false;
        }
        authName = "authorization";
        add("Authorization", "Bearer " + token.toUtf8(), "Bearer " + masked(token));
        break;
    }
    case Auth::ApiKey: {
        const QByteArray name = m_request.apiKeyHeader.trimmed().toLatin1();
        if (!isToken(name) || kFramingHeaders.contains(name.toLower())) {
            *problem = {QStringLiteral("\"%1\" cannot be the API key's header name.")
                            .arg(m_request.apiKeyHeader),
                        QStringLiteral("Use the header the service documents, e.g. X-API-Key "
                                       "(letters, digits and dashes).")};
            return false;
        }
        if (m_request.apiKey.isEmpty() || !isHeaderValue(m_request.apiKey)) {
            *problem = {m_request.apiKey.isEmpty()
                            ? QStringLiteral("The API key is empty.")
                            : QStringLiteral("The API key contains line breaks."),
                        QStringLiteral("Paste the key on the Authentication page.")};
            return false;
        }
        authName = name.toLower();
        add(name, m_request.apiKey.toUtf8(), masked(m_request.apiKey));
        break;
    }
    case Auth::Basic: {
        if (m_request.username.isEmpty() || m_request.username.contains(QLatin1Char(':')) ||
            !isHeaderValue(m_request.username) || !isHeaderValue(m_request.password)) {
            *problem = {m_request.username.isEmpty()
                            ? QStringLiteral("The user name is empty.")
                            : QStringLiteral("The user name contains a colon or a line break, "
                                             "which Basic authentication cannot carry."),
                        QStringLiteral("Enter the user name and password on the Authentication "
                                       "page.")};
            return false;
        }
        authName = "authorization";
        const QByteArray credentials =
            (m_request.username + QLatin1Char(':') + m_request.password).toUtf8().toBase64();
        add("Authorization", "Basic " + credentials,
            "Basic " + QStringLiteral("(user %1, password ").arg(m_request.username).toUtf8() +
                masked(m_request.password) + ")");
        break;
    }
    }

    for (const auto &[nameText, valueText] : std::as_const(m_request.headers)) {
        const QByteArray name = nameText.trimmed().toLatin1();
        const QByteArray lower = name.toLower();
        QString why;
        if (!isToken(name))
            why = QStringLiteral("\"%1\" is not a valid header name (letters, digits and "
                                 "dashes).")
                      .arg(nameText);
        else if (!isHeaderValue(valueText))
            why = QStringLiteral("The value of %1 contains a line break.").arg(nameText);
        else if (kFramingHeaders.contains(lower))
            why =
                QStringLiteral("%1 is set by the test itself, as deliveries set it.").arg(nameText);
        else if (kDeliveryHeaders.contains(lower) || lower.startsWith("x-botbat-"))
            why = QStringLiteral("%1 belongs to the delivery's identity and signature.")
                      .arg(nameText);
        else if (!authName.isEmpty() && lower == authName)
            why = QStringLiteral("%1 is already set by the chosen authentication.").arg(nameText);
        if (!why.isEmpty()) {
            *problem = {why, QStringLiteral("Change or remove that row on the Headers page.")};
            return false;
        }
        const QByteArray value = valueText.trimmed().toUtf8();
        add(name, value, looksSecret(name) ? masked(valueText.trimmed()) : value);
    }
    return true;
}

void ConnectionProbe::resolve()
{
    ProbeStep &step = current();
    const QString host = m_url.host();
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        m_addresses = {literal};
        step.addDetail(QStringLiteral("Addresses"), literal.toString());
        pass(QStringLiteral("%1 is an IP address: no lookup needed").arg(host));
        return;
    }
    m_timer->start(m_settings.dnsTimeoutMs);
    const quint64 generation = m_generation;
    m_lookup(host, this, [this, generation](const DnsLookup::Answer &answer) {
        if (generation != m_generation || !m_running || currentKind() != Kind::Dns)
            return;
        onResolved(answer);
    });
}

void ConnectionProbe::onResolved(const DnsLookup::Answer &answer)
{
    const QString host = m_url.host();
    if (!answer.error.isEmpty() || answer.addresses.isEmpty()) {
        fail(ProbeDiagnosis::dnsFailed(host, answer.error),
             QStringLiteral("%1 does not resolve").arg(host));
        return;
    }
    m_addresses = answer.addresses;
    QStringList addresses;
    for (const QHostAddress &address : std::as_const(m_addresses))
        addresses.append(address.toString());
    ProbeStep &step = current();
    step.addDetail(QStringLiteral("Addresses"), addresses.join(QStringLiteral(", ")));
    step.addDetail(QStringLiteral("Time"), QStringLiteral("%1 ms").arg(m_stepClock.elapsed()));
    pass(m_addresses.size() == 1
             ? QStringLiteral("%1 resolves to %2").arg(host, addresses.first())
             : QStringLiteral("%1 resolves to %2 addresses").arg(host).arg(m_addresses.size()));
}

void ConnectionProbe::connectNext()
{
    dropSocket();
    if (m_nextAddress >= m_addresses.size()) {
        fail(ProbeDiagnosis::connectFailed(m_lastConnectErrorCode, m_lastConnectError, m_url),
             m_lastConnectErrorCode == QAbstractSocket::ConnectionRefusedError
                 ? QStringLiteral("Connection refused")
                 : QStringLiteral("No connection"));
        return;
    }
    const QHostAddress address = m_addresses.at(m_nextAddress++);
    m_socket = new QSslSocket(this);
    m_socket->setSslConfiguration(m_ssl);
    // Connected to an address, verified for the URL's name, as a client connecting by name is.
    m_socket->setPeerVerifyName(m_url.host());
    connect(m_socket, &QSslSocket::connected, this, [this, address] {
        if (currentKind() != Kind::Connect)
            return;
        ProbeStep &step = current();
        step.addDetail(QStringLiteral("Connected to"),
                       QStringLiteral("%1 port %2").arg(address.toString()).arg(m_url.port(443)));
        step.addDetail(QStringLiteral("Time"), QStringLiteral("%1 ms").arg(m_stepClock.elapsed()));
        pass(QStringLiteral("Port %1 accepts connections").arg(m_url.port(443)));
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, &ConnectionProbe::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_sslErrors.append(errors);
        if (m_peerCertificate.isNull() && m_socket)
            m_peerCertificate = m_socket->peerCertificate();
    });
    connect(m_socket, &QSslSocket::encrypted, this, &ConnectionProbe::onEncrypted);
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        if (currentKind() == Kind::Tls)
            onSocketError();
    });
    m_socket->connectToHost(address, static_cast<quint16>(m_url.port(443)));
}

void ConnectionProbe::onSocketError()
{
    if (!m_socket || !m_running)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString errorString = m_socket->errorString();
    if (currentKind() == Kind::Connect) {
        m_lastConnectErrorCode = error;
        m_lastConnectError = errorString;
        // The next address of the name, as a client connecting by name would try it.
        QMetaObject::invokeMethod(
            this,
            [this, generation = m_generation] {
                if (generation == m_generation && m_running && currentKind() == Kind::Connect)
                    connectNext();
            },
            Qt::QueuedConnection);
        return;
    }
    if (currentKind() == Kind::Tls) {
        const QList<QSslError> errors = m_sslErrors;
        const QSslCertificate certificate = m_peerCertificate;
        if (!certificate.isNull())
            addCertificateDetails(certificate);
        if (!errors.isEmpty()) {
            QStringList problems;
            for (const QSslError &sslError : errors)
                problems.append(sslError.errorString());
            problems.removeDuplicates();
            current().addDetail(QStringLiteral("Problems"), problems.join(QStringLiteral("; ")));
            const bool mismatch =
                std::any_of(errors.cbegin(), errors.cend(), [](const QSslError &sslError) {
                    return sslError.error() == QSslError::HostNameMismatch;
                });
            current().addDetail(QStringLiteral("Host name match"),
                                mismatch ? QStringLiteral("No") : QStringLiteral("Yes"));
        }
        fail(ProbeDiagnosis::tlsFailed(errors, errorString, m_url),
             errors.isEmpty() ? QStringLiteral("The handshake failed")
                              : QStringLiteral("The certificate was refused"));
    }
}

void ConnectionProbe::handshake()
{
    if (!m_socket) {
        fail({QStringLiteral("The connection closed before the TLS handshake."),
              QStringLiteral("Run the test again; if it persists, check the server.")},
             QStringLiteral("No connection"));
        return;
    }
    m_timer->start(m_settings.tlsTimeoutMs);
    m_socket->startClientEncryption();
}

void ConnectionProbe::onEncrypted()
{
    if (!m_socket || currentKind() != Kind::Tls)
        return;
    const QSslCertificate certificate = m_socket->peerCertificate();
    addCertificateDetails(certificate);
    ProbeStep &step = current();
    step.addDetail(QStringLiteral("Host name match"),
                   QStringLiteral("Yes: the certificate is issued for %1").arg(m_url.host()));
    step.addDetail(QStringLiteral("Protocol"),
                   QStringLiteral("%1, %2").arg(protocolName(m_socket->sessionProtocol()),
                                                m_socket->sessionCipher().name()));
    step.addDetail(QStringLiteral("Verified against"),
                   m_trusted.isEmpty()
                       ? QStringLiteral("The system's certificate authorities")
                       : QStringLiteral("The system's certificate authorities and %1 trusted "
                                        "certificate%2")
                             .arg(m_trusted.size())
                             .arg(m_trusted.size() == 1 ? QString() : QStringLiteral("s")));
    step.addDetail(QStringLiteral("Time"), QStringLiteral("%1 ms").arg(m_stepClock.elapsed()));
    // The request goes over a connection of its own, made as deliveries make theirs.
    dropSocket();
    pass(QStringLiteral("The certificate is valid for %1 until %2")
             .arg(m_url.host(),
                  certificate.expiryDate().toUTC().toString(QStringLiteral("yyyy-MM-dd"))));
}

void ConnectionProbe::addCertificateDetails(const QSslCertificate &certificate)
{
    ProbeStep &step = current();
    step.addDetail(QStringLiteral("Subject"),
                   certificateName(certificate.subjectInfo(QSslCertificate::CommonName),
                                   certificate.subjectInfo(QSslCertificate::Organization)));
    step.addDetail(QStringLiteral("Issuer"),
                   certificateName(certificate.issuerInfo(QSslCertificate::CommonName),
                                   certificate.issuerInfo(QSslCertificate::Organization)));
    step.addDetail(QStringLiteral("Valid"),
                   QStringLiteral("%1 to %2")
                       .arg(utc(certificate.effectiveDate()), utc(certificate.expiryDate())));
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        names.append(it.value());
    if (!names.isEmpty())
        step.addDetail(QStringLiteral("Names"), names.join(QStringLiteral(", ")));
}

void ConnectionProbe::sign()
{
    ProbeStep &step = current();
    if (m_request.endpointId == 0) {
        m_timer->stop();
        step.state = State::Skipped;
        step.summary = QStringLiteral("Not for a new URL: a webhook signs its deliveries once it "
                                      "is saved with a secret.");
        step.elapsedMs = 0;
        emit stepFinished(step);
        runNext();
        return;
    }
    if (!m_request.signingError.isEmpty()) {
        fail({QStringLiteral("The endpoint's signing secret could not be read: %1")
                  .arg(m_request.signingError),
              QStringLiteral("Deliveries wait until it can be read, as unsigned deliveries are "
                             "never sent. Check the secret store (the Overview says whether one "
                             "is available), or set a new secret with Edit or Rotate Secret.")},
             QStringLiteral("No signing secret"));
        return;
    }
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    m_signature = WebhookSigner::sign(m_payload, m_messageId, timestamp, m_request.signingSecrets);
    for (const auto &[name, value] : std::as_const(m_signature))
        step.addDetail(QString::fromLatin1(name), QString::fromLatin1(value));
    if (m_request.signingSecrets.isEmpty()) {
        step.addDetail(QStringLiteral("Note"),
                       QStringLiteral("This endpoint has no signing secret, so receivers cannot "
                                      "tell its deliveries from forged ones. Add one with Add "
                                      "Secret on the Webhooks tab."));
        pass(QStringLiteral("Unsigned: this endpoint has no secret; identity headers only"));
        return;
    }
    pass(m_request.signingSecrets.size() > 1
             ? QStringLiteral("Signed with the current and the previous secret (rotation "
                              "overlap)")
             : QStringLiteral("Signed as this endpoint's deliveries are"));
}

void ConnectionProbe::sendRequest()
{
    HeaderList headers = m_headers;
    HeaderList shown = m_shown;
    const HeaderList identity =
        m_signature.isEmpty()
            ? WebhookSigner::identity(m_messageId, QDateTime::currentSecsSinceEpoch())
            : m_signature;
    // The identity and signature right after the delivery headers, where deliveries put them.
    const qsizetype at = m_request.eventType.isEmpty() ? 3 : 5;
    for (qsizetype i = 0; i < identity.size(); ++i) {
        headers.insert(at + i, identity.at(i));
        shown.insert(at + i, identity.at(i));
    }
    const QByteArray length = QByteArray::number(m_payload.size());
    headers.append({QByteArrayLiteral("Content-Length"), length});
    shown.append({QByteArrayLiteral("Content-Length"), length});
    m_shown = shown;

    m_connection =
        new HttpsConnection(m_url, m_ssl, m_settings.maxBodyBytes, kMaxResponseBytes, this);
    connect(m_connection, &HttpsConnection::finished, this, &ConnectionProbe::onResponse);
    m_timer->start(m_settings.httpTimeoutMs);
    m_report.requestSent = true;
    m_connection->send(
        HttpsConnection::serialize(QByteArrayLiteral("POST"), m_url, headers, m_payload));
}

void ConnectionProbe::onResponse(const HttpsConnection::Response &response)
{
    if (currentKind() != Kind::Http || !m_running)
        return;
    m_timer->stop();
    dropConnection();
    const qint64 elapsed = m_stepClock.elapsed();
    m_report.status = response.status;
    m_report.reason = response.reason;
    m_report.responseHeaders = response.headers;
    m_report.responseBody = response.body;
    m_report.responseBytes = response.received;
    m_report.responseMs = elapsed;
    ProbeStep &step = current();
    if (response.status == 0) {
        fail(ProbeDiagnosis::requestFailed(response.error, response.errorString, response.sslErrors,
                                           m_url),
             QStringLiteral("No answer"));
        return;
    }
    const QString status = QStringLiteral("%1%2")
                               .arg(response.status)
                               .arg(response.reason.isEmpty()
                                        ? QString()
                                        : QLatin1Char(' ') + QString::fromLatin1(response.reason));
    step.addDetail(QStringLiteral("Status"), status);
    step.addDetail(QStringLiteral("Time"), QStringLiteral("%1 ms").arg(elapsed));
    const QByteArray type = response.header("Content-Type");
    step.addDetail(
        QStringLiteral("Answer"),
        QStringLiteral("%1%2%3")
            .arg(bytes(response.received))
            .arg(type.isEmpty() ? QString()
                                : QStringLiteral(" of %1").arg(QString::fromLatin1(type)))
            .arg(response.received > response.body.size()
                     ? QStringLiteral(" (the first %1 kept)").arg(bytes(response.body.size()))
                     : QString()));
    if (response.status >= 200 && response.status < 300) {
        pass(QStringLiteral("HTTP %1 in %2 ms: the endpoint accepted the request")
                 .arg(status)
                 .arg(elapsed));
        return;
    }
    fail(ProbeDiagnosis::http(response.status, response.reason, response.header("Location"),
                              m_request),
         QStringLiteral("HTTP %1").arg(status));
}

void ConnectionProbe::onTimeout()
{
    if (!m_running)
        return;
    switch (currentKind()) {
    case Kind::Dns:
        fail(ProbeDiagnosis::timedOut(QStringLiteral("resolving"), m_url, m_settings.dnsTimeoutMs),
             QStringLiteral("DNS timed out"));
        break;
    case Kind::Connect:
        fail(ProbeDiagnosis::timedOut(QStringLiteral("connecting to"), m_url,
                                      m_settings.connectTimeoutMs),
             QStringLiteral("Connecting timed out"));
        break;
    case Kind::Tls:
        fail(ProbeDiagnosis::timedOut(QStringLiteral("in the TLS handshake with"), m_url,
                                      m_settings.tlsTimeoutMs),
             QStringLiteral("The handshake timed out"));
        break;
    case Kind::Http:
        fail(ProbeDiagnosis::timedOut(QStringLiteral("waiting for the answer of"), m_url,
                                      m_settings.httpTimeoutMs),
             QStringLiteral("No answer in time"));
        break;
    case Kind::Url:
    case Kind::Signature:
        break;
    }
}

void ConnectionProbe::dropSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void ConnectionProbe::dropConnection()
{
    if (!m_connection)
        return;
    m_connection->disconnect(this);
    m_connection->cancel();
    m_connection->deleteLater();
    m_connection = nullptr;
}

} // namespace botbat
