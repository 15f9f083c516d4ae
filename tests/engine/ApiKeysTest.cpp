#include "TestSupport.h"
#include "api/ApiAuthenticator.h"
#include "api/ApiRoutes.h"
#include "api/HttpService.h"
#include "api/JsonResponse.h"
#include "api/RateLimiter.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "apikeys/ApiKeyToken.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "core/LogSink.h"
#include "core/WorkerThread.h"
#include "storage/Database.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

// The key lifecycle against a real HTTP server: authentication, scopes, rate limits, rotation,
// revocation (also from another process), expiry on the injectable clock, last-used batching,
// and the audit log. /v1/ping and /v1/secure are test routes behind the real ApiRoutes wrapper.
class ApiKeysTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void tokensHaveTheDocumentedShape();
    void eachFailureReasonIs401WithBearerChallenge();
    void missingScopeIs403();
    void lastUsedIsBatchedNotWrittenPerRequest();
    void rotationKeepsBothKeysDuringTheOverlap();
    void expiryFollowsTheClock();
    void revokeFromAnotherProcessTakesEffectOnTheNextRequest();
    void revokeFromAnotherThreadTakesEffectOnTheNextRequest();
    void revokeByAnotherConsoleOnPostgresTakesEffectOnTheNextRequest();
    void perKeyRateLimitAnswers429WithRetryAfter();
    void repeatedFailuresFromOneAddressAreThrottled();
    void auditLogRecordsLifecycleAndFailuresWithoutKeys();
    void fullKeysNeverReachTheDatabaseOrTheLog();

private:
    test::HttpResult call(const QString &path, const QString &token);
    ApiKeyStore::Created create(const QString &name, const QStringList &scopes,
                                const QDateTime &expiresAt = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::vector<std::unique_ptr<WorkerThread>>
        m_http; // two threads on one port, as the engine runs
    quint16 m_port = 0;
    ApiSettings m_settings;
    QStringList m_tokens; // every key created, for the leak check
};

void ApiKeysTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_shared<ManualClock>(
        QDateTime::fromString(QStringLiteral("2026-05-01T09:00:00Z"), Qt::ISODate));
    EngineConfig config = test::engineConfig(*m_dir);
    config.clock = m_clock;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));

    m_settings = ApiSettings{};
    m_settings.lastUsedFlushMs = 100;
    m_settings.keyBurst = 5;
    m_settings.keyRequestsPerSecond = 1;
    m_settings.failureBurst = 4;
    m_settings.failuresPerMinute = 6;
    Engine *engine = m_engine.get();
    ApiSettings settings = m_settings;
    // Two HTTP threads sharing one RateLimiter, as the engine runs them: each request is a new
    // connection, which the kernel gives to either thread, so the limits must hold across them.
    const auto limits = std::make_shared<RateLimiter>(settings);
    for (int i = 0; i < 2; ++i) {
        auto *service = new HttpService(
            QHostAddress::LocalHost, m_port, HttpLimits{},
            {[engine, limits](Router &router, QObject *owner) {
                auto *auth =
                    new ApiAuthenticator(engine->apiKeys(), engine->clock(), limits, owner);
                QObject::connect(auth, &ApiAuthenticator::keysUsed, engine, &Engine::apiKeysUsed);
                ApiRoutes api(router, *auth);
                const auto ok = [](const ApiCall &c) {
                    return JsonResponse::ok({{QStringLiteral("key"), c.key.prefix}});
                };
                api.add(QHttpServerRequest::Method::Get, QStringLiteral("/v1/ping"), {}, ok);
                api.add(QHttpServerRequest::Method::Get, QStringLiteral("/v1/secure"),
                        ApiKeyScopes::WebhooksManage, ok);
                router.add(QHttpServerRequest::Method::Get, QStringLiteral("/thread"),
                           [](const QHttpServerRequest &, const PathParams &) {
                               return JsonResponse::ok({{QStringLiteral("name"),
                                                         QThread::currentThread()->objectName()}});
                           });
            }});
        service->setJoinsPort(i > 0);
        m_http.push_back(std::make_unique<WorkerThread>(
            QStringLiteral("botbat-test-http-%1").arg(i + 1), service));
        QVERIFY2(m_http.back()->start(&error), qPrintable(error));
        m_port = service->port();
    }
}

