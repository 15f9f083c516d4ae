#include "webhooks/WebhookStore.h"

#include "TestCa.h"
#include "TestSupport.h"
#include "core/Clock.h"
#include "integrations/IntegrationRegistry.h"
#include "security/EncryptedFileSecretStore.h"
#include "security/UnavailableSecretStore.h"
#include "storage/Database.h"
#include "storage/WriteTransaction.h"
#include "webhooks/SamplePayloads.h"
#include "webhooks/WebhookRows.h"
#include "webhooks/WebhookSecret.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <memory>

using namespace botbat;

namespace {

const QString kSqlite = QStringLiteral("sqlite");
const QString kPostgres = QStringLiteral("postgres");

template<typename T> QByteArray describe(const DomainResult<T> &result)
{
    if (result.ok())
        return QByteArrayLiteral("the operation succeeded");
    QStringList lines{result.error().message()};
    for (const FieldError &field : result.error().fields())
        lines.append(field.field + QLatin1Char('/') + field.code);
    return lines.join(QStringLiteral(" | ")).toUtf8();
}

template<typename T> QString kindOf(const DomainResult<T> &result)
{
    return result.ok() ? QStringLiteral("succeeded") : DomainError::kindKey(result.error().kind());
}

template<typename T> QString fieldCode(const DomainResult<T> &result, const QString &field)
{
    if (result.ok())
        return QStringLiteral("succeeded");
    const std::optional<FieldError> error = result.error().field(field);
    return error ? error->code : QStringLiteral("no error for ") + field;
}

template<typename T> QString fieldMessage(const DomainResult<T> &result, const QString &field)
{
    if (result.ok())
        return QStringLiteral("succeeded");
    const std::optional<FieldError> error = result.error().field(field);
    return error ? error->message : QString();
}

WebhookEndpointInput input(const QString &url, const QStringList &events,
                           const QString &description = {})
{
    WebhookEndpointInput in;
    in.url = url;
    in.events = events;
    if (!description.isEmpty())
        in.description = description;
    return in;
}

// A valid pasted secret: whsec_ and base64 of bytes (not random: the test only needs the form).
QString pastedSecret(int bytes)
{
    return QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(bytes, '\x5a').toBase64());
}

// A secret store that is reachable but refuses to write, as a locked keyring does: the one
// failure the real stores cannot be made to show on demand.
class RefusingSecretStore final : public SecretStore
{
public:
    QString backendName() const override { return QStringLiteral("Refusing test store"); }
    bool write(const QString &, const QByteArray &, QString *error) override
    {
        *error = QStringLiteral("the keyring is locked");
        return false;
    }
    std::optional<QByteArray> read(const QString &, QString *) override { return std::nullopt; }
    bool remove(const QString &, QString *) override { return true; }
};

} // namespace

// The store on a real database (SQLite file, and the throwaway PostgreSQL under ctest), with
// the encrypted-file secret store and the Overview registry, on a manual clock. No dispatcher
// runs, so delivery rows stay as the store leaves them.
class WebhookStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    void secretsHaveTheStandardWebhooksForm();
    void inputFromJsonReportsWrongTypes();
    void everyValidationErrorIsReportedAtOnce();
    void plainHttpIsRefusedWithAnExplanation();
    void urlProblemsSayWhatToDo();
    void createStoresSecretOnlyInTheSecretStore();
    void createListsTheEndpointOnTheOverview();
    void aRefusedSecretLeavesNoEndpoint();
    void createReceivesOnlyLaterEvents();
    void pastedSecretIsTrimmedAndChecked();
    void updateChangesFieldsAndKeepsTheOverviewInStep();
    void disableAndEnable();
    void updateReplacesOrRemovesTheSecret();
    void rotationSignsWithBothSecretsDuringTheOverlap();
    void removeDeletesLogSecretsAndOverviewEntry();
    void testDeliveryHasTheEventShape();
    void samplePayloadsMirrorTheEntities();
    void resendAndRetryFailedSince();
    void deliveriesArePagedNewestFirstWithFilters();
    void attemptsKeepDetailsAndListLight();
    void trustedCertificates();
    void healthReachesTheOverviewAndNeverUndoesAnAdmin();
    void versionChangesWithEveryConfigurationChange();
    void jsonShapes();

private:
    bool isPostgres() const { return m_backend == kPostgres; }
    WebhookEndpoint createEndpoint(
        const QString &url = QStringLiteral("https://hooks.example.com/botbat"),
        WebhookEndpointInput::SecretAction secret = WebhookEndpointInput::SecretAction::Keep,
        QString *generated = nullptr);
    qint64 insertDelivery(qint64 endpointId, const QString &state, bool isTest,
                          const QString &eventType, qint64 eventId, qint64 updatedAtMs);
    std::optional<IntegrationSummary> overviewEntry(qint64 integrationId);
    QByteArray sqliteBytes() const;

    QString m_backend;
    QString m_postgresUrl;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<EncryptedFileSecretStore> m_secrets;
    std::unique_ptr<IntegrationRegistry> m_registry;
    std::unique_ptr<WebhookStore> m_store;
    qint64 m_nextEventId = 1000;
};

void WebhookStoreTest::initTestCase_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << kSqlite;
    QTest::newRow("postgres") << kPostgres;
}

void WebhookStoreTest::init()
{
    QFETCH_GLOBAL(QString, backend);
    m_backend = backend;
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QString spec = m_dir->filePath(QStringLiteral("botbat.db"));
    QString error;
    if (isPostgres()) {
        if (test::postgresUrl().isEmpty())
            QSKIP("BOTBAT_TEST_PG_URL is not set: run through ctest to test on PostgreSQL");
        m_postgresUrl = test::createPostgresDatabase(&error);
        QVERIFY2(!m_postgresUrl.isEmpty(), qPrintable(error));
        spec = m_postgresUrl;
    }
    const auto config = DatabaseConfig::parse(spec, {}, &error);
    QVERIFY2(config, qPrintable(error));
    m_database = std::make_unique<Database>(*config);
    QVERIFY2(m_database->open(&error), qPrintable(error));
    // Real time, to the millisecond: the trusted CA certificates are valid around now.
    m_clock = std::make_shared<ManualClock>(
        QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC));
    m_secrets = std::make_unique<EncryptedFileSecretStore>(
        m_dir->filePath(QStringLiteral("secrets.enc")), QByteArrayLiteral("test passphrase"),
        m_database->instanceId());
    QVERIFY2(m_secrets->isAvailable(), qPrintable(m_secrets->problem()));
    m_registry = std::make_unique<IntegrationRegistry>(*m_database, *m_clock);
    m_store = std::make_unique<WebhookStore>(*m_database, *m_secrets, *m_clock, m_registry.get());
}

void WebhookStoreTest::cleanup()
{
    m_store.reset();
    m_registry.reset();
    m_secrets.reset();
    m_database.reset(); // closes this thread's connection before the database is dropped
    if (!m_postgresUrl.isEmpty())
        test::dropPostgresDatabase(m_postgresUrl);
    m_postgresUrl.clear();
    m_dir.reset();
}

WebhookEndpoint WebhookStoreTest::createEndpoint(const QString &url,
                                                 WebhookEndpointInput::SecretAction secret,
                                                 QString *generated)
{
    WebhookEndpointInput in = input(url, {EventType::MessageReceived, EventType::ContactCreated});
    in.secretAction = secret;
    const auto created = m_store->create(in);
    if (!created.ok()) {
        qWarning("create failed: %s", describe(created).constData());
        return {};
    }
    if (generated)
        *generated = created->generatedSecret;
    return created->endpoint;
}

qint64 WebhookStoreTest::insertDelivery(qint64 endpointId, const QString &state, bool isTest,
                                        const QString &eventType, qint64 eventId,
                                        qint64 updatedAtMs)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral(
        "INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, state, "
        "is_test, attempts, next_attempt_at, claimed_by, claim_until, last_status, last_error, "
        "created_at, updated_at) VALUES (?, ?, ?, '{}', ?, ?, 6, NULL, 'engine-x', ?, 503, "
        "'HTTP 503', ?, ?) RETURNING id"));
    query.addBindValue(endpointId);
    query.addBindValue(eventId ? QVariant(eventId) : QVariant(QMetaType(QMetaType::LongLong)));
    query.addBindValue(eventType);
    query.addBindValue(state);
    query.addBindValue(isTest ? 1 : 0);
    query.addBindValue(updatedAtMs + 60000);
    query.addBindValue(updatedAtMs);
    query.addBindValue(updatedAtMs);
    if (!query.exec() || !query.next()) {
        qWarning("insert failed: %s", qPrintable(query.lastError().text()));
        return 0;
    }
    return query.value(0).toLongLong();
}

