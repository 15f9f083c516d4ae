// The connection test's engine side against a real HTTPS receiver on loopback with a test CA:
// a passing run with every step's findings, then each failure class with its diagnosis and fix
// (http:// refused, DNS failure, refused port, expired / misnamed / self-signed / untrusted
// certificates, 401 for each credential type, 500, redirect, timeout, invalid JSON), and the
// signed request of an existing endpoint through ProbeSession, secrets never shown. Host names
// resolve through an injected lookup that knows only localhost, so no query leaves the machine.
#include "probe/ConnectionProbe.h"

#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "core/Engine.h"
#include "probe/ProbeSession.h"
#include "webhooks/WebhookStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;
using namespace botbat::test;

namespace {

using Kind = ProbeStep::Kind;
using State = ProbeStep::State;

// localhost is 127.0.0.1; every other name fails, as an unknown name would.
DnsLookup::Function loopbackLookup(int *calls = nullptr)
{
    return [calls](const QString &host, QObject *context, DnsLookup::Done done) {
        if (calls)
            ++*calls;
        DnsLookup::Answer answer;
        if (host == QLatin1String("localhost"))
            answer.addresses = {QHostAddress(QHostAddress::LocalHost)};
        else
            answer.error = QStringLiteral("Host not found");
        QMetaObject::invokeMethod(
            context, [done, answer] { done(answer); }, Qt::QueuedConnection);
    };
}

const ProbeStep &step(const ProbeReport &report, Kind kind)
{
    for (const ProbeStep &step : report.steps)
        if (step.kind == kind)
            return step;
    qFatal("no step %s", qPrintable(ProbeStep::key(kind)));
}

QString detail(const ProbeStep &step, const QString &label)
{
    for (const auto &[name, value] : step.details)
        if (name == label)
            return value;
    return {};
}

QByteArray header(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QString describe(const ProbeReport &report)
{
    QStringList lines;
    for (const ProbeStep &step : report.steps)
        lines.append(QStringLiteral("%1 %2: %3 | %4 | %5")
                         .arg(ProbeStep::key(step.kind))
                         .arg(int(step.state))
                         .arg(step.summary, step.diagnosis, step.fix));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class ConnectionProbeTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void passingRunReportsEveryStep();
    void httpUrlIsRefusedBeforeAnythingIsSent();
    void dnsFailureIsDiagnosed();
    void refusedPortIsDiagnosed();
    void badCertificatesAreDiagnosed_data();
    void badCertificatesAreDiagnosed();
    void rejectedCredentialsAreDiagnosed_data();
    void rejectedCredentialsAreDiagnosed();
    void serverErrorIsDiagnosed();
    void redirectIsNotFollowed();
    void slowAnswerTimesOut();
    void silentDnsAndSilentServerTimeOut();
    void invalidJsonIsNeverSent();
    void reservedHeadersAreRefused();
    void endpointIsSignedAsDeliveriesAre();
    void storedTrustedCertificateIsUsed();
    void restartedAndCancelledRunsStaySeparate();

private:
    ProbeReport run(const ProbeRequest &request, QList<QSslCertificate> trusted = {},
                    ProbeSettings settings = {});
    ProbeRequest requestTo(const QString &path = QStringLiteral("/hooks")) const;
    void startEngine();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_receiver;
    std::unique_ptr<Engine> m_engine;
};

void ConnectionProbeTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ca = std::make_unique<TestCa>();
    m_receiver = std::make_unique<HttpsReceiver>();
    m_receiver->setCertificate(m_ca->issue());
    QVERIFY2(m_receiver->listen(), qPrintable(m_receiver->errorString()));
    m_receiver->setDefaultResponse(
        {200,
         {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
         QByteArrayLiteral("{\"received\":true}")});
}

void ConnectionProbeTest::cleanup()
{
    m_engine.reset();
    m_receiver.reset();
    m_ca.reset();
    m_dir.reset();
}

ProbeRequest ConnectionProbeTest::requestTo(const QString &path) const
{
    ProbeRequest request;
    request.url = m_receiver->url(path).toString();
    request.eventType = QStringLiteral("contact.created");
    return request;
}

ProbeReport ConnectionProbeTest::run(const ProbeRequest &request, QList<QSslCertificate> trusted,
                                     ProbeSettings settings)
{
    if (trusted.isEmpty())
        trusted = {m_ca->caCertificate()};
    settings.dnsTimeoutMs = std::min(settings.dnsTimeoutMs, 3000);
    settings.connectTimeoutMs = std::min(settings.connectTimeoutMs, 3000);
    settings.tlsTimeoutMs = std::min(settings.tlsTimeoutMs, 3000);
    settings.httpTimeoutMs = std::min(settings.httpTimeoutMs, 5000);
    ConnectionProbe probe;
    probe.setSettings(settings);
    probe.setDnsLookup(loopbackLookup());
    probe.setTrustedCertificates(trusted);
    QSignalSpy started(&probe, &ConnectionProbe::stepStarted);
    QSignalSpy ended(&probe, &ConnectionProbe::stepFinished);
    QSignalSpy finished(&probe, &ConnectionProbe::finished);
    probe.start(request);
    if (finished.isEmpty() && !finished.wait(15000))
        qFatal("the probe did not finish");
    if (finished.size() != 1)
        qFatal("finished %lld times", static_cast<long long>(finished.size()));
    const ProbeReport report = finished.first().first().value<ProbeReport>();
    // Every step ends exactly once, in order, whether it ran or was skipped.
    if (ended.size() != ProbeStep::all().size())
        qFatal("%lld steps ended", static_cast<long long>(ended.size()));
    for (qsizetype i = 0; i < ended.size(); ++i)
        if (ended.at(i).first().value<ProbeStep>().kind != ProbeStep::all().at(i))
            qFatal("steps ended out of order");
    for (const auto &signal : started)
        if (signal.first().value<ProbeStep>().state != State::Running)
            qFatal("a step started in another state than Running");
    return report;
}

void ConnectionProbeTest::passingRunReportsEveryStep()
{
    ProbeRequest request = requestTo(QStringLiteral("/hooks/botbat?source=test"));
    request.auth = ProbeRequest::Auth::Bearer;
    request.token = QStringLiteral("tok_live_9f8e7d6c5b4a");
    request.headers = {{QStringLiteral("X-Tenant"), QStringLiteral("acme")}};
    const ProbeReport report = run(request);
    QVERIFY2(report.passed, qPrintable(describe(report)));
    QVERIFY(!report.failedStep());

    QCOMPARE(step(report, Kind::Url).state, State::Passed);
    QCOMPARE(detail(step(report, Kind::Url), QStringLiteral("Host")), QStringLiteral("localhost"));
    const ProbeStep &dns = step(report, Kind::Dns);
    QCOMPARE(dns.state, State::Passed);
    QCOMPARE(detail(dns, QStringLiteral("Addresses")), QStringLiteral("127.0.0.1"));
    const ProbeStep &tcp = step(report, Kind::Connect);
    QCOMPARE(tcp.state, State::Passed);
    QVERIFY(detail(tcp, QStringLiteral("Connected to")).contains(QLatin1String("127.0.0.1")));
    QVERIFY(tcp.elapsedMs >= 0);
    const ProbeStep &tls = step(report, Kind::Tls);
    QCOMPARE(tls.state, State::Passed);
    QCOMPARE(detail(tls, QStringLiteral("Issuer")), QStringLiteral("BotBat Test CA"));
    QVERIFY(detail(tls, QStringLiteral("Host name match")).startsWith(QLatin1String("Yes")));
    QVERIFY(detail(tls, QStringLiteral("Protocol")).startsWith(QLatin1String("TLS 1.")));
    QVERIFY(detail(tls, QStringLiteral("Names")).contains(QLatin1String("localhost")));
    QVERIFY(!detail(tls, QStringLiteral("Valid")).isEmpty());
    QVERIFY(detail(tls, QStringLiteral("Verified against")).contains(QLatin1String("1 trusted")));
    // A new URL has no secret to sign with.
    QCOMPARE(step(report, Kind::Signature).state, State::Skipped);
    const ProbeStep &http = step(report, Kind::Http);
    QCOMPARE(http.state, State::Passed);
    QCOMPARE(detail(http, QStringLiteral("Status")), QStringLiteral("200 OK"));

    QCOMPARE(report.status, 200);
    QVERIFY(report.requestSent);
    QCOMPARE(report.responseBody, QByteArray("{\"received\":true}"));
    QCOMPARE(header(report.responseHeaders, "Content-Type"), QByteArray("application/json"));

    // What the receiver got: a delivery-shaped request with the credentials and extra header.
    QCOMPARE(m_receiver->count(), 1);
    const ReceivedRequest received = m_receiver->requests().constFirst();
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(received.path, QByteArray("/hooks/botbat?source=test"));
    QCOMPARE(received.header("Authorization"), QByteArray("Bearer tok_live_9f8e7d6c5b4a"));
    QCOMPARE(received.header("X-Tenant"), QByteArray("acme"));
    QCOMPARE(received.header("X-BotBat-Event"), QByteArray("contact.created"));
    QVERIFY(received.header("User-Agent").startsWith("BotBat-Webhooks/"));
    QCOMPARE(received.header("webhook-id"), received.header("X-BotBat-Delivery"));
    QVERIFY(received.header("X-BotBat-Signature").isEmpty());
    const QJsonObject body = QJsonDocument::fromJson(received.body).object();
    QCOMPARE(body.value(QLatin1String("type")).toString(), QStringLiteral("contact.created"));
    QCOMPARE(body.value(QLatin1String("data")).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("Ada Lovelace"));
    QCOMPARE(received.body, report.payload);

    // The headers shown: as sent, but the token masked.
    QCOMPARE(header(report.sentHeaders, "X-Tenant"), QByteArray("acme"));
    QVERIFY(header(report.sentHeaders, "Authorization").startsWith("Bearer "));
    for (const auto &[name, value] : report.sentHeaders)
        QVERIFY2(!value.contains("tok_live"), name.constData());
}

void ConnectionProbeTest::httpUrlIsRefusedBeforeAnythingIsSent()
{
    ProbeRequest request = requestTo();
    request.url = QStringLiteral("http://localhost:%1/hooks").arg(m_receiver->port());
    const ProbeReport report = run(request);
    QVERIFY(!report.passed);
    const ProbeStep &url = step(report, Kind::Url);
    QCOMPARE(url.state, State::Failed);
    QVERIFY2(url.diagnosis.contains(QLatin1String("http:// is refused")),
             qPrintable(url.diagnosis));
    QVERIFY(url.fix.contains(QLatin1String("https://")));
    for (const Kind kind : {Kind::Dns, Kind::Connect, Kind::Tls, Kind::Signature, Kind::Http})
        QCOMPARE(step(report, kind).state, State::Skipped);
    QCOMPARE(m_receiver->count(), 0);
}

void ConnectionProbeTest::dnsFailureIsDiagnosed()
{
    ProbeRequest request = requestTo();
    request.url = QStringLiteral("https://hooks.does-not-exist.example/botbat");
    const ProbeReport report = run(request);
    const ProbeStep &dns = step(report, Kind::Dns);
    QCOMPARE(dns.state, State::Failed);
    QVERIFY2(dns.diagnosis.contains(QLatin1String("hooks.does-not-exist.example could not be "
                                                  "resolved")),
             qPrintable(dns.diagnosis));
    QVERIFY(dns.fix.contains(QLatin1String("typos")));
    QCOMPARE(step(report, Kind::Connect).state, State::Skipped);
    QCOMPARE(step(report, Kind::Http).state, State::Skipped);
}

void ConnectionProbeTest::refusedPortIsDiagnosed()
{
    QTcpServer free; // a port that was free a moment ago and has no listener now
    QVERIFY(free.listen(QHostAddress::LocalHost));
    const quint16 port = free.serverPort();
    free.close();
    ProbeRequest request = requestTo();
    request.url = QStringLiteral("https://localhost:%1/hooks").arg(port);
    const ProbeReport report = run(request);
    const ProbeStep &tcp = step(report, Kind::Connect);
    QCOMPARE(tcp.state, State::Failed);
    QVERIFY2(tcp.diagnosis.contains(QLatin1String("refused the connection")),
             qPrintable(tcp.diagnosis));
    QVERIFY(tcp.diagnosis.contains(QString::number(port)));
    QVERIFY(tcp.fix.contains(QLatin1String("running")));
    QCOMPARE(step(report, Kind::Tls).state, State::Skipped);
    QVERIFY(!report.requestSent);
}

void ConnectionProbeTest::badCertificatesAreDiagnosed_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("diagnosis");
    QTest::addColumn<QString>("fix");
    QTest::newRow("expired") << 0 << QStringLiteral("expired on") << QStringLiteral("Renew");
    QTest::newRow("wrong host") << 1 << QStringLiteral("not for localhost (host name mismatch)")
                                << QStringLiteral("install a certificate");
    QTest::newRow("self-signed") << 2 << QStringLiteral("is self-signed")
                                 << QStringLiteral("Trusted Certificates");
    QTest::newRow("unknown issuer") << 3 << QStringLiteral("does not trust (unknown issuer)")
                                    << QStringLiteral("Trusted Certificates");
}

void ConnectionProbeTest::badCertificatesAreDiagnosed()
{
    QFETCH(int, kind);
    QFETCH(QString, diagnosis);
    QFETCH(QString, fix);
    const TestCa other(QStringLiteral("Unknown Corp CA"));
    m_receiver->close();
    m_receiver->setCertificate(kind == 0   ? m_ca->issueExpired()
                               : kind == 1 ? m_ca->issueForWrongHost()
                               : kind == 2 ? TestCa::selfSigned()
                                           : other.issue());
    QVERIFY(m_receiver->listen());
    const ProbeReport report = run(requestTo());
    const ProbeStep &tls = step(report, Kind::Tls);
    QCOMPARE(tls.state, State::Failed);
    QVERIFY2(tls.diagnosis.contains(diagnosis), qPrintable(tls.diagnosis));
    QVERIFY2(tls.fix.contains(fix), qPrintable(tls.fix));
    // What the certificate says is shown even when it is refused.
    QVERIFY(!detail(tls, QStringLiteral("Subject")).isEmpty());
    QVERIFY(!detail(tls, QStringLiteral("Valid")).isEmpty());
    QCOMPARE(detail(tls, QStringLiteral("Host name match")),
             kind == 1 ? QStringLiteral("No") : QStringLiteral("Yes"));
    if (kind == 3)
        QCOMPARE(detail(tls, QStringLiteral("Issuer")), QStringLiteral("Unknown Corp CA"));
    QCOMPARE(step(report, Kind::Http).state, State::Skipped);
    QCOMPARE(m_receiver->count(), 0); // nothing went over a refused connection
}

void ConnectionProbeTest::rejectedCredentialsAreDiagnosed_data()
{
    QTest::addColumn<int>("auth");
    QTest::addColumn<QString>("diagnosis");
    QTest::addColumn<QString>("fix");
    QTest::newRow("none") << int(ProbeRequest::Auth::None)
                          << QStringLiteral("requires authentication and none was sent")
                          << QStringLiteral("Authentication page");
    QTest::newRow("bearer") << int(ProbeRequest::Auth::Bearer)
                            << QStringLiteral("401 Unauthorized: the token was rejected")
                            << QStringLiteral("has not expired");
    QTest::newRow("api key") << int(ProbeRequest::Auth::ApiKey)
                             << QStringLiteral("the API key in the X-Service-Key header")
                             << QStringLiteral("X-Service-Key is the header");
    QTest::newRow("basic") << int(ProbeRequest::Auth::Basic)
                           << QStringLiteral("the user name or password was rejected")
                           << QStringLiteral("locked");
}

void ConnectionProbeTest::rejectedCredentialsAreDiagnosed()
{
    QFETCH(int, auth);
    QFETCH(QString, diagnosis);
    QFETCH(QString, fix);
    m_receiver->setDefaultResponse({401, {}, QByteArrayLiteral("{\"error\":\"unauthorized\"}")});
    ProbeRequest request = requestTo();
    request.auth = ProbeRequest::Auth(auth);
    request.token = QStringLiteral("expired-token");
    request.apiKeyHeader = QStringLiteral("X-Service-Key");
    request.apiKey = QStringLiteral("key-123");
    request.username = QStringLiteral("ada");
    request.password = QStringLiteral("wrong password");
    const ProbeReport report = run(request);
    QVERIFY(!report.passed);
    const ProbeStep &http = step(report, Kind::Http);
    QCOMPARE(http.state, State::Failed);
    QVERIFY2(http.diagnosis.contains(diagnosis), qPrintable(http.diagnosis));
    QVERIFY2(http.fix.contains(fix), qPrintable(http.fix));
    QCOMPARE(report.status, 401);
    QCOMPARE(report.responseBody, QByteArray("{\"error\":\"unauthorized\"}"));
    const ReceivedRequest received = m_receiver->requests().constFirst();
    if (request.auth == ProbeRequest::Auth::Basic)
        QCOMPARE(received.header("Authorization"),
                 "Basic " + QByteArray("ada:wrong password").toBase64());
    if (request.auth == ProbeRequest::Auth::ApiKey)
        QCOMPARE(received.header("X-Service-Key"), QByteArray("key-123"));
    for (const auto &[name, value] : report.sentHeaders)
        QVERIFY2(!value.contains("expired-token") && !value.contains("key-123") &&
                     !value.contains(QByteArray("ada:wrong password").toBase64()) &&
                     !value.contains("wrong password"),
                 name.constData());
}

void ConnectionProbeTest::serverErrorIsDiagnosed()
{
    m_receiver->setDefaultResponse({500, {}, QByteArrayLiteral("boom")});
    const ProbeReport report = run(requestTo());
    const ProbeStep &http = step(report, Kind::Http);
    QCOMPARE(http.state, State::Failed);
    QVERIFY2(http.diagnosis.contains(QLatin1String("500 Internal Server Error: the receiving "
                                                   "service failed")),
             qPrintable(http.diagnosis));
    QVERIFY(http.fix.contains(QLatin1String("logs")));
    QCOMPARE(report.responseBody, QByteArray("boom"));
}

void ConnectionProbeTest::redirectIsNotFollowed()
{
    m_receiver->setDefaultResponse(
        {301,
         {{QByteArrayLiteral("Location"), QByteArrayLiteral("https://new.example/hooks")}},
         {}});
    const ProbeReport report = run(requestTo());
    const ProbeStep &http = step(report, Kind::Http);
    QCOMPARE(http.state, State::Failed);
    QVERIFY2(http.diagnosis.contains(QLatin1String("redirects are not followed")),
             qPrintable(http.diagnosis));
    QVERIFY(http.fix.contains(QLatin1String("https://new.example/hooks")));
    QCOMPARE(m_receiver->count(), 1);
}

void ConnectionProbeTest::slowAnswerTimesOut()
{
    m_receiver->setDefaultResponse({200, {}, QByteArrayLiteral("late"), 3000});
    ProbeSettings settings;
    settings.httpTimeoutMs = 400;
    QElapsedTimer clock;
    clock.start();
    const ProbeReport report = run(requestTo(), {}, settings);
    QVERIFY(clock.elapsed() < 2500);
    const ProbeStep &http = step(report, Kind::Http);
    QCOMPARE(http.state, State::Failed);
    QVERIFY2(http.diagnosis.contains(QLatin1String("within 0.4 s (timeout)")),
             qPrintable(http.diagnosis));
    QVERIFY(http.fix.contains(QLatin1String("answer 2xx at once")));
}

void ConnectionProbeTest::silentDnsAndSilentServerTimeOut()
{
    // A resolver that never answers: the DNS step ends at its timeout.
    ConnectionProbe probe;
    ProbeSettings settings;
    settings.dnsTimeoutMs = 300;
    settings.tlsTimeoutMs = 300;
    probe.setSettings(settings);
    probe.setDnsLookup([](const QString &, QObject *, DnsLookup::Done) {});
    QSignalSpy finished(&probe, &ConnectionProbe::finished);
    probe.start(requestTo());
    QVERIFY(finished.wait(3000));
    ProbeReport report = finished.takeFirst().first().value<ProbeReport>();
    QCOMPARE(step(report, Kind::Dns).state, State::Failed);
    QVERIFY2(step(report, Kind::Dns).diagnosis.contains(QLatin1String("resolving localhost")),
             qPrintable(step(report, Kind::Dns).diagnosis));
    QVERIFY(step(report, Kind::Dns).diagnosis.contains(QLatin1String("within 0.3 s")));

    // A server that accepts the connection and never speaks TLS: the handshake times out.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    probe.setDnsLookup(loopbackLookup());
    ProbeRequest request = requestTo();
    request.url = QStringLiteral("https://localhost:%1/").arg(silent.serverPort());
    probe.start(request);
    QVERIFY(finished.wait(3000));
    report = finished.takeFirst().first().value<ProbeReport>();
    QCOMPARE(step(report, Kind::Connect).state, State::Passed);
    QCOMPARE(step(report, Kind::Tls).state, State::Failed);
    QVERIFY2(step(report, Kind::Tls).diagnosis.contains(QLatin1String("TLS handshake")),
             qPrintable(step(report, Kind::Tls).diagnosis));
    QVERIFY(step(report, Kind::Tls).diagnosis.contains(QLatin1String("(timeout)")));
}

void ConnectionProbeTest::invalidJsonIsNeverSent()
{
    ProbeRequest request = requestTo();
    request.eventType.clear();
    request.freeJson = QStringLiteral("{\"order\": 42,}");
    const ProbeReport report = run(request);
    const ProbeStep &url = step(report, Kind::Url);
    QCOMPARE(url.state, State::Failed);
    QVERIFY2(url.diagnosis.contains(QLatin1String("not valid JSON")), qPrintable(url.diagnosis));
    QCOMPARE(m_receiver->count(), 0);

    // Valid free JSON goes exactly as typed.
    request.freeJson = QStringLiteral("{\"order\": 42}");
    const ProbeReport sent = run(request);
    QVERIFY2(sent.passed, qPrintable(describe(sent)));
    QCOMPARE(m_receiver->requests().constFirst().body, QByteArray("{\"order\": 42}"));
    QVERIFY(m_receiver->requests().constFirst().header("X-BotBat-Event").isEmpty());
}

void ConnectionProbeTest::reservedHeadersAreRefused()
{
    ProbeRequest request = requestTo();
    request.headers = {{QStringLiteral("X-BotBat-Signature"), QStringLiteral("forged")}};
    QCOMPARE(step(run(request), Kind::Url).state, State::Failed);
    request.headers = {{QStringLiteral("Host"), QStringLiteral("other.example")}};
    QCOMPARE(step(run(request), Kind::Url).state, State::Failed);
    request.headers = {{QStringLiteral("Bad Name"), QStringLiteral("x")}};
    const ProbeReport report = run(request);
    QVERIFY(step(report, Kind::Url).diagnosis.contains(QLatin1String("not a valid header name")));
    QCOMPARE(m_receiver->count(), 0);
}

void ConnectionProbeTest::startEngine()
{
    m_engine = std::make_unique<Engine>(engineConfig(*m_dir));
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void ConnectionProbeTest::endpointIsSignedAsDeliveriesAre()
{
    startEngine();
    QVERIFY(m_engine->webhooks().addTrustedCertificate(m_ca->caPem()));
    WebhookEndpointInput input;
    input.url = m_receiver->url(QStringLiteral("/signed")).toString();
    input.events = QStringList{QStringLiteral("message.received")};
    input.secretAction = WebhookEndpointInput::SecretAction::Generate;
    const auto saved = m_engine->webhooks().create(input);
    QVERIFY(saved);
    const QString secret = saved->generatedSecret;

    ProbeSession session(m_engine->webhooks(), {});
    int lookups = 0;
    session.setDnsLookup(loopbackLookup(&lookups));
    QSignalSpy finished(&session, &ProbeSession::finished);
    QSignalSpy ended(&session, &ProbeSession::stepFinished);
    ProbeRequest request;
    request.endpointId = saved->endpoint.id;
    request.url = QStringLiteral("https://ignored.example/"); // the stored URL is what is tested
    request.eventType = QStringLiteral("message.received");
    session.start(request);
    QVERIFY(session.isRunning());
    QVERIFY(finished.wait(15000));
    const ProbeReport report = finished.first().first().value<ProbeReport>();
    QVERIFY2(report.passed, qPrintable(describe(report)));
    QCOMPARE(ended.size(), ProbeStep::all().size());
    QCOMPARE(lookups, 1);
    QVERIFY(!session.isRunning());

    const ReceivedRequest received = m_receiver->requests().constFirst();
    QCOMPARE(received.path, QByteArray("/signed"));
    const QByteArray expected =
        "sha256=" + QMessageAuthenticationCode::hash(received.body, secret.toLatin1(),
                                                     QCryptographicHash::Sha256)
                        .toHex();
    QCOMPARE(received.header("X-BotBat-Signature"), expected);
    QVERIFY(received.header("webhook-signature").startsWith("v1,"));
    QCOMPARE(received.header("X-BotBat-Event"), QByteArray("message.received"));

    // The signature step shows the signatures sent; no secret appears anywhere in the report.
    const ProbeStep &signature = step(report, Kind::Signature);
    QCOMPARE(signature.state, State::Passed);
    QCOMPARE(detail(signature, QStringLiteral("X-BotBat-Signature")).toLatin1(), expected);
    QCOMPARE(header(report.sentHeaders, "X-BotBat-Signature"), expected);
    const QByteArray secretBytes = secret.toLatin1();
    const QByteArray key = secretBytes.mid(6);
    for (const auto &[name, value] : report.sentHeaders)
        QVERIFY(!value.contains(secretBytes) && !value.contains(key));
    for (const ProbeStep &each : report.steps)
        for (const auto &[label, value] : each.details)
            QVERIFY2(!value.contains(secret) && !value.contains(QString::fromLatin1(key)),
                     qPrintable(label));
}

void ConnectionProbeTest::storedTrustedCertificateIsUsed()
{
    // Without the test CA among the trusted certificates the handshake fails; once it is added
    // in the store, the same session's next run passes.
    startEngine();
    ProbeSession session(m_engine->webhooks(), {});
    session.setDnsLookup(loopbackLookup());
    ProbeSettings settings;
    settings.tlsTimeoutMs = 3000;
    session.setSettings(settings);
    QSignalSpy finished(&session, &ProbeSession::finished);
    session.start(requestTo());
    QVERIFY(finished.wait(15000));
    ProbeReport report = finished.takeFirst().first().value<ProbeReport>();
    QCOMPARE(step(report, Kind::Tls).state, State::Failed);
    QVERIFY(step(report, Kind::Tls).fix.contains(QLatin1String("Trusted Certificates")));

    QVERIFY(m_engine->webhooks().addTrustedCertificate(m_ca->caPem()));
    session.start(requestTo());
    QVERIFY(finished.wait(15000));
    report = finished.takeFirst().first().value<ProbeReport>();
    QVERIFY2(report.passed, qPrintable(describe(report)));
}

void ConnectionProbeTest::restartedAndCancelledRunsStaySeparate()
{
    // A slow receiver keeps the first run in its HTTP step when the second one starts; only the
    // second is heard of, whole, and a cancelled run is not heard of at all.
    startEngine();
    QVERIFY(m_engine->webhooks().addTrustedCertificate(m_ca->caPem()));
    m_receiver->enqueueResponse({500, {}, QByteArrayLiteral("first"), 800});
    ProbeSession session(m_engine->webhooks(), {});
    session.setDnsLookup(loopbackLookup());
    QSignalSpy finished(&session, &ProbeSession::finished);
    QSignalSpy ended(&session, &ProbeSession::stepFinished);
    session.start(requestTo());
    QVERIFY(m_receiver->waitForCount(1, 10000));
    ended.clear();
    session.start(requestTo());
    QVERIFY(finished.wait(15000));
    QTest::qWait(1200); // the first answer would have come by now
    QCOMPARE(finished.size(), 1);
    const ProbeReport report = finished.first().first().value<ProbeReport>();
    QVERIFY2(report.passed, qPrintable(describe(report)));
    QCOMPARE(report.responseBody, QByteArray("{\"received\":true}"));
    QCOMPARE(ended.size(), ProbeStep::all().size());
    for (const auto &signal : ended)
        QCOMPARE(signal.first().value<ProbeStep>().run, report.run);

    finished.clear();
    session.start(requestTo());
    session.cancel();
    QVERIFY(!session.isRunning());
    QVERIFY(!finished.wait(1500));
}

QTEST_GUILESS_MAIN(ConnectionProbeTest)
#include "ConnectionProbeTest.moc"