void ApiKeysTest::cleanup()
{
    m_http.clear();
    m_engine.reset();
    m_dir.reset();
}

test::HttpResult ApiKeysTest::call(const QString &path, const QString &token)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!token.isNull())
        headers.append({QByteArrayLiteral("Authorization"), token.toLatin1()});
    return test::httpRequest(
        "GET", QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)), {}, headers);
}

ApiKeyStore::Created ApiKeysTest::create(const QString &name, const QStringList &scopes,
                                         const QDateTime &expiresAt)
{
    QString error;
    const auto created =
        m_engine->apiKeys().create(name, scopes, expiresAt, QStringLiteral("test"), &error);
    if (!created)
        qFatal("create failed: %s", qPrintable(error));
    m_tokens.append(created->token);
    return *created;
}

static QString bearer(const QString &token)
{
    return QStringLiteral("Bearer ") + token;
}

static QString errorCode(const test::HttpResult &result)
{
    return result.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

void ApiKeysTest::tokensHaveTheDocumentedShape()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString token = ApiKeyToken::generate();
        QVERIFY(ApiKeyToken::isWellFormed(token));
        QCOMPARE(token.size(), 44);
        QVERIFY(token.startsWith(QStringLiteral("bbk_")));
        QVERIFY(!seen.contains(token));
        seen.insert(token);
    }
    QVERIFY(!ApiKeyToken::isWellFormed(QStringLiteral("bbk_short")));
    QVERIFY(!ApiKeyToken::isWellFormed(QStringLiteral("bbk_") + QString(40, QLatin1Char('-'))));
}

void ApiKeysTest::eachFailureReasonIs401WithBearerChallenge()
{
    const auto revoked = create(QStringLiteral("revoked"), ApiKeyScopes::all());
    QString error;
    QVERIFY(m_engine->apiKeys().revoke(revoked.key.id, QStringLiteral("test"), &error));
    const auto expired =
        create(QStringLiteral("expiring"), ApiKeyScopes::all(), m_clock->now().addSecs(60));
    m_clock->advance(61 * 1000);

    const QList<QPair<QString, QString>> cases = {
        {QString(), QStringLiteral("missing_api_key")},
        {QStringLiteral("Basic dXNlcjpwYXNz"), QStringLiteral("malformed_api_key")},
        {QStringLiteral("Bearer not-a-key"), QStringLiteral("malformed_api_key")},
        {bearer(ApiKeyToken::generate()), QStringLiteral("invalid_api_key")},
        {bearer(revoked.token), QStringLiteral("revoked_api_key")},
        {bearer(expired.token), QStringLiteral("expired_api_key")},
    };
    for (const auto &[header, code] : cases) {
        const auto result = call(QStringLiteral("/v1/ping"), header);
        QCOMPARE(result.status, 401);
        QCOMPARE(errorCode(result), code);
        QVERIFY(result.header("WWW-Authenticate").startsWith("Bearer"));
        QVERIFY(!result.json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .isEmpty());
        m_clock->advance(10 * 1000); // stay under the failed-attempt limit of this address
    }
}

void ApiKeysTest::missingScopeIs403()
{
    const auto key = create(QStringLiteral("reader"), {ApiKeyScopes::ContactsRead});
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    const auto result = call(QStringLiteral("/v1/secure"), bearer(key.token));
    QCOMPARE(result.status, 403);
    QCOMPARE(errorCode(result), QStringLiteral("insufficient_scope"));
    QVERIFY(result.header("WWW-Authenticate").contains("webhooks:manage"));
}