std::optional<IntegrationSummary> WebhookStoreTest::overviewEntry(qint64 integrationId)
{
    for (const IntegrationSummary &entry : m_registry->list())
        if (entry.id == integrationId)
            return entry;
    return std::nullopt;
}

QByteArray WebhookStoreTest::sqliteBytes() const
{
    QByteArray bytes;
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile file(m_dir->filePath(QStringLiteral("botbat.db") + suffix));
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

void WebhookStoreTest::secretsHaveTheStandardWebhooksForm()
{
    const QString secret = WebhookSecret::generate();
    QVERIFY(secret.startsWith(QLatin1String("whsec_")));
    QString error;
    const auto key = WebhookSecret::decode(secret, &error);
    QVERIFY2(key, qPrintable(error));
    QCOMPARE(key->size(), WebhookSecret::kGeneratedBytes);
    QVERIFY(WebhookSecret::generate() != secret);

    QVERIFY(WebhookSecret::decode(pastedSecret(24), &error));
    QVERIFY(!WebhookSecret::decode(pastedSecret(23), &error));
    QVERIFY2(error.contains(QLatin1String("only 23 bytes")), qPrintable(error));
    QVERIFY(!WebhookSecret::decode(QStringLiteral("sk_") + pastedSecret(32).mid(6), &error));
    QVERIFY2(error.contains(QLatin1String("does not start with whsec_")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("use Generate")));
    const QString notBase64 = QStringLiteral("whsec_this is not base64 at all!!!!!!!!!!!!");
    QVERIFY(!WebhookSecret::decode(notBase64, &error));
    QVERIFY2(error.contains(QLatin1String("not valid base64")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("this is not")), "the error must not quote the secret");
    QVERIFY(!WebhookSecret::decode(QStringLiteral("whsec_"), &error));
}

void WebhookStoreTest::inputFromJsonReportsWrongTypes()
{
    QStringList errors;
    auto in = WebhookEndpointInput::fromJson(
        QJsonObject{{QStringLiteral("url"), QStringLiteral("https://a.example/x")},
                    {QStringLiteral("description"), QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("events"), QJsonArray{QStringLiteral("message.read")}},
                    {QStringLiteral("enabled"), false},
                    {QStringLiteral("max_concurrency"), 4},
                    {QStringLiteral("rate_per_second"), 2.5},
                    {QStringLiteral("secret"), QStringLiteral("generate")}},
        &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(in.url.value_or(QString()), QStringLiteral("https://a.example/x"));
    QVERIFY(in.description && in.description->isEmpty());
    QCOMPARE(in.events.value_or(QStringList()), QStringList{QStringLiteral("message.read")});
    QVERIFY(in.enabled && !*in.enabled);
    QVERIFY(in.maxConcurrency && *in.maxConcurrency == 4);
    QVERIFY(in.ratePerSecond && *in.ratePerSecond == 2.5);
    QCOMPARE(in.secretAction, WebhookEndpointInput::SecretAction::Generate);

    in = WebhookEndpointInput::fromJson({{QStringLiteral("secret"), pastedSecret(32)}}, &errors);
    QCOMPARE(in.secretAction, WebhookEndpointInput::SecretAction::Set);
    QCOMPARE(in.secret, pastedSecret(32));
    QVERIFY(!in.url);
    in = WebhookEndpointInput::fromJson({{QStringLiteral("secret"), QJsonValue(QJsonValue::Null)}},
                                        &errors);
    QCOMPARE(in.secretAction, WebhookEndpointInput::SecretAction::Remove);
    in = WebhookEndpointInput::fromJson({}, &errors);
    QCOMPARE(in.secretAction, WebhookEndpointInput::SecretAction::Keep);
    QVERIFY(errors.isEmpty());

    WebhookEndpointInput::fromJson(
        QJsonObject{{QStringLiteral("url"), 5},
                    {QStringLiteral("description"), true},
                    {QStringLiteral("events"), QStringLiteral("message.read")},
                    {QStringLiteral("enabled"), QStringLiteral("yes")},
                    {QStringLiteral("max_concurrency"), 1.5},
                    {QStringLiteral("rate_per_second"), QStringLiteral("fast")},
                    {QStringLiteral("secret"), 42},
                    {QStringLiteral("event"), QJsonArray{}}},
        &errors);
    QCOMPARE(errors.size(), 8);
    for (const QString &field :
         {QStringLiteral("url"), QStringLiteral("description"), QStringLiteral("events"),
          QStringLiteral("enabled"), QStringLiteral("max_concurrency"),
          QStringLiteral("rate_per_second"), QStringLiteral("secret"), QStringLiteral("event")})
        QVERIFY2(std::any_of(errors.cbegin(), errors.cend(),
                             [&field](const QString &line) {
                                 return line.startsWith(field + QStringLiteral(": "));
                             }),
                 qPrintable(field));
    errors.clear();
    WebhookEndpointInput::fromJson(
        {{QStringLiteral("events"), QJsonArray{QStringLiteral("message.read"), 3}}}, &errors);
    QCOMPARE(errors.size(), 1);
}

void WebhookStoreTest::everyValidationErrorIsReportedAtOnce()
{
    WebhookEndpointInput in;
    in.url = QStringLiteral("http://hooks.example.com/botbat");
    in.description = QString(WebhookStore::kMaxDescriptionLength + 1, QLatin1Char('d'));
    in.events = QStringList{EventType::MessageReceived, QStringLiteral("message.sent")};
    in.maxConcurrency = 0;
    in.ratePerSecond = -1;
    in.secretAction = WebhookEndpointInput::SecretAction::Set;
    in.secret = QStringLiteral("hunter2");
    const auto created = m_store->create(in);
    QCOMPARE(kindOf(created), QStringLiteral("validation"));
    QCOMPARE(fieldCode(created, QStringLiteral("url")), QStringLiteral("insecure_scheme"));
    QCOMPARE(fieldCode(created, QStringLiteral("description")), QStringLiteral("too_long"));
    QCOMPARE(fieldCode(created, QStringLiteral("events")), QStringLiteral("invalid_event"));
    QVERIFY(fieldMessage(created, QStringLiteral("events"))
                .contains(QLatin1String("\"message.sent\"")));
    QCOMPARE(fieldCode(created, QStringLiteral("max_concurrency")), QStringLiteral("out_of_range"));
    QCOMPARE(fieldCode(created, QStringLiteral("rate_per_second")), QStringLiteral("out_of_range"));
    QCOMPARE(fieldCode(created, QStringLiteral("secret")), QStringLiteral("invalid_secret"));
    QCOMPARE(created.error().fields().size(), 6);
    QVERIFY2(!created.error().message().contains(QLatin1String("hunter2")),
             "a rejected secret must not be echoed");

    const auto empty = m_store->create(WebhookEndpointInput{});
    QCOMPARE(fieldCode(empty, QStringLiteral("url")), QStringLiteral("required"));
    QCOMPARE(fieldCode(empty, QStringLiteral("events")), QStringLiteral("required"));

    in = input(QStringLiteral("https://hooks.example.com/x"), {});
    in.maxConcurrency = WebhookEndpoint::kMaxMaxConcurrency + 1;
    in.ratePerSecond = WebhookStore::kMaxRatePerSecond + 1;
    const auto tooMuch = m_store->create(in);
    QCOMPARE(fieldCode(tooMuch, QStringLiteral("events")), QStringLiteral("required"));
    QCOMPARE(fieldCode(tooMuch, QStringLiteral("max_concurrency")), QStringLiteral("out_of_range"));
    QCOMPARE(fieldCode(tooMuch, QStringLiteral("rate_per_second")), QStringLiteral("out_of_range"));

    QCOMPARE(m_store->list()->size(), 0);
}

void WebhookStoreTest::plainHttpIsRefusedWithAnExplanation()
{
    const auto created = m_store->create(
        input(QStringLiteral("http://hooks.example.com:8080/in?a=1"), {EventType::MessageRead}));
    QCOMPARE(fieldCode(created, QStringLiteral("url")), QStringLiteral("insecure_scheme"));
    const QString message = fieldMessage(created, QStringLiteral("url"));
    QVERIFY2(message.contains(QLatin1String("clear text")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("https://hooks.example.com:8080/in?a=1")),
             qPrintable(message));
    QVERIFY(created.error().message().contains(message));

    const auto port80 = m_store->create(
        input(QStringLiteral("HTTP://hooks.example.com:80/in"), {EventType::MessageRead}));
    QVERIFY2(fieldMessage(port80, QStringLiteral("url"))
                 .contains(QLatin1String("https://hooks.example.com/in")),
             describe(port80).constData());
}

void WebhookStoreTest::urlProblemsSayWhatToDo()
{
    const QStringList events{EventType::MessageRead};
    auto result =
        m_store->create(input(QStringLiteral("https://bot:s3cret@hooks.example.com/x"), events));
    QCOMPARE(fieldCode(result, QStringLiteral("url")), QStringLiteral("credentials_in_url"));
    QVERIFY(fieldMessage(result, QStringLiteral("url")).contains(QLatin1String("signing secret")));
    QVERIFY2(!result.error().message().contains(QLatin1String("s3cret")),
             describe(result).constData());

    result = m_store->create(input(QStringLiteral("hooks.example.com/botbat"), events));
    QCOMPARE(fieldCode(result, QStringLiteral("url")), QStringLiteral("invalid_url"));
    QVERIFY2(fieldMessage(result, QStringLiteral("url"))
                 .contains(QLatin1String("https://hooks.example.com/botbat")),
             describe(result).constData());

    result = m_store->create(input(QStringLiteral("ftp://files.example.com/x"), events));
    QCOMPARE(fieldCode(result, QStringLiteral("url")), QStringLiteral("unsupported_scheme"));

    result = m_store->create(input(QStringLiteral("https:///botbat"), events));
    QCOMPARE(fieldCode(result, QStringLiteral("url")), QStringLiteral("invalid_url"));

    result = m_store->create(input(QStringLiteral("https://hooks.example.com/a b"), events));
    QCOMPARE(fieldCode(result, QStringLiteral("url")), QStringLiteral("invalid_url"));

    result = m_store->create(input(QStringLiteral("https://hooks.example.com/") +
                                       QString(WebhookStore::kMaxUrlLength, QLatin1Char('a')),
                                   events));
    QCOMPARE(fieldCode(result, QStringLiteral("url")), QStringLiteral("too_long"));

    // Surrounding spaces are a paste accident, not an error; events are de-duplicated and sorted.
    const auto created = m_store->create(
        input(QStringLiteral("  https://hooks.example.com/ok  "),
              {EventType::MessageRead, EventType::ContactCreated, EventType::MessageRead}));
    QVERIFY2(created.ok(), describe(created).constData());
    QCOMPARE(created->endpoint.url, QStringLiteral("https://hooks.example.com/ok"));
    QCOMPARE(created->endpoint.events,
             (QStringList{EventType::ContactCreated, EventType::MessageRead}));
}

void WebhookStoreTest::createStoresSecretOnlyInTheSecretStore()
{
    QSignalSpy changed(m_store.get(), &WebhookStore::endpointChanged);
    QString secret;
    const WebhookEndpoint endpoint =
        createEndpoint(QStringLiteral("https://hooks.example.com/botbat"),
                       WebhookEndpointInput::SecretAction::Generate, &secret);
    QVERIFY(endpoint.id > 0);
    QCOMPARE(changed.size(), 1);
    QVERIFY(endpoint.hasSecret);
    QVERIFY(secret.startsWith(QLatin1String("whsec_")));
    QString error;
    const auto key = WebhookSecret::decode(secret, &error);
    QVERIFY2(key, qPrintable(error));
    QVERIFY(key->size() >= WebhookSecret::kMinimumBytes);

    const auto stored = m_secrets->read(SecretStore::makeRef(QStringLiteral("webhook"),
                                                             QString::number(endpoint.id),
                                                             QStringLiteral("signing-secret")),
                                        &error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(QString::fromUtf8(*stored), secret);
    QCOMPARE(m_store->secret(endpoint.id).value(), secret);
    QCOMPARE(m_store->signingSecrets(endpoint, &error), QList<QString>{secret});

    // Nowhere in the database: not in any column, not in the WAL.
    QSqlQuery dump(m_database->connection());
    for (const QString &table : {QStringLiteral("webhook_endpoints"),
                                 QStringLiteral("integrations"), QStringLiteral("meta")}) {
        QVERIFY(dump.exec(QStringLiteral("SELECT * FROM ") + table));
        while (dump.next()) {
            for (int i = 0; i < dump.record().count(); ++i)
                QVERIFY2(!dump.value(i).toString().contains(secret.mid(6)), qPrintable(table));
        }
    }
    if (!isPostgres()) {
        const QByteArray bytes = sqliteBytes();
        QVERIFY(bytes.size() > 0);
        QVERIFY(!bytes.contains(secret.toUtf8()));
        QVERIFY(!bytes.contains(secret.mid(6).toUtf8()));
        QVERIFY(!bytes.contains(*key));
    }

    const auto plain = m_store->create(
        input(QStringLiteral("https://plain.example.com/"), {EventType::MessageRead}));
    QVERIFY2(plain.ok(), describe(plain).constData());
    QVERIFY(!plain->endpoint.hasSecret);
    QVERIFY(plain->generatedSecret.isEmpty());
    QCOMPARE(m_store->secret(plain->endpoint.id).value(), QString());
    QVERIFY(m_store->signingSecrets(plain->endpoint, &error).isEmpty());
}

void WebhookStoreTest::createListsTheEndpointOnTheOverview()
{
    const auto described =
        m_store->create(input(QStringLiteral("https://hooks.example.com/crm"),
                              {EventType::ContactCreated, EventType::ContactUpdated},
                              QStringLiteral("Warehouse loader")));
    QVERIFY2(described.ok(), describe(described).constData());
    const WebhookEndpoint endpoint = described->endpoint;
    QVERIFY(endpoint.integrationId > 0);
    const auto entry = overviewEntry(endpoint.integrationId);
    QVERIFY(entry);
    QCOMPARE(entry->category, IntegrationSummary::Category::WebhookOut);
    QCOMPARE(entry->kind, QStringLiteral("https"));
    QCOMPARE(entry->name, QStringLiteral("Warehouse loader"));
    QVERIFY2(entry->detail.contains(QLatin1String("https://hooks.example.com/crm")),
             qPrintable(entry->detail));
    QVERIFY2(entry->detail.contains(QLatin1String("2 events")), qPrintable(entry->detail));
    QCOMPARE(entry->status, IntegrationSummary::Status::Connected);

    const WebhookEndpoint anonymous = createEndpoint(QStringLiteral("https://anon.example.org/in"));
    const auto anonymousEntry = overviewEntry(anonymous.integrationId);
    QVERIFY(anonymousEntry);
    QCOMPARE(anonymousEntry->name, QStringLiteral("anon.example.org"));

    WebhookEndpointInput disabled =
        input(QStringLiteral("https://off.example.org/in"), {EventType::MessageRead});
    disabled.enabled = false;
    const auto off = m_store->create(disabled);
    QVERIFY2(off.ok(), describe(off).constData());
    QCOMPARE(off->endpoint.health(), WebhookEndpoint::Health::Inactive);
    QVERIFY(off->endpoint.disabledAt.isValid());
    QCOMPARE(overviewEntry(off->endpoint.integrationId)->status,
             IntegrationSummary::Status::Inactive);
    QCOMPARE(m_store->list()->size(), 3);
}

void WebhookStoreTest::aRefusedSecretLeavesNoEndpoint()
{
    WebhookEndpointInput in =
        input(QStringLiteral("https://hooks.example.com/"), {EventType::MessageRead});
    in.secretAction = WebhookEndpointInput::SecretAction::Generate;

    RefusingSecretStore refusing;
    WebhookStore store(*m_database, refusing, *m_clock, m_registry.get());
    const auto refused = store.create(in);
    QCOMPARE(kindOf(refused), QStringLiteral("storage"));
    QVERIFY2(refused.error().message().contains(QLatin1String("the keyring is locked")),
             describe(refused).constData());
    QVERIFY(refused.error().message().contains(QLatin1String("not created")));
    QCOMPARE(store.list()->size(), 0);
    QVERIFY(m_registry->list().isEmpty());

    UnavailableSecretStore unavailable(QStringLiteral("No keyring; pass --secrets-file."));
    WebhookStore without(*m_database, unavailable, *m_clock, m_registry.get());
    const auto noStore = without.create(in);
    QCOMPARE(kindOf(noStore), QStringLiteral("storage"));
    QVERIFY2(noStore.error().message().contains(QLatin1String("--secrets-file")),
             describe(noStore).constData());
    QCOMPARE(without.list()->size(), 0);
    // Without a secret the store is not needed.
    in.secretAction = WebhookEndpointInput::SecretAction::Keep;
    QVERIFY(without.create(in).ok());
}

void WebhookStoreTest::createReceivesOnlyLaterEvents()
{
    QString error;
    {
        WriteTransaction tx(*m_database, nullptr, *m_clock);
        QVERIFY2(tx.begin(&error), qPrintable(error));
        QVERIFY2(tx.recordEvent(EventType::ContactCreated, {}, &error), qPrintable(error));
        const auto last = tx.recordEvent(EventType::ContactCreated, {}, &error);
        QVERIFY2(last, qPrintable(error));
        QVERIFY2(tx.commit(&error), qPrintable(error));
        const WebhookEndpoint endpoint = createEndpoint();
        QCOMPARE(endpoint.startsAfterEventId, last->id);
        QCOMPARE(m_store->get(endpoint.id)->startsAfterEventId, last->id);
    }
}

void WebhookStoreTest::pastedSecretIsTrimmedAndChecked()
{
    WebhookEndpointInput in =
        input(QStringLiteral("https://hooks.example.com/"), {EventType::MessageRead});
    in.secretAction = WebhookEndpointInput::SecretAction::Set;
    in.secret = QStringLiteral(" ") + pastedSecret(24) + QStringLiteral("\n");
    const auto created = m_store->create(in);
    QVERIFY2(created.ok(), describe(created).constData());
    QVERIFY(created->generatedSecret.isEmpty()); // the admin has it already
    QCOMPARE(m_store->secret(created->endpoint.id).value(), pastedSecret(24));

    in.secret = pastedSecret(16);
    const auto weak = m_store->create(in);
    QCOMPARE(fieldCode(weak, QStringLiteral("secret")), QStringLiteral("invalid_secret"));
    QVERIFY(fieldMessage(weak, QStringLiteral("secret")).contains(QLatin1String("Generate")));
    QVERIFY(!weak.error().message().contains(pastedSecret(16).mid(6)));
}

void WebhookStoreTest::updateChangesFieldsAndKeepsTheOverviewInStep()
{
    const WebhookEndpoint endpoint = createEndpoint();
    QSignalSpy changed(m_store.get(), &WebhookStore::endpointChanged);
    m_clock->advance(1000);

    WebhookEndpointInput in;
    in.description = QStringLiteral("  Analytics  ");
    in.events = QStringList{EventType::CampaignCompleted};
    in.maxConcurrency = 2;
    in.ratePerSecond = 5.5;
    const auto updated = m_store->update(endpoint.id, in);
    QVERIFY2(updated.ok(), describe(updated).constData());
    QCOMPARE(changed.size(), 1);
    const WebhookEndpoint after = updated->endpoint;
    QCOMPARE(after.url, endpoint.url);
    QCOMPARE(after.description, QStringLiteral("Analytics"));
    QCOMPARE(after.events, QStringList{EventType::CampaignCompleted});
    QCOMPARE(after.maxConcurrency, 2);
    QCOMPARE(after.ratePerSecond, 5.5);
    QCOMPARE(after.createdAt, endpoint.createdAt);
    QCOMPARE(after.updatedAt, m_clock->now());
    QCOMPARE(after.startsAfterEventId, endpoint.startsAfterEventId);
    const auto entry = overviewEntry(after.integrationId);
    QVERIFY(entry);
    QCOMPARE(entry->name, QStringLiteral("Analytics"));
    QVERIFY2(entry->detail.contains(QLatin1String("1 event")), qPrintable(entry->detail));
    // One Overview entry per endpoint, also after edits.
    int webhookEntries = 0;
    for (const IntegrationSummary &summary : m_registry->list())
        webhookEntries += summary.category == IntegrationSummary::Category::WebhookOut ? 1 : 0;
    QCOMPARE(webhookEntries, 1);

    WebhookEndpointInput bad;
    bad.url = QStringLiteral("http://hooks.example.com/botbat");
    bad.events = QStringList{};
    const auto refused = m_store->update(endpoint.id, bad);
    QCOMPARE(fieldCode(refused, QStringLiteral("url")), QStringLiteral("insecure_scheme"));
    QCOMPARE(fieldCode(refused, QStringLiteral("events")), QStringLiteral("required"));
    QCOMPARE(m_store->get(endpoint.id)->url, endpoint.url);

    QCOMPARE(kindOf(m_store->update(9999, in)), QStringLiteral("not_found"));
    QCOMPARE(kindOf(m_store->get(9999)), QStringLiteral("not_found"));
}

void WebhookStoreTest::disableAndEnable()
{
    WebhookEndpoint endpoint = createEndpoint();
    QCOMPARE(endpoint.health(), WebhookEndpoint::Health::Waiting);

    // A failure streak, as the dispatcher records it.
    endpoint.lastAttemptAt = m_clock->now();
    endpoint.lastStatus = 500;
    endpoint.lastErrorClass = QStringLiteral("http");
    endpoint.lastError = QStringLiteral("The endpoint answered HTTP 500.");
    endpoint.failingSince = m_clock->now();
    QString error;
    QVERIFY2(m_store->storeHealth(endpoint, &error), qPrintable(error));
    QCOMPARE(m_store->get(endpoint.id)->health(), WebhookEndpoint::Health::Error);

    m_clock->advance(1000);
    auto disabled = m_store->setEnabled(endpoint.id, false, QString());
    QVERIFY2(disabled.ok(), describe(disabled).constData());
    QVERIFY(!disabled->enabled);
    QCOMPARE(disabled->health(), WebhookEndpoint::Health::Inactive);
    QCOMPARE(disabled->disabledReason, QStringLiteral("Disabled by an administrator."));
    QCOMPARE(disabled->disabledAt, m_clock->now());
    auto entry = overviewEntry(disabled->integrationId);
    QCOMPARE(entry->status, IntegrationSummary::Status::Inactive);
    QCOMPARE(entry->lastError, QStringLiteral("Disabled by an administrator."));

    // Disabling again keeps the first reason and time.
    m_clock->advance(1000);
    disabled = m_store->setEnabled(endpoint.id, false, QStringLiteral("Other reason"));
    QCOMPARE(disabled->disabledReason, QStringLiteral("Disabled by an administrator."));

    auto enabled = m_store->setEnabled(endpoint.id, true, QString());
    QVERIFY2(enabled.ok(), describe(enabled).constData());
    QVERIFY(enabled->enabled);
    QVERIFY(enabled->disabledReason.isEmpty());
    QVERIFY(!enabled->disabledAt.isValid());
    QVERIFY(!enabled->failingSince.isValid());
    QVERIFY(enabled->lastError.isEmpty());
    QCOMPARE(enabled->health(), WebhookEndpoint::Health::Waiting);
    entry = overviewEntry(enabled->integrationId);
    QCOMPARE(entry->status, IntegrationSummary::Status::Connected);
    QVERIFY(entry->lastError.isEmpty());
    QVERIFY2(!entry->lastSuccessAt.isValid(), "enabling must not invent a success");

    WebhookEndpointInput off;
    off.enabled = false;
    const auto viaUpdate = m_store->update(endpoint.id, off);
    QVERIFY2(viaUpdate.ok(), describe(viaUpdate).constData());
    QCOMPARE(viaUpdate->endpoint.health(), WebhookEndpoint::Health::Inactive);
    QVERIFY(viaUpdate->endpoint.disabledAt.isValid());

    const auto custom =
        m_store->setEnabled(createEndpoint(QStringLiteral("https://b.example.com/")).id, false,
                            QStringLiteral("Receiver under maintenance until Monday."));
    QCOMPARE(custom->disabledReason, QStringLiteral("Receiver under maintenance until Monday."));
    QCOMPARE(kindOf(m_store->setEnabled(9999, true, {})), QStringLiteral("not_found"));
}

void WebhookStoreTest::updateReplacesOrRemovesTheSecret()
{
    QString first;
    const WebhookEndpoint endpoint =
        createEndpoint(QStringLiteral("https://hooks.example.com/"),
                       WebhookEndpointInput::SecretAction::Generate, &first);
    WebhookEndpointInput generate;
    generate.secretAction = WebhookEndpointInput::SecretAction::Generate;
    const auto replaced = m_store->update(endpoint.id, generate);
    QVERIFY2(replaced.ok(), describe(replaced).constData());
    QVERIFY(replaced->generatedSecret.startsWith(QLatin1String("whsec_")));
    QVERIFY(replaced->generatedSecret != first);
    QVERIFY(!replaced->endpoint.inRotationOverlapAt(m_clock->now()));
    QString error;
    QCOMPARE(m_store->signingSecrets(replaced->endpoint, &error),
             QList<QString>{replaced->generatedSecret});

    WebhookEndpointInput set;
    set.secretAction = WebhookEndpointInput::SecretAction::Set;
    set.secret = pastedSecret(40);
    const auto pasted = m_store->update(endpoint.id, set);
    QVERIFY2(pasted.ok(), describe(pasted).constData());
    QVERIFY(pasted->generatedSecret.isEmpty());
    QCOMPARE(m_store->secret(endpoint.id).value(), pastedSecret(40));

    WebhookEndpointInput remove;
    remove.secretAction = WebhookEndpointInput::SecretAction::Remove;
    const auto removed = m_store->update(endpoint.id, remove);
    QVERIFY2(removed.ok(), describe(removed).constData());
    QVERIFY(!removed->endpoint.hasSecret);
    QCOMPARE(m_store->secret(endpoint.id).value(), QString());
    const auto gone = m_secrets->read(SecretStore::makeRef(QStringLiteral("webhook"),
                                                           QString::number(endpoint.id),
                                                           QStringLiteral("signing-secret")),
                                      &error);
    QVERIFY(!gone);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void WebhookStoreTest::rotationSignsWithBothSecretsDuringTheOverlap()
{
    QString old;
    const WebhookEndpoint endpoint =
        createEndpoint(QStringLiteral("https://hooks.example.com/"),
                       WebhookEndpointInput::SecretAction::Generate, &old);
    const qint64 overlap = 60 * 60 * 1000;
    const auto rotated = m_store->rotateSecret(endpoint.id, overlap);
    QVERIFY2(rotated.ok(), describe(rotated).constData());
    const QString fresh = rotated->generatedSecret;
    QVERIFY(fresh.startsWith(QLatin1String("whsec_")));
    QVERIFY(fresh != old);
    QCOMPARE(rotated->endpoint.secretRotatedAt, m_clock->now());
    QCOMPARE(rotated->endpoint.previousSecretUntil, m_clock->now().addMSecs(overlap));
    QCOMPARE(m_store->secret(endpoint.id).value(), fresh);

    QString error;
    QCOMPARE(m_store->signingSecrets(rotated->endpoint, &error), (QList<QString>{fresh, old}));
    m_clock->advance(overlap - 1);
    QCOMPARE(m_store->signingSecrets(m_store->get(endpoint.id).value(), &error).size(), 2);
    m_clock->advance(1);
    QCOMPARE(m_store->signingSecrets(m_store->get(endpoint.id).value(), &error),
             QList<QString>{fresh});
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const WebhookEndpoint plain = createEndpoint(QStringLiteral("https://plain.example.com/"));
    const auto refused = m_store->rotateSecret(plain.id);
    QCOMPARE(kindOf(refused), QStringLiteral("invalid_state"));
    QVERIFY2(refused.error().message().contains(QLatin1String("generate")),
             describe(refused).constData());
    QCOMPARE(kindOf(m_store->rotateSecret(endpoint.id, -1)), QStringLiteral("validation"));
    QCOMPARE(kindOf(m_store->rotateSecret(9999)), QStringLiteral("not_found"));

    // No overlap: the old secret stops at once.
    const auto immediate = m_store->rotateSecret(endpoint.id, 0);
    QVERIFY2(immediate.ok(), describe(immediate).constData());
    QCOMPARE(m_store->signingSecrets(immediate->endpoint, &error),
             QList<QString>{immediate->generatedSecret});
}

void WebhookStoreTest::removeDeletesLogSecretsAndOverviewEntry()
{
    const WebhookEndpoint endpoint = createEndpoint(QStringLiteral("https://hooks.example.com/"),
                                                    WebhookEndpointInput::SecretAction::Generate);
    const WebhookEndpoint other = createEndpoint(QStringLiteral("https://other.example.com/"));
    QVERIFY(m_store->rotateSecret(endpoint.id).ok());
    const auto test = m_store->createTest(endpoint.id, EventType::MessageRead);
    QVERIFY2(test.ok(), describe(test).constData());
    WebhookAttempt attempt;
    attempt.deliveryId = test->id;
    attempt.endpointId = endpoint.id;
    attempt.eventType = EventType::MessageRead;
    attempt.startedAt = m_clock->now();
    attempt.requestUrl = endpoint.url;
    QSqlQuery insert(m_database->connection());
    insert.prepare(WebhookRows::attemptInsertSql());
    for (const QVariant &value : WebhookRows::attemptValues(attempt))
        insert.addBindValue(value);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    const qint64 otherDelivery = m_store->createTest(other.id, EventType::MessageRead)->id;

    QSignalSpy removedSpy(m_store.get(), &WebhookStore::endpointRemoved);
    const auto removed = m_store->remove(endpoint.id);
    QVERIFY2(removed.ok(), describe(removed).constData());
    QCOMPARE(removedSpy.size(), 1);
    QCOMPARE(removedSpy.first().first().toLongLong(), endpoint.id);
    QCOMPARE(kindOf(m_store->get(endpoint.id)), QStringLiteral("not_found"));
    QCOMPARE(kindOf(m_store->delivery(test->id)), QStringLiteral("not_found"));
    QSqlQuery count(m_database->connection());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM webhook_attempts")) && count.next());
    QCOMPARE(count.value(0).toInt(), 0);
    QVERIFY(m_store->delivery(otherDelivery).ok());

    QString error;
    for (const QString &name :
         {QStringLiteral("signing-secret"), QStringLiteral("previous-signing-secret")}) {
        const auto secret = m_secrets->read(
            SecretStore::makeRef(QStringLiteral("webhook"), QString::number(endpoint.id), name),
            &error);
        QVERIFY2(!secret, qPrintable(name));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    QVERIFY(!overviewEntry(endpoint.integrationId));
    QVERIFY(overviewEntry(other.integrationId));
    QCOMPARE(kindOf(m_store->remove(endpoint.id)), QStringLiteral("not_found"));
}

void WebhookStoreTest::testDeliveryHasTheEventShape()
{
    const WebhookEndpoint endpoint = createEndpoint();
    QVERIFY(m_store->setEnabled(endpoint.id, false, {}).ok());
    QSignalSpy queued(m_store.get(), &WebhookStore::deliveriesQueued);
    const auto test = m_store->createTest(endpoint.id, EventType::ConversationClosed);
    QVERIFY2(test.ok(), describe(test).constData());
    QCOMPARE(queued.size(), 1);
    QVERIFY(test->isTest);
    QCOMPARE(test->eventId, qint64(0));
    QCOMPARE(test->endpointId, endpoint.id);
    QCOMPARE(test->eventType, EventType::ConversationClosed);
    QCOMPARE(test->state, WebhookDelivery::State::Pending);
    QCOMPARE(test->attempts, 0);
    QCOMPARE(test->nextAttemptAt, m_clock->now());
    QCOMPARE(test->messageId(), QByteArrayLiteral("test_") + QByteArray::number(test->id));

    const QByteArray expectedStart = "{\"id\":\"test_" + QByteArray::number(test->id) +
                                     "\",\"type\":\"conversation.closed\",\"timestamp\":\"";
    QVERIFY2(test->payload.startsWith(expectedStart), test->payload.constData());
    QJsonParseError parseError;
    const QJsonObject body = QJsonDocument::fromJson(test->payload, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(body.size(), 4);
    QCOMPARE(body.value(QStringLiteral("id")).toString(), QStringLiteral("test_%1").arg(test->id));
    QCOMPARE(body.value(QStringLiteral("type")).toString(), EventType::ConversationClosed);
    QCOMPARE(body.value(QStringLiteral("timestamp")).toString(),
             m_clock->now().toString(Qt::ISODateWithMs));
    QCOMPARE(body.value(QStringLiteral("data")).toObject(),
             SamplePayloads::data(EventType::ConversationClosed));
    QVERIFY(!test->payload.contains('\n'));

    const QJsonObject json = test->toJson(true);
    QVERIFY(json.value(QStringLiteral("event_id")).isNull());
    QCOMPARE(json.value(QStringLiteral("is_test")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("payload")).toObject(), body);
    QVERIFY(!test->toJson().contains(QStringLiteral("payload")));

    const auto wrongType = m_store->createTest(endpoint.id, QStringLiteral("message.sent"));
    QCOMPARE(fieldCode(wrongType, QStringLiteral("event_type")), QStringLiteral("invalid_event"));
    QCOMPARE(kindOf(m_store->createTest(9999, EventType::MessageRead)),
             QStringLiteral("not_found"));
    QCOMPARE(queued.size(), 1);
}

void WebhookStoreTest::samplePayloadsMirrorTheEntities()
{
    const QHash<QString, QStringList> keys{
        {QStringLiteral("contact"),
         {QStringLiteral("attributes"), QStringLiteral("company"), QStringLiteral("created_at"),
          QStringLiteral("email"), QStringLiteral("id"), QStringLiteral("name"),
          QStringLiteral("phone"), QStringLiteral("updated_at")}},
        {QStringLiteral("conversation"),
         {QStringLiteral("channel"), QStringLiteral("closed_at"), QStringLiteral("contact_id"),
          QStringLiteral("created_at"), QStringLiteral("id"), QStringLiteral("status"),
          QStringLiteral("subject"), QStringLiteral("updated_at")}},
        {QStringLiteral("message"),
         {QStringLiteral("body"), QStringLiteral("conversation_id"), QStringLiteral("created_at"),
          QStringLiteral("delivered_at"), QStringLiteral("direction"), QStringLiteral("id"),
          QStringLiteral("read_at"), QStringLiteral("status"), QStringLiteral("updated_at")}},
        {QStringLiteral("campaign"),
         {QStringLiteral("completed_at"), QStringLiteral("created_at"), QStringLiteral("id"),
          QStringLiteral("message"), QStringLiteral("name"), QStringLiteral("recipients"),
          QStringLiteral("scheduled_at"), QStringLiteral("status"), QStringLiteral("updated_at")}}};
    for (const QString &type : EventType::all()) {
        const QJsonObject data = SamplePayloads::data(type);
        const QString entity = type.section(QLatin1Char('.'), 0, 0);
        QCOMPARE(data.keys(), keys.value(entity));
    }
    QCOMPARE(SamplePayloads::data(EventType::MessageReceived).value(QStringLiteral("status")),
             QJsonValue(QStringLiteral("received")));
    QCOMPARE(SamplePayloads::data(EventType::MessageRead).value(QStringLiteral("status")),
             QJsonValue(QStringLiteral("read")));
    QCOMPARE(SamplePayloads::data(EventType::ConversationClosed).value(QStringLiteral("status")),
             QJsonValue(QStringLiteral("closed")));
    QVERIFY(SamplePayloads::data(QStringLiteral("nope")).isEmpty());
}

void WebhookStoreTest::resendAndRetryFailedSince()
{
    const WebhookEndpoint endpoint = createEndpoint();
    const WebhookEndpoint other = createEndpoint(QStringLiteral("https://other.example.com/"));
    const qint64 now = m_clock->nowMs();
    const qint64 hour = 60 * 60 * 1000;
    const qint64 oldFailure = insertDelivery(endpoint.id, QStringLiteral("failed"), false,
                                             EventType::MessageRead, 1, now - 3 * hour);
    const qint64 recentFailure = insertDelivery(endpoint.id, QStringLiteral("failed"), false,
                                                EventType::MessageRead, 2, now - hour);
    const qint64 failedTest = insertDelivery(endpoint.id, QStringLiteral("failed"), true,
                                             EventType::MessageRead, 0, now - hour);
    const qint64 succeeded = insertDelivery(endpoint.id, QStringLiteral("succeeded"), false,
                                            EventType::MessageRead, 3, now - hour);
    const qint64 otherFailure = insertDelivery(other.id, QStringLiteral("failed"), false,
                                               EventType::MessageRead, 4, now - hour);
    QVERIFY(oldFailure && recentFailure && failedTest && succeeded && otherFailure);

    m_clock->advance(5000);
    QSignalSpy queued(m_store.get(), &WebhookStore::deliveriesQueued);
    const auto retried = m_store->retryFailedSince(
        endpoint.id, QDateTime::fromMSecsSinceEpoch(now - 2 * hour, Qt::UTC));
    QVERIFY2(retried.ok(), describe(retried).constData());
    QCOMPARE(retried.value(), 1);
    QCOMPARE(queued.size(), 1);
    const auto requeued = m_store->delivery(recentFailure);
    QCOMPARE(requeued->state, WebhookDelivery::State::Retrying);
    QCOMPARE(requeued->nextAttemptAt, m_clock->now());
    QCOMPARE(requeued->attempts, 6); // the count goes on
    QCOMPARE(m_store->delivery(oldFailure)->state, WebhookDelivery::State::Failed);
    QCOMPARE(m_store->delivery(failedTest)->state, WebhookDelivery::State::Failed);
    QCOMPARE(m_store->delivery(otherFailure)->state, WebhookDelivery::State::Failed);
    QSqlQuery claims(m_database->connection());
    claims.prepare(
        QStringLiteral("SELECT claimed_by, claim_until FROM webhook_deliveries WHERE id = ?"));
    claims.addBindValue(recentFailure);
    QVERIFY(claims.exec() && claims.next());
    QVERIFY(claims.value(0).isNull() && claims.value(1).isNull());

    QCOMPARE(m_store->retryFailedSince(endpoint.id, m_clock->now()).value(), 0);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(kindOf(m_store->retryFailedSince(9999, m_clock->now())), QStringLiteral("not_found"));
    QCOMPARE(kindOf(m_store->retryFailedSince(endpoint.id, QDateTime())),
             QStringLiteral("validation"));

    m_clock->advance(1000);
    const auto resent = m_store->resend(succeeded);
    QVERIFY2(resent.ok(), describe(resent).constData());
    QCOMPARE(resent->state, WebhookDelivery::State::Retrying);
    QCOMPARE(resent->nextAttemptAt, m_clock->now());
    QCOMPARE(resent->updatedAt, m_clock->now());
    QCOMPARE(queued.size(), 2);
    const auto resentTest = m_store->resend(failedTest);
    QVERIFY2(resentTest.ok(), describe(resentTest).constData());
    QVERIFY(resentTest->isTest);
    QCOMPARE(kindOf(m_store->resend(99999)), QStringLiteral("not_found"));
    QCOMPARE(queued.size(), 3);
}

void WebhookStoreTest::deliveriesArePagedNewestFirstWithFilters()
{
    const WebhookEndpoint endpoint = createEndpoint();
    const WebhookEndpoint other = createEndpoint(QStringLiteral("https://other.example.com/"));
    const qint64 now = m_clock->nowMs();
    QList<qint64> mine;
    for (int i = 0; i < 7; ++i)
        mine.append(insertDelivery(
            endpoint.id, i % 2 ? QStringLiteral("failed") : QStringLiteral("succeeded"), false,
            i < 3 ? EventType::MessageRead : EventType::ContactCreated, i + 1, now + i * 1000));
    const qint64 test = m_store->createTest(endpoint.id, EventType::MessageRead)->id;
    insertDelivery(other.id, QStringLiteral("failed"), false, EventType::MessageRead, 99, now);

    WebhookStore::DeliveryFilter filter;
    filter.endpointId = endpoint.id;
    filter.limit = 3;
    auto page = m_store->deliveries(filter);
    QVERIFY2(page.ok(), describe(page).constData());
    QCOMPARE(page->items.size(), 3);
    QCOMPARE(page->items.at(0).id, test);
    QCOMPARE(page->items.at(1).id, mine.at(6));
    QCOMPARE(page->items.at(2).id, mine.at(5));
    QVERIFY(page->nextCursor);
    QCOMPARE(*page->nextCursor, mine.at(5));

    QList<qint64> seen;
    filter.beforeId = 0;
    for (int guard = 0; guard < 10; ++guard) {
        page = m_store->deliveries(filter);
        QVERIFY2(page.ok(), describe(page).constData());
        for (const WebhookDelivery &delivery : page->items)
            seen.append(delivery.id);
        if (!page->nextCursor)
            break;
        filter.beforeId = *page->nextCursor;
    }
    QList<qint64> expected = mine;
    expected.append(test);
    std::sort(expected.begin(), expected.end(), std::greater<qint64>());
    QCOMPARE(seen, expected);

    filter = {};
    filter.endpointId = endpoint.id;
    filter.state = WebhookDelivery::State::Failed;
    QCOMPARE(m_store->deliveries(filter)->items.size(), 3);
    filter.state.reset();
    filter.isTest = true;
    QCOMPARE(m_store->deliveries(filter)->items.size(), 1);
    filter.isTest = false;
    filter.eventType = EventType::MessageRead;
    QCOMPARE(m_store->deliveries(filter)->items.size(), 3);
    filter.eventType.clear();
    filter.since = QDateTime::fromMSecsSinceEpoch(now + 5000, Qt::UTC);
    QCOMPARE(m_store->deliveries(filter)->items.size(), 2);
    filter = {};
    QCOMPARE(m_store->deliveries(filter)->items.size(), 9);
    QVERIFY(!m_store->deliveries(filter)->nextCursor);
    filter.limit = 0;
    QCOMPARE(fieldCode(m_store->deliveries(filter), QStringLiteral("limit")),
             QStringLiteral("out_of_range"));
    filter.limit = 501;
    QCOMPARE(kindOf(m_store->deliveries(filter)), QStringLiteral("validation"));
}

void WebhookStoreTest::attemptsKeepDetailsAndListLight()
{
    const WebhookEndpoint endpoint = createEndpoint();
    const auto test = m_store->createTest(endpoint.id, EventType::MessageReceived);
    QVERIFY(test.ok());
    QSqlQuery insert(m_database->connection());
    QList<qint64> ids;
    for (int i = 1; i <= 3; ++i) {
        WebhookAttempt attempt;
        attempt.deliveryId = test->id;
        attempt.endpointId = endpoint.id;
        attempt.eventType = test->eventType;
        attempt.attempt = i;
        attempt.isTest = true;
        attempt.startedAt = m_clock->now().addMSecs(i);
        attempt.durationMs = 40 + i;
        attempt.httpStatus = i == 3 ? 200 : 503;
        attempt.succeeded = i == 3;
        attempt.errorClass =
            i == 3 ? WebhookAttempt::ErrorClass::None : WebhookAttempt::ErrorClass::Http;
        attempt.errorMessage =
            i == 3 ? QString() : QStringLiteral("The endpoint answered HTTP 503.");
        attempt.nextRetryAt = i == 3 ? QDateTime() : m_clock->now().addSecs(10);
        attempt.requestUrl = endpoint.url;
        attempt.requestHeaders = {{"Content-Type", "application/json"},
                                  {"X-BotBat-Event", "message.received"}};
        attempt.responseHeaders = {{"Server", "test\xe9"}};
        attempt.responseBody = QByteArray("{\"ok\":false}\xff", 13);
        attempt.responseTruncated = i == 2;
        insert.prepare(WebhookRows::attemptInsertSql() + QStringLiteral(" RETURNING id"));
        for (const QVariant &value : WebhookRows::attemptValues(attempt))
            insert.addBindValue(value);
        QVERIFY2(insert.exec() && insert.next(), qPrintable(insert.lastError().text()));
        ids.append(insert.value(0).toLongLong());
        insert.finish();
    }

    const auto all = m_store->attempts(test->id);
    QVERIFY2(all.ok(), describe(all).constData());
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).id, ids.at(0));
    const WebhookAttempt &first = all->at(0);
    QCOMPARE(first.attempt, 1);
    QCOMPARE(first.errorClass, WebhookAttempt::ErrorClass::Http);
    QCOMPARE(first.nextRetryAt, m_clock->now().addSecs(10));
    QCOMPARE(first.requestHeaders.size(), 2);
    QCOMPARE(first.requestHeaders.at(1).second, QByteArrayLiteral("message.received"));
    QCOMPARE(first.responseHeaders.at(0).second, QByteArray("test\xe9"));
    QCOMPARE(first.responseBody, QByteArray("{\"ok\":false}\xff", 13));
    QVERIFY(all->at(1).responseTruncated);
    QVERIFY(!all->at(2).nextRetryAt.isValid());

    const auto one = m_store->attempt(ids.at(2));
    QVERIFY2(one.ok(), describe(one).constData());
    QVERIFY(one->succeeded);
    const QJsonObject json = one->toJson(true);
    QCOMPARE(json.value(QStringLiteral("request_headers")).toArray().at(0).toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("Content-Type")},
                          {QStringLiteral("value"), QStringLiteral("application/json")}}));
    QVERIFY(json.value(QStringLiteral("response_body"))
                .toString()
                .startsWith(QLatin1String("{\"ok\"")));
    QCOMPARE(json.value(QStringLiteral("error_class")).toString(), QString());
    QVERIFY(json.value(QStringLiteral("next_retry_at")).isNull());
    QVERIFY(!one->toJson(false).contains(QStringLiteral("response_body")));
    QCOMPARE(kindOf(m_store->attempt(99999)), QStringLiteral("not_found"));
    QCOMPARE(kindOf(m_store->attempts(99999)), QStringLiteral("not_found"));

    WebhookStore::AttemptFilter filter;
    filter.endpointId = endpoint.id;
    auto recent = m_store->recentAttempts(filter);
    QVERIFY2(recent.ok(), describe(recent).constData());
    QCOMPARE(recent->size(), 3);
    QCOMPARE(recent->at(0).id, ids.at(2));
    QVERIFY(recent->at(0).requestHeaders.isEmpty());
    QVERIFY(recent->at(0).responseBody.isEmpty());
    QCOMPARE(recent->at(1).errorMessage, QStringLiteral("The endpoint answered HTTP 503."));
    filter.outcome = WebhookStore::AttemptFilter::Outcome::Failed;
    QCOMPARE(m_store->recentAttempts(filter)->size(), 2);
    filter.outcome = WebhookStore::AttemptFilter::Outcome::Succeeded;
    QCOMPARE(m_store->recentAttempts(filter)->size(), 1);
    filter.outcome = WebhookStore::AttemptFilter::Outcome::Any;
    filter.beforeId = ids.at(1);
    filter.limit = 5;
    QCOMPARE(m_store->recentAttempts(filter)->size(), 1);
    filter.limit = 0;
    QCOMPARE(kindOf(m_store->recentAttempts(filter)), QStringLiteral("validation"));
}

void WebhookStoreTest::trustedCertificates()
{
    const test::TestCa ca(QStringLiteral("BotBat Store Test CA"));
    QSignalSpy changed(m_store.get(), &WebhookStore::trustedCertificatesChanged);
    const auto added = m_store->addTrustedCertificate(ca.caPem());
    QVERIFY2(added.ok(), describe(added).constData());
    QCOMPARE(changed.size(), 1);
    QVERIFY(added->id > 0);
    QVERIFY2(added->subject.contains(QLatin1String("BotBat Store Test CA")),
             qPrintable(added->subject));
    QVERIFY(added->issuer.contains(QLatin1String("BotBat Store Test CA")));
    const QString fingerprint = added->sha256Fingerprint;
    QCOMPARE(fingerprint.size(), 32 * 3 - 1);
    QCOMPARE(fingerprint.count(QLatin1Char(':')), 31);
    QCOMPARE(fingerprint,
             QString::fromLatin1(
                 ca.caCertificate().digest(QCryptographicHash::Sha256).toHex(':').toUpper()));
    QVERIFY(added->expiresAt > m_clock->now());
    QCOMPARE(added->addedAt, m_clock->now());
    QVERIFY(!added->toJson().contains(QStringLiteral("pem")));

    const auto duplicate = m_store->addTrustedCertificate(ca.caPem());
    QCOMPARE(kindOf(duplicate), QStringLiteral("conflict"));
    QCOMPARE(duplicate.error().existingId(), added->id);
    QVERIFY(duplicate.error().message().contains(fingerprint));

    const auto garbage = m_store->addTrustedCertificate(QByteArrayLiteral("not a certificate"));
    QCOMPARE(fieldCode(garbage, QStringLiteral("pem")), QStringLiteral("invalid_certificate"));
    const test::TestCa second(QStringLiteral("Second CA"));
    const auto bundle = m_store->addTrustedCertificate(second.caPem() + ca.caPem());
    QCOMPARE(fieldCode(bundle, QStringLiteral("pem")), QStringLiteral("multiple_certificates"));
    QCOMPARE(changed.size(), 1);

    const auto secondAdded = m_store->addTrustedCertificate(second.caPem());
    QVERIFY2(secondAdded.ok(), describe(secondAdded).constData());
    auto listed = m_store->trustedCertificates();
    QVERIFY2(listed.ok(), describe(listed).constData());
    QCOMPARE(listed->size(), 2);
    QCOMPARE(listed->at(0).id, added->id);
    QCOMPARE(QSslCertificate(listed->at(0).pem), ca.caCertificate());

    QVERIFY(m_store->removeTrustedCertificate(added->id).ok());
    QCOMPARE(changed.size(), 3);
    QCOMPARE(m_store->trustedCertificates()->size(), 1);
    QCOMPARE(kindOf(m_store->removeTrustedCertificate(added->id)), QStringLiteral("not_found"));

    // An expired CA vouches for nothing: refused, saying so.
    const test::TestCa third(QStringLiteral("Third CA"));
    m_clock->advance(100LL * 365 * 24 * 60 * 60 * 1000);
    const auto expired = m_store->addTrustedCertificate(third.caPem());
    QCOMPARE(fieldCode(expired, QStringLiteral("pem")), QStringLiteral("expired"));
}

void WebhookStoreTest::healthReachesTheOverviewAndNeverUndoesAnAdmin()
{
    WebhookEndpoint endpoint = createEndpoint();
    const QString version = m_store->endpointsVersion();
    QSignalSpy changed(m_store.get(), &WebhookStore::endpointChanged);

    m_clock->advance(1000);
    endpoint.lastAttemptAt = m_clock->now();
    endpoint.lastStatus = 0;
    endpoint.lastErrorClass = QStringLiteral("dns");
    endpoint.lastError = QStringLiteral("hooks.example.com does not resolve; check the host name.");
    endpoint.failingSince = m_clock->now();
    QString error;
    QVERIFY2(m_store->storeHealth(endpoint, &error), qPrintable(error));
    QCOMPARE(changed.size(), 1);
    auto stored = m_store->get(endpoint.id);
    QCOMPARE(stored->health(), WebhookEndpoint::Health::Error);
    QCOMPARE(stored->lastError, endpoint.lastError);
    QCOMPARE(stored->failingSince, endpoint.failingSince);
    auto entry = overviewEntry(endpoint.integrationId);
    QCOMPARE(entry->status, IntegrationSummary::Status::Error);
    QCOMPARE(entry->lastError, endpoint.lastError);
    QCOMPARE(m_store->endpointsVersion(), version); // health is not configuration

    m_clock->advance(1000);
    endpoint.lastAttemptAt = endpoint.lastSuccessAt = m_clock->now();
    endpoint.lastStatus = 204;
    endpoint.lastErrorClass.clear();
    endpoint.lastError.clear();
    endpoint.failingSince = QDateTime();
    QVERIFY2(m_store->storeHealth(endpoint, &error), qPrintable(error));
    QCOMPARE(m_store->get(endpoint.id)->health(), WebhookEndpoint::Health::Connected);
    entry = overviewEntry(endpoint.integrationId);
    QCOMPARE(entry->status, IntegrationSummary::Status::Connected);
    QCOMPARE(entry->lastSuccessAt, m_clock->now());
    const QDateTime firstSuccess = m_clock->now();

    // Successes a few seconds apart do not rewrite the Overview each time.
    m_clock->advance(3000);
    endpoint.lastAttemptAt = endpoint.lastSuccessAt = m_clock->now();
    QVERIFY(m_store->storeHealth(endpoint, &error));
    QCOMPARE(overviewEntry(endpoint.integrationId)->lastSuccessAt, firstSuccess);
    m_clock->advance(11000);
    endpoint.lastAttemptAt = endpoint.lastSuccessAt = m_clock->now();
    QVERIFY(m_store->storeHealth(endpoint, &error));
    QCOMPARE(overviewEntry(endpoint.integrationId)->lastSuccessAt, m_clock->now());

    // The dispatcher disabling (410 Gone) is stored with its reason and changes the version.
    m_clock->advance(1000);
    endpoint.enabled = false;
    endpoint.disabledReason = QStringLiteral("The endpoint answered 410 Gone.");
    QVERIFY(m_store->storeHealth(endpoint, &error));
    stored = m_store->get(endpoint.id);
    QCOMPARE(stored->health(), WebhookEndpoint::Health::Inactive);
    QCOMPARE(stored->disabledReason, endpoint.disabledReason);
    QCOMPARE(stored->disabledAt, m_clock->now());
    QVERIFY(m_store->endpointsVersion() != version);
    QCOMPARE(overviewEntry(endpoint.integrationId)->status, IntegrationSummary::Status::Inactive);

    // A dispatcher's stale copy (still enabled) must not re-enable an endpoint an admin disabled.
    WebhookEndpoint second = createEndpoint(QStringLiteral("https://second.example.com/"));
    QVERIFY(m_store->setEnabled(second.id, false, QStringLiteral("Paused by Ana.")).ok());
    second.lastAttemptAt = m_clock->now();
    QVERIFY(m_store->storeHealth(second, &error));
    stored = m_store->get(second.id);
    QVERIFY(!stored->enabled);
    QCOMPARE(stored->disabledReason, QStringLiteral("Paused by Ana."));

    second.id = 99999;
    QVERIFY(!m_store->storeHealth(second, &error));
    QVERIFY(!error.isEmpty());
}

void WebhookStoreTest::versionChangesWithEveryConfigurationChange()
{
    // The clock stands still: the version must change anyway.
    QString error;
    QSet<QString> versions{m_store->endpointsVersion(&error)};
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const WebhookEndpoint endpoint = createEndpoint();
    versions.insert(m_store->endpointsVersion());
    WebhookEndpointInput in;
    in.description = QStringLiteral("x");
    QVERIFY(m_store->update(endpoint.id, in).ok());
    versions.insert(m_store->endpointsVersion());
    QVERIFY(m_store->setEnabled(endpoint.id, false, {}).ok());
    versions.insert(m_store->endpointsVersion());
    QVERIFY(m_store->remove(endpoint.id).ok());
    versions.insert(m_store->endpointsVersion());
    QCOMPARE(versions.size(), 5);
}

void WebhookStoreTest::jsonShapes()
{
    const auto created = m_store->create(input(QStringLiteral("https://hooks.example.com/"),
                                               {EventType::MessageRead}, QStringLiteral("D")));
    QVERIFY2(created.ok(), describe(created).constData());
    const QJsonObject json = created->endpoint.toJson();
    QStringList keys{QStringLiteral("id"),
                     QStringLiteral("url"),
                     QStringLiteral("description"),
                     QStringLiteral("events"),
                     QStringLiteral("enabled"),
                     QStringLiteral("disabled_reason"),
                     QStringLiteral("disabled_at"),
                     QStringLiteral("max_concurrency"),
                     QStringLiteral("rate_per_second"),
                     QStringLiteral("has_secret"),
                     QStringLiteral("secret_rotated_at"),
                     QStringLiteral("previous_secret_until"),
                     QStringLiteral("health"),
                     QStringLiteral("last_attempt_at"),
                     QStringLiteral("last_success_at"),
                     QStringLiteral("last_status"),
                     QStringLiteral("last_error_class"),
                     QStringLiteral("last_error"),
                     QStringLiteral("failing_since"),
                     QStringLiteral("created_at"),
                     QStringLiteral("updated_at")};
    keys.sort();
    QCOMPARE(json.keys(), keys);
    QCOMPARE(json.value(QStringLiteral("health")).toString(), QStringLiteral("waiting"));
    QCOMPARE(json.value(QStringLiteral("events")).toArray(),
             QJsonArray{QStringLiteral("message.read")});
    QVERIFY(json.value(QStringLiteral("disabled_at")).isNull());
    QCOMPARE(json.value(QStringLiteral("created_at")).toString(),
             m_clock->now().toString(Qt::ISODateWithMs));
    QVERIFY(json.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(json.value(QStringLiteral("max_concurrency")).toInt(),
             WebhookEndpoint::kDefaultMaxConcurrency);

    WebhookDelivery delivery;
    delivery.id = 7;
    delivery.eventId = 42;
    delivery.state = WebhookDelivery::State::Retrying;
    QCOMPARE(delivery.messageId(), QByteArrayLiteral("evt_42"));
    QCOMPARE(delivery.toJson().value(QStringLiteral("event_id")).toInteger(), qint64(42));
    QCOMPARE(delivery.toJson().value(QStringLiteral("message_id")).toString(),
             QStringLiteral("evt_42"));
    QCOMPARE(delivery.toJson().value(QStringLiteral("state")).toString(),
             QStringLiteral("retrying"));
    for (const auto state : {WebhookDelivery::State::Pending, WebhookDelivery::State::Retrying,
                             WebhookDelivery::State::Succeeded, WebhookDelivery::State::Failed})
        QVERIFY(WebhookDelivery::stateFromKey(WebhookDelivery::stateKey(state)) == state);
    QVERIFY(!WebhookDelivery::stateFromKey(QStringLiteral("lost")));
    for (const auto errorClass :
         {WebhookAttempt::ErrorClass::None, WebhookAttempt::ErrorClass::Dns,
          WebhookAttempt::ErrorClass::Connect, WebhookAttempt::ErrorClass::Tls,
          WebhookAttempt::ErrorClass::Timeout, WebhookAttempt::ErrorClass::Http})
        QCOMPARE(WebhookAttempt::errorClassFromKey(WebhookAttempt::errorClassKey(errorClass)),
                 errorClass);
}

QTEST_GUILESS_MAIN(WebhookStoreTest)
#include "WebhookStoreTest.moc"