void ApiKeysTest::lastUsedIsBatchedNotWrittenPerRequest()
{
    const auto key = create(QStringLiteral("user"), ApiKeyScopes::all());
    QVERIFY(!m_engine->apiKeys().get(key.key.id)->lastUsedAt.isValid());
    QSignalSpy used(m_engine.get(), &Engine::apiKeysUsed);
    m_clock->advance(5000);
    for (int i = 0; i < m_settings.keyBurst; ++i)
        QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    QTRY_VERIFY(used.count() >= 1);
    QTest::qWait(3 * m_settings.lastUsedFlushMs); // every thread's flush has run
    // At most one batch per HTTP thread for five requests: the flush, not each request, writes.
    QVERIFY2(used.count() <= int(m_http.size()), qPrintable(QString::number(used.count())));
    using Batch = QHash<qint64, qint64>;
    for (const QList<QVariant> &batch : std::as_const(used))
        QCOMPARE(batch.at(0).value<Batch>().value(key.key.id), m_clock->nowMs());
    QCOMPARE(m_engine->apiKeys().get(key.key.id)->lastUsedAt, m_clock->now());
}

void ApiKeysTest::rotationKeepsBothKeysDuringTheOverlap()
{
    const auto old = create(QStringLiteral("partner"), {ApiKeyScopes::ContactsRead});
    QString error;
    const auto fresh =
        m_engine->apiKeys().rotate(old.key.id, 60 * 60 * 1000, QStringLiteral("test"), &error);
    QVERIFY2(fresh, qPrintable(error));
    m_tokens.append(fresh->token);
    QCOMPARE(fresh->key.name, old.key.name);
    QCOMPARE(fresh->key.scopes, old.key.scopes);
    QCOMPARE(fresh->key.rotatedFrom, old.key.id);
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(old.token)).status, 200);
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(fresh->token)).status, 200);
    m_clock->advance(60 * 60 * 1000 + 1);
    const auto after = call(QStringLiteral("/v1/ping"), bearer(old.token));
    QCOMPARE(after.status, 401);
    QCOMPARE(errorCode(after), QStringLiteral("expired_api_key"));
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(fresh->token)).status, 200);
    // A key that is no longer active cannot be rotated again.
    QVERIFY(!m_engine->apiKeys().rotate(old.key.id, 0, QStringLiteral("test"), &error));
    QVERIFY(error.contains(QStringLiteral("expired")));
}

void ApiKeysTest::expiryFollowsTheClock()
{
    const auto key =
        create(QStringLiteral("temp"), ApiKeyScopes::all(), m_clock->now().addDays(30));
    m_clock->advance(qint64(29) * 86400 * 1000);
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    m_clock->advance(qint64(1) * 86400 * 1000);
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 401);
    QString error;
    QVERIFY(!m_engine->apiKeys().create(QStringLiteral("past"), ApiKeyScopes::all(),
                                        m_clock->now().addSecs(-1), QStringLiteral("test"),
                                        &error));
    QVERIFY(error.contains(QStringLiteral("past")));
}

void ApiKeysTest::revokeFromAnotherProcessTakesEffectOnTheNextRequest()
{
    const auto key = create(QStringLiteral("script"), ApiKeyScopes::all());
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    QProcess cli;
    cli.start(qEnvironmentVariable("BOTBAT_CONSOLE_BINARY"),
              {QStringLiteral("keys"), QStringLiteral("revoke"), key.key.prefix,
               QStringLiteral("--data-dir"), m_dir->path()});
    QVERIFY(cli.waitForFinished(15000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const auto result = call(QStringLiteral("/v1/ping"), bearer(key.token));
    QCOMPARE(result.status, 401);
    QCOMPARE(errorCode(result), QStringLiteral("revoked_api_key"));
}

void ApiKeysTest::revokeFromAnotherThreadTakesEffectOnTheNextRequest()
{
    // The HTTP threads cache key rows; a revocation through another connection (here the
    // test thread's, as the console's worker would) must still be seen at once.
    const auto key = create(QStringLiteral("cached"), ApiKeyScopes::all());
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    QString error;
    QVERIFY(m_engine->apiKeys().revoke(key.key.id, QStringLiteral("test"), &error));
    const auto result = call(QStringLiteral("/v1/ping"), bearer(key.token));
    QCOMPARE(result.status, 401);
    QCOMPARE(errorCode(result), QStringLiteral("revoked_api_key"));
}

void ApiKeysTest::revokeByAnotherConsoleOnPostgresTakesEffectOnTheNextRequest()
{
    // Two consoles on one PostgreSQL database: one serves the API, the other (its own
    // Database and store, as another process would have) revokes the key.
    QString error;
    const QString url = test::createPostgresDatabase(&error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));
    QTemporaryDir dir;
    EngineConfig config = test::engineConfig(dir);
    config.databaseSpec = url;
    {
        Engine server(config);
        QVERIFY2(server.start(&error), qPrintable(error));
        const auto created = server.apiKeys().create(QStringLiteral("shared"), ApiKeyScopes::all(),
                                                     {}, QStringLiteral("test"), &error);
        QVERIFY2(created, qPrintable(error));
        const QUrl document(server.status().httpUrl + QStringLiteral("/v1/openapi.json"));
        const QList<QPair<QByteArray, QByteArray>> auth = {
            {QByteArrayLiteral("Authorization"), bearer(created->token).toLatin1()}};
        QCOMPARE(test::httpRequest("GET", document, {}, auth).status, 200);

        {
            Database other(*DatabaseConfig::parse(url, {}, &error));
            QVERIFY2(other.open(&error), qPrintable(error));
            SystemClock clock;
            QVERIFY2(ApiKeyStore(other, clock)
                         .revoke(created->key.id, QStringLiteral("other console"), &error),
                     qPrintable(error));
            other.closeThreadConnection();
        }
        const auto result = test::httpRequest("GET", document, {}, auth);
        QCOMPARE(result.status, 401);
        QCOMPARE(errorCode(result), QStringLiteral("revoked_api_key"));
    }
    test::dropPostgresDatabase(url);
}

void ApiKeysTest::perKeyRateLimitAnswers429WithRetryAfter()
{
    // Both threads really serve the port (a miss is 2^-63 likely), so the burst below is spread
    // over them and still counted once.
    QSet<QString> serving;
    for (int i = 0; i < 64 && serving.size() < 2; ++i)
        serving.insert(
            call(QStringLiteral("/thread"), {}).json().value(QStringLiteral("name")).toString());
    QCOMPARE(serving, (QSet<QString>{QStringLiteral("botbat-test-http-1"),
                                     QStringLiteral("botbat-test-http-2")}));
    const auto key = create(QStringLiteral("busy"), ApiKeyScopes::all());
    for (int i = 0; i < 5; ++i) // the burst
        QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    const auto limited = call(QStringLiteral("/v1/ping"), bearer(key.token));
    QCOMPARE(limited.status, 429);
    QCOMPARE(errorCode(limited), QStringLiteral("rate_limited"));
    QCOMPARE(limited.header("Retry-After"), QByteArrayLiteral("1"));
    m_clock->advance(1000); // one token per second
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    // Another key has its own bucket.
    const auto other = create(QStringLiteral("other"), ApiKeyScopes::all());
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(other.token)).status, 200);
}

void ApiKeysTest::repeatedFailuresFromOneAddressAreThrottled()
{
    const auto good = create(QStringLiteral("good"), ApiKeyScopes::all());
    for (int i = 0; i < 4; ++i)
        QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(ApiKeyToken::generate())).status, 401);
    const auto blocked = call(QStringLiteral("/v1/ping"), bearer(ApiKeyToken::generate()));
    QCOMPARE(blocked.status, 429);
    QCOMPARE(errorCode(blocked), QStringLiteral("too_many_failed_attempts"));
    QCOMPARE(blocked.header("Retry-After"), QByteArrayLiteral("10")); // 6 per minute
    // Guessing stays blocked, even with a valid key, until the address has waited.
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(good.token)).status, 429);
    m_clock->advance(10 * 1000);
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(good.token)).status, 200);
}

void ApiKeysTest::auditLogRecordsLifecycleAndFailuresWithoutKeys()
{
    const auto key =
        create(QStringLiteral("audited"), ApiKeyScopes::all(), m_clock->now().addSecs(3600));
    QString error;
    const auto rotated =
        m_engine->apiKeys().rotate(key.key.id, 1000, QStringLiteral("test"), &error);
    QVERIFY(rotated);
    m_tokens.append(rotated->token);
    QVERIFY(m_engine->apiKeys().revoke(rotated->key.id, QStringLiteral("test"), &error));
    m_clock->advance(2000);
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 401); // expired now
    const QString wrong = ApiKeyToken::generate();
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(wrong)).status, 401);

    const QList<AuditEntry> entries = m_engine->apiKeys().audit(100);
    QStringList actions;
    for (const AuditEntry &entry : entries) {
        actions.append(entry.action);
        for (const QString &token : std::as_const(m_tokens) + QStringList{wrong})
            QVERIFY(!entry.detail.contains(token) && !entry.keyPrefix.contains(token));
    }
    for (const QString &action :
         {AuditEntry::KeyCreated, AuditEntry::KeyRotated, AuditEntry::KeyRevoked,
          AuditEntry::KeyExpired, AuditEntry::AuthFailed})
        QVERIFY2(actions.contains(action), qPrintable(action));
    const auto failure = std::find_if(entries.cbegin(), entries.cend(), [&](const AuditEntry &e) {
        return e.action == AuditEntry::AuthFailed && e.keyPrefix == ApiKeyToken::prefixOf(wrong);
    });
    QVERIFY(failure != entries.cend());
    QCOMPARE(failure->clientAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(failure->detail, QStringLiteral("invalid_api_key"));
}

void ApiKeysTest::fullKeysNeverReachTheDatabaseOrTheLog()
{
    const QString logPath = m_dir->filePath(QStringLiteral("logs/test.log"));
    LogSink::install(logPath);
    const auto key = create(QStringLiteral("leak check"), ApiKeyScopes::all());
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token)).status, 200);
    qWarning("A careless line mentioning %s", qPrintable(key.token)); // the sink must mask it
    QCOMPARE(call(QStringLiteral("/v1/ping"), bearer(key.token.left(40) + QStringLiteral("AAAA")))
                 .status,
             401);
    QString error;
    const auto rotated = m_engine->apiKeys().rotate(key.key.id, 0, QStringLiteral("test"), &error);
    QVERIFY(rotated);
    m_tokens.append(rotated->token);
    QTest::qWait(300); // let last-used flush
    m_http.clear();
    m_engine->stop(); // checkpoints nothing away: -wal files are scanned too
    LogSink::uninstall();

    int scanned = 0;
    QDirIterator files(m_dir->path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        ++scanned;
        for (const QString &token : std::as_const(m_tokens)) {
            QVERIFY2(!content.contains(token.toLatin1()), qPrintable(file.fileName()));
            // not even the secret part on its own
            QVERIFY2(!content.contains(token.mid(ApiKeyToken::kPrefixLength).toLatin1()),
                     qPrintable(file.fileName()));
        }
    }
    QVERIFY(scanned >= 2); // at least the database and the log
    QFile log(logPath);
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(log.readAll().contains("A careless line mentioning bbk_"));
}

QTEST_GUILESS_MAIN(ApiKeysTest)
#include "ApiKeysTest.moc"
