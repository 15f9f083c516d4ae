#include "domain/Domain.h"

#include "TestSupport.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "core/EventBus.h"
#include "storage/Database.h"
#include "storage/EventStore.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <memory>

using namespace botbat;

namespace {

const QDateTime kStart(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
const QString kSqlite = QStringLiteral("sqlite");
const QString kPostgres = QStringLiteral("postgres");

template<typename T> QByteArray describe(const DomainResult<T> &result)
{
    return result.ok() ? QByteArray() : result.error().message().toUtf8();
}

template<typename T> QByteArray describeFields(const DomainResult<T> &result)
{
    if (result.ok())
        return QByteArrayLiteral("the operation succeeded");
    QStringList lines;
    for (const FieldError &field : result.error().fields())
        lines.append(field.field + QLatin1Char('/') + field.code + QStringLiteral(": ") +
                     field.message);
    return (result.error().message() + QStringLiteral(" | ") + lines.join(QStringLiteral(" | ")))
        .toUtf8();
}

// The error kind as text, or "succeeded": a success where a failure was expected must fail the
// comparison, not dereference an empty error.
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

template<typename T> QString fieldText(const DomainResult<T> &result, const QString &field)
{
    if (result.ok())
        return QStringLiteral("succeeded");
    const std::optional<FieldError> error = result.error().field(field);
    return error ? error->text() : QStringLiteral("no error for ") + field;
}

QString text(const std::optional<QString> &value)
{
    return value.value_or(QStringLiteral("(none)"));
}

QDateTime time(const std::optional<QDateTime> &value)
{
    return value.value_or(QDateTime());
}

ContactInput person(const QString &name, const std::optional<QString> &email = std::nullopt)
{
    ContactInput input;
    input.name = name;
    input.email = email;
    return input;
}

} // namespace

// Every case runs once per backend (global data): the same domain code must behave the same on
// SQLite and on PostgreSQL.
class DomainTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void initTestCase_data();
    void init();
    void cleanup();

    void createContactNormalizesStoresAndEmits();
    void snapshotsUseSnakeCaseAndIsoTimes();
    void phoneIsNormalizedToE164_data();
    void phoneIsNormalizedToE164();
    void phoneUsesTheDefaultRegion();
    void contactValidation_data();
    void contactValidation();
    void validationCollectsEveryFieldError();
    void messageConversationAndCampaignValidation();
    void emailIsLowerCasedAndUnique();
    void updateEmitsOnlyWhenSomethingChanged();
    void updatePatchClearsAndValidates();
    void deleteRemovesContactAndItsConversations();
    void upsertByEmailTellsWhatHappened();
    void conversationsOpenAndCloseOnce();
    void messageTransitions();
    void closedConversationTakesNoMessages();
    void campaignLifecycle();
    void contactPagingWithCursorAndUpdatedSince();
    void conversationMessageAndCampaignPaging();
    void failedEventLeavesNoRowAndNoEvent();
    void concurrentCallersEmitEachEventOnce();
    void eventsSurviveEngineRestart();

private:
    bool isPostgres() const { return m_backend == kPostgres; }
    QList<Event> storedEventsAfter(qint64 afterId);
    QList<Event> newEvents(); // stored since the previous call
    QList<Event> takeAnnounced();
    int rowCount(const QString &table);
    bool exec(const QString &sql, QString *error);

    QString m_backend;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_postgresUrl;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<Domain> m_domain;
    std::unique_ptr<QSignalSpy> m_announced;
    qint64 m_seenEventId = 0;
};

void DomainTest::initTestCase()
{
    qRegisterMetaType<botbat::Event>();
    qRegisterMetaType<QList<botbat::Event>>();
}

void DomainTest::initTestCase_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << kSqlite;
    QTest::newRow("postgres") << kPostgres;
}

void DomainTest::init()
{
    QFETCH_GLOBAL(QString, backend);
    m_backend = backend;
    m_seenEventId = 0;
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QString spec = m_dir->filePath(QStringLiteral("botbat.db"));
    QString error;
    if (isPostgres()) {
        // Outside ctest nobody started PostgreSQL; inside ctest the URL is always set, and a
        // server that cannot be used is a failure, not a skip.
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
    m_clock = std::make_unique<ManualClock>(kStart);
    m_bus = std::make_unique<EventBus>();
    m_domain = std::make_unique<Domain>(*m_database, *m_bus, *m_clock, QStringLiteral("US"));
    m_announced = std::make_unique<QSignalSpy>(m_bus.get(), &EventBus::eventsPersisted);
}

void DomainTest::cleanup()
{
    m_announced.reset();
    m_domain.reset();
    m_database.reset(); // closes this thread's connection before the database is dropped
    m_bus.reset();
    m_clock.reset();
    if (!m_postgresUrl.isEmpty())
        test::dropPostgresDatabase(m_postgresUrl);
    m_postgresUrl.clear();
    m_dir.reset();
}

QList<Event> DomainTest::storedEventsAfter(qint64 afterId)
{
    QString error;
    const QList<Event> events = EventStore(m_database->connection()).since(afterId, 10000, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return events;
}

QList<Event> DomainTest::newEvents()
{
    const QList<Event> events = storedEventsAfter(m_seenEventId);
    if (!events.isEmpty())
        m_seenEventId = events.constLast().id;
    return events;
}

QList<Event> DomainTest::takeAnnounced()
{
    QList<Event> events;
    for (const QList<QVariant> &emission : std::as_const(*m_announced))
        events += emission.at(0).value<QList<Event>>();
    m_announced->clear();
    return events;
}

int DomainTest::rowCount(const QString &table)
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool DomainTest::exec(const QString &sql, QString *error)
{
    QSqlQuery query(m_database->connection());
    if (query.exec(sql))
        return true;
    *error = query.lastError().text();
    return false;
}

void DomainTest::createContactNormalizesStoresAndEmits()
{
    ContactInput input;
    input.name = QStringLiteral("  Ada Lovelace  ");
    input.email = QStringLiteral("  Ada.Lovelace@Example.COM ");
    input.phone = QStringLiteral("+1 415-555-0123");
    input.company = QStringLiteral(" Analytical Engines ");
    input.attributes = QJsonObject{{QStringLiteral("plan"), QStringLiteral("pro")},
                                   {QStringLiteral("seats"), 3},
                                   {QStringLiteral("vip"), true},
                                   {QStringLiteral("note"), QJsonValue::Null}};
    const auto result = m_domain->createContact(input);
    QVERIFY2(result.ok(), describe(result).constData());
    const Contact &contact = result.value();
    QVERIFY(contact.id > 0);
    QCOMPARE(contact.name, QStringLiteral("Ada Lovelace"));
    QCOMPARE(text(contact.email), QStringLiteral("ada.lovelace@example.com"));
    QCOMPARE(text(contact.phone), QStringLiteral("+14155550123"));
    QCOMPARE(text(contact.company), QStringLiteral("Analytical Engines"));
    QCOMPARE(contact.attributes, input.attributes);
    QCOMPARE(contact.createdAt, kStart);
    QCOMPARE(contact.updatedAt, kStart);

    // What was stored is what was returned.
    const auto stored = m_domain->getContact(contact.id);
    QVERIFY2(stored.ok(), describe(stored).constData());
    QCOMPARE(stored->toJson(), contact.toJson());

    const QList<Event> events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::ContactCreated);
    QCOMPARE(events.at(0).data, contact.toJson());
    QCOMPARE(events.at(0).occurredAt, kStart);
    const QList<Event> announced = takeAnnounced();
    QCOMPARE(announced.size(), 1);
    QCOMPARE(announced.at(0).id, events.at(0).id);
    QCOMPARE(announced.at(0).data, contact.toJson());

    // A missing contact is NotFound with a message that says what to do.
    const auto missing = m_domain->getContact(contact.id + 1000);
    QVERIFY(!missing.ok());
    QCOMPARE(kindOf(missing), DomainError::kindKey(DomainError::Kind::NotFound));
    QVERIFY2(missing.error().message().contains(
                 QStringLiteral("Contact %1 does not exist").arg(contact.id + 1000)),
             qPrintable(missing.error().message()));
}

void DomainTest::snapshotsUseSnakeCaseAndIsoTimes()
{
    ContactInput input = person(QStringLiteral("Grace"), QStringLiteral("grace@example.com"));
    input.attributes = QJsonObject{{QStringLiteral("tier"), QStringLiteral("gold")}};
    const auto contact = m_domain->createContact(input);
    QVERIFY2(contact.ok(), describe(contact).constData());
    const QJsonObject json = contact->toJson();
    QCOMPARE(json.keys(), (QStringList{QStringLiteral("attributes"), QStringLiteral("company"),
                                       QStringLiteral("created_at"), QStringLiteral("email"),
                                       QStringLiteral("id"), QStringLiteral("name"),
                                       QStringLiteral("phone"), QStringLiteral("updated_at")}));
    QVERIFY(json.value(QStringLiteral("id")).isDouble());
    QCOMPARE(json.value(QStringLiteral("id")).toInteger(), contact->id);
    QCOMPARE(json.value(QStringLiteral("created_at")).toString(),
             QStringLiteral("2024-03-01T12:00:00.000Z"));
    QVERIFY(json.value(QStringLiteral("phone")).isNull());
    QVERIFY(json.value(QStringLiteral("company")).isNull());
    QCOMPARE(json.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("tier")),
             QJsonValue(QStringLiteral("gold")));

    m_clock->advance(1234);
    const auto conversation = m_domain->createConversation(
        {contact->id, QStringLiteral("WhatsApp"), QStringLiteral("Order #1")});
    QVERIFY2(conversation.ok(), describe(conversation).constData());
    const QJsonObject conversationJson = conversation->toJson();
    QCOMPARE(conversationJson.value(QStringLiteral("contact_id")).toInteger(), contact->id);
    QCOMPARE(conversationJson.value(QStringLiteral("channel")).toString(),
             QStringLiteral("whatsapp"));
    QCOMPARE(conversationJson.value(QStringLiteral("subject")).toString(),
             QStringLiteral("Order #1"));
    QCOMPARE(conversationJson.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    QCOMPARE(conversationJson.value(QStringLiteral("created_at")).toString(),
             QStringLiteral("2024-03-01T12:00:01.234Z"));
    QVERIFY(conversationJson.value(QStringLiteral("closed_at")).isNull());

    const auto message = m_domain->sendOutboundMessage(conversation->id, QStringLiteral("Hi"));
    QVERIFY2(message.ok(), describe(message).constData());
    const QJsonObject messageJson = message->toJson();
    QCOMPARE(messageJson.value(QStringLiteral("conversation_id")).toInteger(), conversation->id);
    QCOMPARE(messageJson.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound"));
    QCOMPARE(messageJson.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QCOMPARE(messageJson.value(QStringLiteral("body")).toString(), QStringLiteral("Hi"));
    QVERIFY(messageJson.value(QStringLiteral("delivered_at")).isNull());
    QVERIFY(messageJson.value(QStringLiteral("read_at")).isNull());

    CampaignInput campaignInput;
    campaignInput.name = QStringLiteral("Spring sale");
    campaignInput.message = QStringLiteral("20% off");
    campaignInput.scheduledAt = kStart.addDays(1);
    campaignInput.recipients = 1200;
    const auto campaign = m_domain->createCampaign(campaignInput);
    QVERIFY2(campaign.ok(), describe(campaign).constData());
    const QJsonObject campaignJson = campaign->toJson();
    QCOMPARE(campaignJson.value(QStringLiteral("scheduled_at")).toString(),
             QStringLiteral("2024-03-02T12:00:00.000Z"));
    QCOMPARE(campaignJson.value(QStringLiteral("recipients")).toInteger(), qint64(1200));
    QCOMPARE(campaignJson.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));
    QVERIFY(campaignJson.value(QStringLiteral("completed_at")).isNull());
    QCOMPARE(campaignJson.value(QStringLiteral("message")).toString(), QStringLiteral("20% off"));
}

void DomainTest::phoneIsNormalizedToE164_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("e164");
    QTest::newRow("us international")
        << QStringLiteral("+1 415-555-0123") << QStringLiteral("+14155550123");
    QTest::newRow("us national, region US")
        << QStringLiteral("(415) 555-0123") << QStringLiteral("+14155550123");
    QTest::newRow("uk international")
        << QStringLiteral("+44 20 7946 0958") << QStringLiteral("+442079460958");
    QTest::newRow("already e164") << QStringLiteral("+14155550123")
                                  << QStringLiteral("+14155550123");
}

void DomainTest::phoneIsNormalizedToE164()
{
    QFETCH(QString, input);
    QFETCH(QString, e164);
    ContactInput contact = person(QStringLiteral("Phone Owner"));
    contact.phone = input;
    const auto result = m_domain->createContact(contact);
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(text(result->phone), e164);
    QCOMPARE(text(m_domain->getContact(result->id)->phone), e164);
}

void DomainTest::phoneUsesTheDefaultRegion()
{
    // The same national number means different things in different regions.
    Domain british(*m_database, *m_bus, *m_clock, QStringLiteral("GB"));
    ContactInput input = person(QStringLiteral("London Office"));
    input.phone = QStringLiteral("020 7946 0958");
    const auto result = british.createContact(input);
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(text(result->phone), QStringLiteral("+442079460958"));

    // In the US that is no valid number.
    const auto american = m_domain->createContact(input);
    QVERIFY(!american.ok());
    QCOMPARE(fieldCode(american, QStringLiteral("phone")), QStringLiteral("invalid_phone"));
}

void DomainTest::contactValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");   // null = not given
    QTest::addColumn<QString>("phone");   // null = not given
    QTest::addColumn<QString>("company"); // null = not given
    QTest::addColumn<QJsonObject>("attributes");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message"); // the full "field: message" text, or a part of it

    const QString ok = QStringLiteral("Valid Name");
    const QString none;
    QJsonObject manyKeys;
    for (int i = 0; i < 51; ++i)
        manyKeys.insert(QStringLiteral("key_%1").arg(i), i);
    QJsonObject large;
    for (int i = 0; i < 20; ++i)
        large.insert(QStringLiteral("text_%1").arg(i), QString(1000, QLatin1Char('x')));
    const QString longLocal = QString(65, QLatin1Char('a')) + QStringLiteral("@example.com");
    const QString longEmail =
        QStringLiteral("a@") + QString(250, QLatin1Char('b')) + QStringLiteral(".com");

    QTest::newRow("blank name") << QStringLiteral("   ") << none << none << none << QJsonObject()
                                << "name"
                                << "required"
                                << "name: is required; enter 1 to 200 characters";
    QTest::newRow("name too long")
        << QString(201, QLatin1Char('n')) << none << none << none << QJsonObject() << "name"
        << "too_long"
        << "name: is 201 characters long; the limit is 200";
    QTest::newRow("email without @")
        << ok << QStringLiteral("ada.example.com") << none << none << QJsonObject() << "email"
        << "invalid_email"
        << "email: \"ada.example.com\" is not a valid email address (it needs exactly one @); "
           "use the form name@example.com";
    QTest::newRow("email with two @")
        << ok << QStringLiteral("a@b@example.com") << none << none << QJsonObject() << "email"
        << "invalid_email"
        << "exactly one @";
    QTest::newRow("email with space") << ok << QStringLiteral("ada lovelace@example.com") << none
                                      << none << QJsonObject() << "email"
                                      << "invalid_email"
                                      << "contains a space";
    QTest::newRow("email without local part")
        << ok << QStringLiteral("@example.com") << none << none << QJsonObject() << "email"
        << "invalid_email"
        << "nothing comes before the @";
    QTest::newRow("email domain without dot")
        << ok << QStringLiteral("ada@localhost") << none << none << QJsonObject() << "email"
        << "invalid_email"
        << "needs a dot";
    QTest::newRow("email local part too long")
        << ok << longLocal << none << none << QJsonObject() << "email"
        << "invalid_email"
        << "the part before the @ is 65 characters long; the limit is 64";
    QTest::newRow("email too long") << ok << longEmail << none << none << QJsonObject() << "email"
                                    << "too_long"
                                    << "email: is 256 characters long; the limit is 254";
    QTest::newRow("phone too short")
        << ok << none << QStringLiteral("555-12") << none << QJsonObject() << "phone"
        << "invalid_phone"
        << "phone: \"555-12\" is not a valid phone number; include the country code, e.g. "
           "+14155550123";
    QTest::newRow("phone not a number")
        << ok << none << QStringLiteral("call me maybe") << none << QJsonObject() << "phone"
        << "invalid_phone"
        << "phone: \"call me maybe\" is not a valid phone number; include the country code";
    QTest::newRow("company too long")
        << ok << none << none << QString(201, QLatin1Char('c')) << QJsonObject() << "company"
        << "too_long"
        << "company: is 201 characters long; the limit is 200";
    QTest::newRow("attribute key upper case")
        << ok << none << none << none << QJsonObject{{QStringLiteral("Plan"), 1}} << "attributes"
        << "invalid_key"
        << "attributes: key \"Plan\" is not allowed; keys start with a lower-case letter and "
           "contain only a-z, 0-9 and _ (at most 64 characters)";
    QTest::newRow("attribute key starts with digit")
        << ok << none << none << none << QJsonObject{{QStringLiteral("1st"), 1}} << "attributes"
        << "invalid_key"
        << "key \"1st\" is not allowed";
    QTest::newRow("attribute key with dash")
        << ok << none << none << none << QJsonObject{{QStringLiteral("first-name"), 1}}
        << "attributes"
        << "invalid_key"
        << "key \"first-name\" is not allowed";
    QTest::newRow("attribute key too long")
        << ok << none << none << none << QJsonObject{{QString(65, QLatin1Char('k')), 1}}
        << "attributes"
        << "invalid_key"
        << "is not allowed";
    QTest::newRow("too many attributes") << ok << none << none << none << manyKeys << "attributes"
                                         << "too_many_keys"
                                         << "attributes: has 51 keys; the limit is 50";
    QTest::newRow("attribute value is a list")
        << ok << none << none << none
        << QJsonObject{{QStringLiteral("tags"), QJsonArray{QStringLiteral("a")}}}
        << "attributes.tags"
        << "invalid_type"
        << "attributes.tags: is a list; attribute values must be text, a number, true/false or "
           "null";
    QTest::newRow("attribute value is an object")
        << ok << none << none << none
        << QJsonObject{{QStringLiteral("address"), QJsonObject{{QStringLiteral("city"), 1}}}}
        << "attributes.address"
        << "invalid_type"
        << "is an object";
    QTest::newRow("attribute text too long")
        << ok << none << none << none
        << QJsonObject{{QStringLiteral("note"), QString(1001, QLatin1Char('x'))}}
        << "attributes.note"
        << "too_long"
        << "attributes.note: is 1001 characters long; the limit is 1000";
    QTest::newRow("attributes over 16 KiB") << ok << none << none << none << large << "attributes"
                                            << "too_large"
                                            << "the limit is 16384 bytes (16 KiB)";
}

void DomainTest::contactValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, phone);
    QFETCH(QString, company);
    QFETCH(QJsonObject, attributes);
    QFETCH(QString, field);
    QFETCH(QString, code);
    QFETCH(QString, message);

    ContactInput input;
    input.name = name;
    if (!email.isNull())
        input.email = email;
    if (!phone.isNull())
        input.phone = phone;
    if (!company.isNull())
        input.company = company;
    input.attributes = attributes;
    const auto created = m_domain->createContact(input);
    QVERIFY(!created.ok());
    QCOMPARE(kindOf(created), DomainError::kindKey(DomainError::Kind::Validation));
    QCOMPARE(created.error().fields().size(), 1);
    const std::optional<FieldError> error = created.error().field(field);
    QVERIFY2(error, describeFields(created).constData());
    QCOMPARE(error->code, code);
    QVERIFY2(error->text().contains(message), qPrintable(error->text()));
    QVERIFY2(created.error().message().contains(error->text()),
             qPrintable(created.error().message()));
    QCOMPARE(rowCount(QStringLiteral("contacts")), 0);
    QCOMPARE(newEvents().size(), 0);
    QCOMPARE(takeAnnounced().size(), 0);

    // The same rules hold for a patch of an existing contact, which stays as it was.
    const auto existing = m_domain->createContact(person(QStringLiteral("Existing")));
    QVERIFY2(existing.ok(), describe(existing).constData());
    newEvents();
    takeAnnounced();
    ContactPatch patch;
    patch.name = name;
    if (!email.isNull())
        patch.email = email;
    if (!phone.isNull())
        patch.phone = phone;
    if (!company.isNull())
        patch.company = company;
    patch.attributes = attributes;
    const auto updated = m_domain->updateContact(existing->id, patch);
    QVERIFY(!updated.ok());
    QCOMPARE(kindOf(updated), DomainError::kindKey(DomainError::Kind::Validation));
    QCOMPARE(fieldCode(updated, field), code);
    QCOMPARE(m_domain->getContact(existing->id)->toJson(), existing->toJson());
    QCOMPARE(newEvents().size(), 0);
    QCOMPARE(takeAnnounced().size(), 0);
}

void DomainTest::validationCollectsEveryFieldError()
{
    ContactInput input;
    input.name = QString();
    input.email = QStringLiteral("nope");
    input.phone = QStringLiteral("555-12");
    input.company = QString(300, QLatin1Char('c'));
    input.attributes =
        QJsonObject{{QStringLiteral("Bad Key"), 1}, {QStringLiteral("ok_key"), QJsonArray()}};
    const auto result = m_domain->createContact(input);
    QVERIFY(!result.ok());
    QCOMPARE(kindOf(result), DomainError::kindKey(DomainError::Kind::Validation));
    QStringList fields;
    for (const FieldError &error : result.error().fields())
        fields.append(error.field);
    fields.sort();
    QCOMPARE(fields, (QStringList{QStringLiteral("attributes"), QStringLiteral("attributes.ok_key"),
                                  QStringLiteral("company"), QStringLiteral("email"),
                                  QStringLiteral("name"), QStringLiteral("phone")}));
    const QString message = result.error().message();
    QVERIFY2(message.startsWith(QStringLiteral("The input was rejected; correct these fields")),
             qPrintable(message));
    for (const FieldError &error : result.error().fields())
        QVERIFY2(message.contains(error.text()), qPrintable(message));
    const QJsonObject json = result.error().toJson();
    QCOMPARE(json.value(QStringLiteral("code")).toString(), QStringLiteral("validation"));
    QCOMPARE(json.value(QStringLiteral("fields")).toArray().size(), 6);
    QCOMPARE(rowCount(QStringLiteral("contacts")), 0);
    QCOMPARE(newEvents().size(), 0);
}

void DomainTest::messageConversationAndCampaignValidation()
{
    const auto contact = m_domain->createContact(person(QStringLiteral("Ada")));
    QVERIFY2(contact.ok(), describe(contact).constData());

    const auto badChannel = m_domain->createConversation({contact->id, QStringLiteral("fax"), {}});
    QVERIFY(!badChannel.ok());
    QCOMPARE(kindOf(badChannel), DomainError::kindKey(DomainError::Kind::Validation));
    QCOMPARE(fieldText(badChannel, QStringLiteral("channel")),
             QStringLiteral("channel: \"fax\" is not a supported channel; use one of whatsapp, "
                            "instagram, messenger, telegram, sms, email, webchat"));
    const auto noChannel = m_domain->createConversation({contact->id, QString(), {}});
    QCOMPARE(fieldCode(noChannel, QStringLiteral("channel")), QStringLiteral("required"));
    const auto longSubject = m_domain->createConversation(
        {contact->id, QStringLiteral("sms"), QString(201, QLatin1Char('s'))});
    QCOMPARE(fieldCode(longSubject, QStringLiteral("subject")), QStringLiteral("too_long"));
    QCOMPARE(rowCount(QStringLiteral("conversations")), 0);
    for (const QString &channel : Conversation::channels()) {
        const auto conversation = m_domain->createConversation({contact->id, channel, {}});
        QVERIFY2(conversation.ok(), describe(conversation).constData());
        QCOMPARE(conversation->channel, channel);
    }
    const auto conversation =
        m_domain->createConversation({contact->id, QStringLiteral(" Telegram "), {}});
    QVERIFY2(conversation.ok(), describe(conversation).constData());
    QCOMPARE(conversation->channel, QStringLiteral("telegram"));
    newEvents();

    const auto empty = m_domain->recordInboundMessage(conversation->id, QStringLiteral("  "));
    QVERIFY(!empty.ok());
    QCOMPARE(fieldText(empty, QStringLiteral("body")),
             QStringLiteral("body: is required; write 1 to 4096 characters"));
    const auto tooLong =
        m_domain->sendOutboundMessage(conversation->id, QString(4097, QLatin1Char('m')));
    QVERIFY(!tooLong.ok());
    QCOMPARE(fieldText(tooLong, QStringLiteral("body")),
             QStringLiteral("body: is 4097 characters long; the limit is 4096, shorten it"));
    QCOMPARE(rowCount(QStringLiteral("messages")), 0);
    QCOMPARE(newEvents().size(), 0);

    // Characters are counted as people count them: 4096 emoji fit although they take 8192
    // UTF-16 units.
    QString emoji;
    for (int i = 0; i < 4096; ++i)
        emoji += QString::fromUtf8("\xF0\x9F\x98\x80");
    const auto full = m_domain->recordInboundMessage(conversation->id, emoji);
    QVERIFY2(full.ok(), describe(full).constData());
    QCOMPARE(m_domain->getMessage(full->id)->body, emoji);
    const auto exact =
        m_domain->recordInboundMessage(conversation->id, QString(4096, QLatin1Char('m')));
    QVERIFY2(exact.ok(), describe(exact).constData());

    CampaignInput campaign;
    campaign.name = QStringLiteral(" ");
    campaign.message = QString();
    campaign.recipients = -1;
    const auto badCampaign = m_domain->createCampaign(campaign);
    QVERIFY(!badCampaign.ok());
    QCOMPARE(badCampaign.error().fields().size(), 3);
    QCOMPARE(fieldCode(badCampaign, QStringLiteral("name")), QStringLiteral("required"));
    QCOMPARE(fieldCode(badCampaign, QStringLiteral("message")), QStringLiteral("required"));
    QCOMPARE(fieldText(badCampaign, QStringLiteral("recipients")),
             QStringLiteral("recipients: is -1; use 0 or more"));
    campaign.name = QString(201, QLatin1Char('c'));
    campaign.message = QStringLiteral("Hello");
    campaign.recipients = 0;
    const auto longName = m_domain->createCampaign(campaign);
    QCOMPARE(fieldText(longName, QStringLiteral("name")),
             QStringLiteral("name: is 201 characters long; the limit is 200, shorten it"));
    QCOMPARE(rowCount(QStringLiteral("campaigns")), 0);
}

void DomainTest::emailIsLowerCasedAndUnique()
{
    const auto first =
        m_domain->createContact(person(QStringLiteral("Ada"), QStringLiteral("Ada@Example.com")));
    QVERIFY2(first.ok(), describe(first).constData());
    QCOMPARE(text(first->email), QStringLiteral("ada@example.com"));
    newEvents();

    const auto duplicate = m_domain->createContact(
        person(QStringLiteral("Ada again"), QStringLiteral(" ADA@example.COM")));
    QVERIFY(!duplicate.ok());
    QCOMPARE(kindOf(duplicate), DomainError::kindKey(DomainError::Kind::Conflict));
    QCOMPARE(duplicate.error().existingId(), first->id);
    QCOMPARE(duplicate.error().message(),
             QStringLiteral("The email ada@example.com is already used by contact %1; update "
                            "that contact instead, or use another email address.")
                 .arg(first->id));
    QCOMPARE(duplicate.error().toJson().value(QStringLiteral("existing_id")).toInteger(),
             first->id);
    QCOMPARE(rowCount(QStringLiteral("contacts")), 1);
    QCOMPARE(newEvents().size(), 0);

    // Taking another contact's email through an update is the same conflict.
    const auto second =
        m_domain->createContact(person(QStringLiteral("Bob"), QStringLiteral("bob@example.com")));
    QVERIFY2(second.ok(), describe(second).constData());
    newEvents();
    ContactPatch patch;
    patch.email = QStringLiteral("ADA@EXAMPLE.COM");
    const auto taken = m_domain->updateContact(second->id, patch);
    QVERIFY(!taken.ok());
    QCOMPARE(kindOf(taken), DomainError::kindKey(DomainError::Kind::Conflict));
    QCOMPARE(taken.error().existingId(), first->id);
    QCOMPARE(text(m_domain->getContact(second->id)->email), QStringLiteral("bob@example.com"));
    QCOMPARE(newEvents().size(), 0);

    // Contacts without email do not collide with each other.
    QVERIFY(m_domain->createContact(person(QStringLiteral("No mail 1"))).ok());
    QVERIFY(m_domain->createContact(person(QStringLiteral("No mail 2"), QStringLiteral(" "))).ok());
}

void DomainTest::updateEmitsOnlyWhenSomethingChanged()
{
    const auto created =
        m_domain->createContact(person(QStringLiteral("Ada"), QStringLiteral("ada@example.com")));
    QVERIFY2(created.ok(), describe(created).constData());
    newEvents();
    takeAnnounced();

    m_clock->advance(60000);
    ContactPatch rename;
    rename.name = QStringLiteral(" Ada King ");
    const auto renamed = m_domain->updateContact(created->id, rename);
    QVERIFY2(renamed.ok(), describe(renamed).constData());
    QCOMPARE(renamed->name, QStringLiteral("Ada King"));
    QCOMPARE(text(renamed->email), text(created->email)); // absent fields stay
    QCOMPARE(renamed->createdAt, kStart);
    QCOMPARE(renamed->updatedAt, kStart.addSecs(60));
    QList<Event> events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::ContactUpdated);
    QCOMPARE(events.at(0).data, renamed->toJson());
    QCOMPARE(events.at(0).data.value(QStringLiteral("updated_at")).toString(),
             QStringLiteral("2024-03-01T12:01:00.000Z"));
    QCOMPARE(takeAnnounced().size(), 1);

    // The same values again (after normalization) change nothing: no write, no event.
    m_clock->advance(60000);
    ContactPatch same;
    same.name = QStringLiteral("Ada King");
    same.email = QStringLiteral("ADA@example.com");
    const auto unchanged = m_domain->updateContact(created->id, same);
    QVERIFY2(unchanged.ok(), describe(unchanged).constData());
    QCOMPARE(unchanged->updatedAt, kStart.addSecs(60));
    QCOMPARE(m_domain->updateContact(created->id, ContactPatch())->toJson(), renamed->toJson());
    QCOMPARE(newEvents().size(), 0);
    QCOMPARE(takeAnnounced().size(), 0);

    const auto missing = m_domain->updateContact(created->id + 99, rename);
    QVERIFY(!missing.ok());
    QCOMPARE(kindOf(missing), DomainError::kindKey(DomainError::Kind::NotFound));
    QCOMPARE(newEvents().size(), 0);
}

void DomainTest::updatePatchClearsAndValidates()
{
    ContactInput input = person(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    input.phone = QStringLiteral("+14155550123");
    input.company = QStringLiteral("Engines");
    input.attributes = QJsonObject{{QStringLiteral("plan"), QStringLiteral("pro")}};
    const auto created = m_domain->createContact(input);
    QVERIFY2(created.ok(), describe(created).constData());
    newEvents();

    ContactPatch clear;
    clear.email = nullptr;
    clear.phone = nullptr;
    clear.company = QStringLiteral("   "); // a blank text clears too
    clear.attributes = nullptr;
    const auto cleared = m_domain->updateContact(created->id, clear);
    QVERIFY2(cleared.ok(), describe(cleared).constData());
    QCOMPARE(cleared->name, QStringLiteral("Ada"));
    QVERIFY(!cleared->email);
    QVERIFY(!cleared->phone);
    QVERIFY(!cleared->company);
    QCOMPARE(cleared->attributes, QJsonObject());
    const QJsonObject stored = m_domain->getContact(created->id)->toJson();
    QVERIFY(stored.value(QStringLiteral("email")).isNull());
    QVERIFY(stored.value(QStringLiteral("phone")).isNull());
    QVERIFY(stored.value(QStringLiteral("company")).isNull());
    QCOMPARE(stored.value(QStringLiteral("attributes")).toObject(), QJsonObject());
    QList<Event> events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).data, stored);

    ContactPatch set;
    set.phone = QStringLiteral("(415) 555-0123");
    set.attributes = QJsonObject{{QStringLiteral("score"), 4.5}};
    const auto updated = m_domain->updateContact(created->id, set);
    QVERIFY2(updated.ok(), describe(updated).constData());
    QCOMPARE(text(updated->phone), QStringLiteral("+14155550123"));
    QCOMPARE(updated->attributes.value(QStringLiteral("score")).toDouble(), 4.5);
    QCOMPARE(newEvents().size(), 1);

    ContactPatch noName;
    noName.name = nullptr;
    const auto rejected = m_domain->updateContact(created->id, noName);
    QVERIFY(!rejected.ok());
    QCOMPARE(fieldText(rejected, QStringLiteral("name")),
             QStringLiteral("name: cannot be cleared; every contact needs a name of 1 to 200 "
                            "characters"));
    QCOMPARE(m_domain->getContact(created->id)->name, QStringLiteral("Ada"));
    QCOMPARE(newEvents().size(), 0);
}

void DomainTest::deleteRemovesContactAndItsConversations()
{
    const auto contact = m_domain->createContact(person(QStringLiteral("Ada")));
    QVERIFY2(contact.ok(), describe(contact).constData());
    const auto other = m_domain->createContact(person(QStringLiteral("Bob")));
    QVERIFY2(other.ok(), describe(other).constData());
    const auto conversation =
        m_domain->createConversation({contact->id, QStringLiteral("sms"), {}});
    QVERIFY2(conversation.ok(), describe(conversation).constData());
    QVERIFY(m_domain->recordInboundMessage(conversation->id, QStringLiteral("hello")).ok());
    QVERIFY(m_domain->createConversation({other->id, QStringLiteral("sms"), {}}).ok());
    newEvents();

    const auto deleted = m_domain->deleteContact(contact->id);
    QVERIFY2(deleted.ok(), describe(deleted).constData());
    QCOMPARE(deleted->toJson(), contact->toJson());
    QCOMPARE(kindOf(m_domain->getContact(contact->id)),
             DomainError::kindKey(DomainError::Kind::NotFound));
    QCOMPARE(kindOf(m_domain->getConversation(conversation->id)),
             DomainError::kindKey(DomainError::Kind::NotFound));
    QCOMPARE(rowCount(QStringLiteral("contacts")), 1);
    QCOMPARE(rowCount(QStringLiteral("conversations")), 1);
    QCOMPARE(rowCount(QStringLiteral("messages")), 0);
    QCOMPARE(newEvents().size(), 0); // Event.h has no contact.deleted type

    const auto again = m_domain->deleteContact(contact->id);
    QVERIFY(!again.ok());
    QCOMPARE(kindOf(again), DomainError::kindKey(DomainError::Kind::NotFound));
}

void DomainTest::upsertByEmailTellsWhatHappened()
{
    ContactPatch patch;
    patch.name = QStringLiteral("Ada");
    patch.email = QStringLiteral("Ada@Example.com");
    const auto created = m_domain->upsertContactByEmail(patch);
    QVERIFY2(created.ok(), describe(created).constData());
    QCOMPARE(created->outcome, ContactUpsert::Outcome::Created);
    QCOMPARE(text(created->contact.email), QStringLiteral("ada@example.com"));
    QList<Event> events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::ContactCreated);
    QCOMPARE(events.at(0).data, created->contact.toJson());

    m_clock->advance(1000);
    ContactPatch phone;
    phone.email = QStringLiteral("ADA@example.com");
    phone.phone = QStringLiteral("+44 20 7946 0958");
    const auto updated = m_domain->upsertContactByEmail(phone);
    QVERIFY2(updated.ok(), describe(updated).constData());
    QCOMPARE(updated->outcome, ContactUpsert::Outcome::Updated);
    QCOMPARE(updated->contact.id, created->contact.id);
    QCOMPARE(updated->contact.name, QStringLiteral("Ada")); // absent: unchanged
    QCOMPARE(text(updated->contact.phone), QStringLiteral("+442079460958"));
    events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::ContactUpdated);
    QCOMPARE(events.at(0).data, updated->contact.toJson());

    const auto unchanged = m_domain->upsertContactByEmail(phone);
    QVERIFY2(unchanged.ok(), describe(unchanged).constData());
    QCOMPARE(unchanged->outcome, ContactUpsert::Outcome::Unchanged);
    QCOMPARE(unchanged->contact.toJson(), updated->contact.toJson());
    QCOMPARE(newEvents().size(), 0);
    QCOMPARE(rowCount(QStringLiteral("contacts")), 1);

    ContactPatch noEmail;
    noEmail.name = QStringLiteral("Nobody");
    const auto withoutEmail = m_domain->upsertContactByEmail(noEmail);
    QVERIFY(!withoutEmail.ok());
    QCOMPARE(fieldCode(withoutEmail, QStringLiteral("email")), QStringLiteral("required"));

    ContactPatch noName;
    noName.email = QStringLiteral("new@example.com");
    const auto withoutName = m_domain->upsertContactByEmail(noName);
    QVERIFY(!withoutName.ok());
    QCOMPARE(kindOf(withoutName), DomainError::kindKey(DomainError::Kind::Validation));
    QVERIFY2(withoutName.error()
                 .field(QStringLiteral("name"))
                 ->message.contains(QStringLiteral("no contact has the email new@example.com")),
             describeFields(withoutName).constData());

    ContactPatch badEmail;
    badEmail.name = QStringLiteral("X");
    badEmail.email = QStringLiteral("not-an-email");
    QCOMPARE(fieldCode(m_domain->upsertContactByEmail(badEmail), QStringLiteral("email")),
             QStringLiteral("invalid_email"));
    QCOMPARE(rowCount(QStringLiteral("contacts")), 1);
    QCOMPARE(newEvents().size(), 0);
}

void DomainTest::conversationsOpenAndCloseOnce()
{
    const auto missingContact =
        m_domain->createConversation({4242, QStringLiteral("whatsapp"), {}});
    QVERIFY(!missingContact.ok());
    QCOMPARE(kindOf(missingContact), DomainError::kindKey(DomainError::Kind::NotFound));
    QVERIFY2(
        missingContact.error().message().startsWith(QStringLiteral("Contact 4242 does not exist")),
        qPrintable(missingContact.error().message()));
    QCOMPARE(rowCount(QStringLiteral("conversations")), 0);
    QCOMPARE(newEvents().size(), 0);

    const auto contact = m_domain->createContact(person(QStringLiteral("Ada")));
    QVERIFY2(contact.ok(), describe(contact).constData());
    newEvents();
    takeAnnounced();
    const auto opened = m_domain->createConversation({contact->id, QStringLiteral("webchat"), {}});
    QVERIFY2(opened.ok(), describe(opened).constData());
    QCOMPARE(opened->status, Conversation::Status::Open);
    QVERIFY(!opened->subject);
    QList<Event> events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::ConversationCreated);
    QCOMPARE(events.at(0).data, opened->toJson());
    QCOMPARE(m_domain->getConversation(opened->id)->toJson(), opened->toJson());

    m_clock->advance(5000);
    const auto closed = m_domain->closeConversation(opened->id);
    QVERIFY2(closed.ok(), describe(closed).constData());
    QCOMPARE(closed->status, Conversation::Status::Closed);
    QCOMPARE(time(closed->closedAt), kStart.addSecs(5));
    QCOMPARE(closed->updatedAt, kStart.addSecs(5));
    events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::ConversationClosed);
    QCOMPARE(events.at(0).data, closed->toJson());
    QCOMPARE(events.at(0).data.value(QStringLiteral("status")).toString(),
             QStringLiteral("closed"));
    QCOMPARE(takeAnnounced().size(), 2);

    m_clock->advance(5000);
    const auto again = m_domain->closeConversation(opened->id);
    QVERIFY2(again.ok(), describe(again).constData());
    QCOMPARE(again->toJson(), closed->toJson());
    QCOMPARE(newEvents().size(), 0);
    QCOMPARE(takeAnnounced().size(), 0);

    QCOMPARE(kindOf(m_domain->closeConversation(opened->id + 50)),
             DomainError::kindKey(DomainError::Kind::NotFound));
    QCOMPARE(kindOf(m_domain->getConversation(opened->id + 50)),
             DomainError::kindKey(DomainError::Kind::NotFound));
}

void DomainTest::messageTransitions()
{
    const auto contact = m_domain->createContact(person(QStringLiteral("Ada")));
    QVERIFY2(contact.ok(), describe(contact).constData());
    const auto conversation =
        m_domain->createConversation({contact->id, QStringLiteral("whatsapp"), {}});
    QVERIFY2(conversation.ok(), describe(conversation).constData());
    newEvents();
    takeAnnounced();

    m_clock->advance(1000);
    const auto inbound = m_domain->recordInboundMessage(conversation->id, QStringLiteral("Hi!"));
    QVERIFY2(inbound.ok(), describe(inbound).constData());
    QCOMPARE(inbound->status, Message::Status::Received);
    QCOMPARE(inbound->direction, Message::Direction::Inbound);
    QList<Event> events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::MessageReceived);
    QCOMPARE(events.at(0).data, inbound->toJson());
    QCOMPARE(takeAnnounced().size(), 1);
    // A message is activity on its conversation.
    QCOMPARE(m_domain->getConversation(conversation->id)->updatedAt, kStart.addSecs(1));

    m_clock->advance(1000);
    const auto outbound =
        m_domain->sendOutboundMessage(conversation->id, QStringLiteral("Hello, how can we help?"));
    QVERIFY2(outbound.ok(), describe(outbound).constData());
    QCOMPARE(outbound->status, Message::Status::Queued);
    QCOMPARE(newEvents().size(), 0); // queued: no event until the channel reports back
    QCOMPARE(takeAnnounced().size(), 0);

    m_clock->advance(1000);
    const auto delivered = m_domain->markMessageDelivered(outbound->id);
    QVERIFY2(delivered.ok(), describe(delivered).constData());
    QCOMPARE(delivered->status, Message::Status::Delivered);
    QCOMPARE(time(delivered->deliveredAt), kStart.addSecs(3));
    QVERIFY(!delivered->readAt);
    events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::MessageDelivered);
    QCOMPARE(events.at(0).data, delivered->toJson());

    m_clock->advance(1000);
    const auto deliveredAgain = m_domain->markMessageDelivered(outbound->id);
    QVERIFY2(deliveredAgain.ok(), describe(deliveredAgain).constData());
    QCOMPARE(deliveredAgain->toJson(), delivered->toJson());
    QCOMPARE(newEvents().size(), 0);

    const auto read = m_domain->markMessageRead(outbound->id);
    QVERIFY2(read.ok(), describe(read).constData());
    QCOMPARE(read->status, Message::Status::Read);
    QCOMPARE(time(read->deliveredAt), kStart.addSecs(3)); // kept
    QCOMPARE(time(read->readAt), kStart.addSecs(4));
    events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::MessageRead);
    QCOMPARE(events.at(0).data, read->toJson());
    QCOMPARE(m_domain->getMessage(outbound->id)->toJson(), read->toJson());

    // Repeated and late receipts change nothing.
    m_clock->advance(1000);
    QCOMPARE(m_domain->markMessageRead(outbound->id)->toJson(), read->toJson());
    QCOMPARE(m_domain->markMessageDelivered(outbound->id)->toJson(), read->toJson());
    QCOMPARE(newEvents().size(), 0);

    // Read straight from queued: delivered_at is filled in.
    const auto second = m_domain->sendOutboundMessage(conversation->id, QStringLiteral("Bye"));
    QVERIFY2(second.ok(), describe(second).constData());
    const auto readDirectly = m_domain->markMessageRead(second->id);
    QVERIFY2(readDirectly.ok(), describe(readDirectly).constData());
    QCOMPARE(time(readDirectly->deliveredAt), kStart.addSecs(5));
    QCOMPARE(time(readDirectly->readAt), kStart.addSecs(5));
    events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::MessageRead);

    // Receipts do not apply to inbound messages.
    const auto deliverInbound = m_domain->markMessageDelivered(inbound->id);
    QVERIFY(!deliverInbound.ok());
    QCOMPARE(kindOf(deliverInbound), DomainError::kindKey(DomainError::Kind::InvalidState));
    QCOMPARE(deliverInbound.error().message(),
             QStringLiteral("Message %1 is inbound (received from the contact), so it cannot be "
                            "marked delivered; delivery and read receipts apply only to "
                            "outbound messages.")
                 .arg(inbound->id));
    QCOMPARE(kindOf(m_domain->markMessageRead(inbound->id)),
             DomainError::kindKey(DomainError::Kind::InvalidState));
    QCOMPARE(m_domain->getMessage(inbound->id)->toJson(), inbound->toJson());
    QCOMPARE(newEvents().size(), 0);

    QCOMPARE(kindOf(m_domain->markMessageDelivered(99999)),
             DomainError::kindKey(DomainError::Kind::NotFound));
    QCOMPARE(kindOf(m_domain->getMessage(99999)),
             DomainError::kindKey(DomainError::Kind::NotFound));
    const auto noConversation = m_domain->recordInboundMessage(99999, QStringLiteral("x"));
    QCOMPARE(kindOf(noConversation), DomainError::kindKey(DomainError::Kind::NotFound));
    QVERIFY(!noConversation.ok());
    QVERIFY(noConversation.error().message().startsWith(
        QStringLiteral("Conversation 99999 does not exist")));
    QCOMPARE(newEvents().size(), 0);
}

void DomainTest::closedConversationTakesNoMessages()
{
    const auto contact = m_domain->createContact(person(QStringLiteral("Ada")));
    QVERIFY2(contact.ok(), describe(contact).constData());
    const auto conversation =
        m_domain->createConversation({contact->id, QStringLiteral("sms"), {}});
    QVERIFY2(conversation.ok(), describe(conversation).constData());
    const auto queued = m_domain->sendOutboundMessage(conversation->id, QStringLiteral("Hi"));
    QVERIFY2(queued.ok(), describe(queued).constData());
    QVERIFY(m_domain->closeConversation(conversation->id).ok());
    newEvents();
    takeAnnounced();

    const auto inbound = m_domain->recordInboundMessage(conversation->id, QStringLiteral("Hello?"));
    QVERIFY(!inbound.ok());
    QCOMPARE(kindOf(inbound), DomainError::kindKey(DomainError::Kind::InvalidState));
    QCOMPARE(inbound.error().message(),
             QStringLiteral("Conversation %1 is closed, so no message can be added to it; open "
                            "a new conversation with contact %2 instead.")
                 .arg(conversation->id)
                 .arg(contact->id));
    const auto outbound = m_domain->sendOutboundMessage(conversation->id, QStringLiteral("Hi"));
    QCOMPARE(kindOf(outbound), DomainError::kindKey(DomainError::Kind::InvalidState));
    QCOMPARE(rowCount(QStringLiteral("messages")), 1);
    QCOMPARE(newEvents().size(), 0);
    QCOMPARE(takeAnnounced().size(), 0);

    // Receipts for what was sent before the close still count.
    const auto delivered = m_domain->markMessageDelivered(queued->id);
    QVERIFY2(delivered.ok(), describe(delivered).constData());
    QCOMPARE(newEvents().size(), 1);
}

void DomainTest::campaignLifecycle()
{
    CampaignInput input;
    input.name = QStringLiteral("  Spring sale ");
    input.message = QStringLiteral("20% off this week");
    input.recipients = 250;
    const auto created = m_domain->createCampaign(input);
    QVERIFY2(created.ok(), describe(created).constData());
    QCOMPARE(created->name, QStringLiteral("Spring sale"));
    QCOMPARE(created->status, Campaign::Status::Scheduled);
    QVERIFY(!created->scheduledAt);
    QCOMPARE(created->recipients, qint64(250));
    QCOMPARE(m_domain->getCampaign(created->id)->toJson(), created->toJson());
    QCOMPARE(newEvents().size(), 0); // Event.h has no campaign.created type

    m_clock->advance(1000);
    const auto started = m_domain->startCampaign(created->id);
    QVERIFY2(started.ok(), describe(started).constData());
    QCOMPARE(started->status, Campaign::Status::Sending);
    QCOMPARE(started->updatedAt, kStart.addSecs(1));
    QCOMPARE(m_domain->startCampaign(created->id)->toJson(), started->toJson());
    QCOMPARE(newEvents().size(), 0);

    m_clock->advance(1000);
    const auto completed = m_domain->completeCampaign(created->id);
    QVERIFY2(completed.ok(), describe(completed).constData());
    QCOMPARE(completed->status, Campaign::Status::Completed);
    QCOMPARE(time(completed->completedAt), kStart.addSecs(2));
    QList<Event> events = newEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::CampaignCompleted);
    QCOMPARE(events.at(0).data, completed->toJson());
    QCOMPARE(takeAnnounced().size(), 1);

    m_clock->advance(1000);
    QCOMPARE(m_domain->completeCampaign(created->id)->toJson(), completed->toJson());
    QCOMPARE(newEvents().size(), 0);
    const auto restart = m_domain->startCampaign(created->id);
    QVERIFY(!restart.ok());
    QCOMPARE(kindOf(restart), DomainError::kindKey(DomainError::Kind::InvalidState));
    QVERIFY2(restart.error().message().contains(QStringLiteral("create a new campaign")),
             qPrintable(restart.error().message()));
    QCOMPARE(m_domain->getCampaign(created->id)->toJson(), completed->toJson());

    // A scheduled campaign can be completed without passing through sending.
    input.scheduledAt = kStart.addDays(2);
    const auto direct = m_domain->createCampaign(input);
    QVERIFY2(direct.ok(), describe(direct).constData());
    QCOMPARE(time(direct->scheduledAt), kStart.addDays(2));
    const auto directDone = m_domain->completeCampaign(direct->id);
    QVERIFY2(directDone.ok(), describe(directDone).constData());
    QCOMPARE(directDone->status, Campaign::Status::Completed);
    QCOMPARE(newEvents().size(), 1);

    QCOMPARE(kindOf(m_domain->startCampaign(9999)),
             DomainError::kindKey(DomainError::Kind::NotFound));
    QCOMPARE(kindOf(m_domain->completeCampaign(9999)),
             DomainError::kindKey(DomainError::Kind::NotFound));
    QCOMPARE(kindOf(m_domain->getCampaign(9999)),
             DomainError::kindKey(DomainError::Kind::NotFound));
}

void DomainTest::contactPagingWithCursorAndUpdatedSince()
{
    QList<qint64> ids;
    for (int i = 0; i < 7; ++i) {
        const auto contact = m_domain->createContact(person(QStringLiteral("Contact %1").arg(i)));
        QVERIFY2(contact.ok(), describe(contact).constData());
        ids.append(contact->id);
        m_clock->advance(1000);
    }

    PageQuery page;
    page.limit = 3;
    QList<qint64> seen;
    int pages = 0;
    for (;;) {
        const auto result = m_domain->listContacts(page);
        QVERIFY2(result.ok(), describe(result).constData());
        ++pages;
        QVERIFY(result->items.size() <= 3);
        for (const Contact &contact : result->items)
            seen.append(contact.id);
        if (!result->nextCursor)
            break;
        QCOMPARE(*result->nextCursor, result->items.constLast().id);
        page.cursor = *result->nextCursor;
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen, ids);

    // Exactly a full last page: no cursor pointing at an empty page.
    page = PageQuery();
    page.limit = 7;
    const auto all = m_domain->listContacts(page);
    QVERIFY2(all.ok(), describe(all).constData());
    QCOMPARE(all->items.size(), 7);
    QVERIFY(!all->nextCursor);

    // updated_since: only contacts changed at or after that time, still paged by id.
    const QDateTime since = m_clock->now();
    ContactPatch touch;
    touch.company = QStringLiteral("Touched");
    for (const int index : {5, 1, 3}) {
        QVERIFY(m_domain->updateContact(ids.at(index), touch).ok());
        m_clock->advance(10);
    }
    page = PageQuery();
    page.updatedSince = since;
    page.limit = 2;
    const auto first = m_domain->listContacts(page);
    QVERIFY2(first.ok(), describe(first).constData());
    QCOMPARE(first->items.size(), 2);
    QCOMPARE(first->items.at(0).id, ids.at(1));
    QCOMPARE(first->items.at(1).id, ids.at(3));
    QVERIFY(first->nextCursor);
    page.cursor = *first->nextCursor;
    const auto second = m_domain->listContacts(page);
    QVERIFY2(second.ok(), describe(second).constData());
    QCOMPARE(second->items.size(), 1);
    QCOMPARE(second->items.at(0).id, ids.at(5));
    QVERIFY(!second->nextCursor);
    // The bound is inclusive: contact #6 was created exactly 6 s after the start.
    page = PageQuery();
    page.updatedSince = kStart.addSecs(6);
    QCOMPARE(m_domain->listContacts(page)->items.size(), 4); // #6 (created at +6 s) and 1, 3, 5

    page = PageQuery();
    page.limit = 0;
    const auto zero = m_domain->listContacts(page);
    QVERIFY(!zero.ok());
    QCOMPARE(fieldText(zero, QStringLiteral("limit")),
             QStringLiteral("limit: is 0; use a number from 1 to 500"));
    page.limit = 501;
    QCOMPARE(kindOf(m_domain->listContacts(page)),
             DomainError::kindKey(DomainError::Kind::Validation));
    page.limit = 10;
    page.cursor = -1;
    QCOMPARE(fieldCode(m_domain->listContacts(page), QStringLiteral("cursor")),
             QStringLiteral("out_of_range"));
}

void DomainTest::conversationMessageAndCampaignPaging()
{
    const auto ada = m_domain->createContact(person(QStringLiteral("Ada")));
    const auto bob = m_domain->createContact(person(QStringLiteral("Bob")));
    QVERIFY(ada.ok() && bob.ok());
    QList<qint64> adaConversations;
    for (int i = 0; i < 5; ++i) {
        const qint64 owner = i % 2 == 0 ? ada->id : bob->id;
        const auto conversation = m_domain->createConversation({owner, QStringLiteral("sms"), {}});
        QVERIFY2(conversation.ok(), describe(conversation).constData());
        if (owner == ada->id)
            adaConversations.append(conversation->id);
        m_clock->advance(1000);
    }
    PageQuery page;
    page.limit = 2;
    const auto adaFirst = m_domain->listConversations(page, ada->id);
    QVERIFY2(adaFirst.ok(), describe(adaFirst).constData());
    QCOMPARE(adaFirst->items.size(), 2);
    QCOMPARE(adaFirst->items.at(0).id, adaConversations.at(0));
    QCOMPARE(adaFirst->items.at(1).id, adaConversations.at(1));
    QVERIFY(adaFirst->nextCursor);
    page.cursor = *adaFirst->nextCursor;
    const auto adaSecond = m_domain->listConversations(page, ada->id);
    QVERIFY2(adaSecond.ok(), describe(adaSecond).constData());
    QCOMPARE(adaSecond->items.size(), 1);
    QCOMPARE(adaSecond->items.at(0).id, adaConversations.at(2));
    QVERIFY(!adaSecond->nextCursor);
    QCOMPARE(m_domain->listConversations()->items.size(), 5);
    QCOMPARE(kindOf(m_domain->listConversations({}, 777)),
             DomainError::kindKey(DomainError::Kind::NotFound));

    // A new message makes its conversation show up in updated_since.
    const QDateTime since = m_clock->now();
    QVERIFY(m_domain->recordInboundMessage(adaConversations.at(1), QStringLiteral("ping")).ok());
    page = PageQuery();
    page.updatedSince = since;
    const auto active = m_domain->listConversations(page);
    QVERIFY2(active.ok(), describe(active).constData());
    QCOMPARE(active->items.size(), 1);
    QCOMPARE(active->items.at(0).id, adaConversations.at(1));

    // Messages: paged within their conversation only.
    const qint64 busy = adaConversations.at(0);
    QList<qint64> messageIds;
    for (int i = 0; i < 5; ++i) {
        const auto message =
            m_domain->recordInboundMessage(busy, QStringLiteral("message %1").arg(i));
        QVERIFY2(message.ok(), describe(message).constData());
        messageIds.append(message->id);
        m_clock->advance(1000);
    }
    page = PageQuery();
    page.limit = 3;
    QList<qint64> seen;
    for (;;) {
        const auto result = m_domain->listMessages(busy, page);
        QVERIFY2(result.ok(), describe(result).constData());
        for (const Message &message : result->items) {
            QCOMPARE(message.conversationId, busy);
            seen.append(message.id);
        }
        if (!result->nextCursor)
            break;
        page.cursor = *result->nextCursor;
    }
    QCOMPARE(seen, messageIds);
    // updated_since on messages follows the receipts.
    const auto outbound = m_domain->sendOutboundMessage(busy, QStringLiteral("reply"));
    QVERIFY(outbound.ok());
    m_clock->advance(1000);
    const QDateTime receipts = m_clock->now();
    QVERIFY(m_domain->markMessageDelivered(outbound->id).ok());
    page = PageQuery();
    page.updatedSince = receipts;
    const auto changed = m_domain->listMessages(busy, page);
    QCOMPARE(changed->items.size(), 1);
    QCOMPARE(changed->items.at(0).id, outbound->id);
    QCOMPARE(kindOf(m_domain->listMessages(424242)),
             DomainError::kindKey(DomainError::Kind::NotFound));

    CampaignInput campaign;
    campaign.message = QStringLiteral("Hello");
    for (int i = 0; i < 4; ++i) {
        campaign.name = QStringLiteral("Campaign %1").arg(i);
        QVERIFY(m_domain->createCampaign(campaign).ok());
    }
    page = PageQuery();
    page.limit = 3;
    const auto campaigns = m_domain->listCampaigns(page);
    QVERIFY2(campaigns.ok(), describe(campaigns).constData());
    QCOMPARE(campaigns->items.size(), 3);
    page.cursor = *campaigns->nextCursor;
    const auto rest = m_domain->listCampaigns(page);
    QCOMPARE(rest->items.size(), 1);
    QCOMPARE(rest->items.at(0).name, QStringLiteral("Campaign 3"));
    QVERIFY(!rest->nextCursor);
}

void DomainTest::failedEventLeavesNoRowAndNoEvent()
{
    const auto existing =
        m_domain->createContact(person(QStringLiteral("Ada"), QStringLiteral("ada@example.com")));
    QVERIFY2(existing.ok(), describe(existing).constData());
    const auto conversation =
        m_domain->createConversation({existing->id, QStringLiteral("sms"), {}});
    QVERIFY2(conversation.ok(), describe(conversation).constData());
    newEvents();
    takeAnnounced();

    // Make every event insert fail: the change it belongs to must roll back with it.
    QString error;
    if (isPostgres()) {
        QVERIFY2(exec(QStringLiteral("CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE "
                                     "plpgsql AS $$ BEGIN RAISE EXCEPTION 'events refused by "
                                     "the test'; END $$"),
                      &error),
                 qPrintable(error));
        QVERIFY2(exec(QStringLiteral("CREATE TRIGGER refuse_events BEFORE INSERT ON events FOR "
                                     "EACH ROW EXECUTE FUNCTION refuse_events()"),
                      &error),
                 qPrintable(error));
    } else {
        QVERIFY2(exec(QStringLiteral("CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN "
                                     "SELECT RAISE(ABORT, 'events refused by the test'); END"),
                      &error),
                 qPrintable(error));
    }

    const auto created = m_domain->createContact(person(QStringLiteral("Bob")));
    QVERIFY(!created.ok());
    QCOMPARE(kindOf(created), DomainError::kindKey(DomainError::Kind::Storage));
    QVERIFY2(created.error().message().startsWith(QStringLiteral("Could not save the contact: ")),
             qPrintable(created.error().message()));
    QVERIFY2(created.error().message().contains(QStringLiteral("events refused by the test")),
             qPrintable(created.error().message()));
    QVERIFY2(created.error().message().endsWith(QStringLiteral("try again.")),
             qPrintable(created.error().message()));
    QCOMPARE(rowCount(QStringLiteral("contacts")), 1);

    ContactPatch rename;
    rename.name = QStringLiteral("Ada King");
    QCOMPARE(kindOf(m_domain->updateContact(existing->id, rename)),
             DomainError::kindKey(DomainError::Kind::Storage));
    QCOMPARE(m_domain->getContact(existing->id)->name, QStringLiteral("Ada"));

    QCOMPARE(kindOf(m_domain->recordInboundMessage(conversation->id, QStringLiteral("hi"))),
             DomainError::kindKey(DomainError::Kind::Storage));
    QCOMPARE(rowCount(QStringLiteral("messages")), 0);
    QCOMPARE(m_domain->getConversation(conversation->id)->updatedAt, conversation->updatedAt);

    QCOMPARE(kindOf(m_domain->closeConversation(conversation->id)),
             DomainError::kindKey(DomainError::Kind::Storage));
    QCOMPARE(m_domain->getConversation(conversation->id)->status, Conversation::Status::Open);

    QCOMPARE(newEvents().size(), 0);
    QCOMPARE(takeAnnounced().size(), 0);

    // The domain keeps working once the cause is gone.
    QVERIFY2(exec(QStringLiteral("DROP TRIGGER refuse_events") +
                      (isPostgres() ? QStringLiteral(" ON events") : QString()),
                  &error),
             qPrintable(error));
    const auto afterwards = m_domain->createContact(person(QStringLiteral("Bob")));
    QVERIFY2(afterwards.ok(), describe(afterwards).constData());
    QCOMPARE(newEvents().size(), 1);
}

void DomainTest::concurrentCallersEmitEachEventOnce()
{
    const auto contact = m_domain->createContact(person(QStringLiteral("Ada")));
    QVERIFY2(contact.ok(), describe(contact).constData());
    const auto conversation =
        m_domain->createConversation({contact->id, QStringLiteral("sms"), {}});
    QVERIFY2(conversation.ok(), describe(conversation).constData());
    const auto outbound = m_domain->sendOutboundMessage(conversation->id, QStringLiteral("Hi"));
    QVERIFY2(outbound.ok(), describe(outbound).constData());
    newEvents();

    // Each thread uses its own connection; the same receipt and the same new email arrive from
    // all of them at once.
    constexpr int kThreads = 4;
    QAtomicInt failures = 0;
    std::vector<int> outcomes(kThreads, -1);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back(QThread::create([this, i, &failures, &outcomes, &outbound] {
            if (!m_domain->markMessageDelivered(outbound->id).ok())
                failures.ref();
            ContactPatch patch;
            patch.name = QStringLiteral("Racer %1").arg(i);
            patch.email = QStringLiteral("race@example.com");
            const auto upsert = m_domain->upsertContactByEmail(patch);
            if (upsert.ok())
                outcomes[i] = static_cast<int>(upsert->outcome);
            else
                failures.ref();
        }));
    }
    for (auto &thread : threads)
        thread->start();
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QCOMPARE(failures.loadRelaxed(), 0);
    QCOMPARE(std::count(outcomes.begin(), outcomes.end(),
                        static_cast<int>(ContactUpsert::Outcome::Created)),
             std::ptrdiff_t(1));
    QCOMPARE(std::count(outcomes.begin(), outcomes.end(), -1), std::ptrdiff_t(0));

    const QList<Event> events = newEvents();
    int delivered = 0;
    int created = 0;
    for (const Event &event : events) {
        delivered += event.type == EventType::MessageDelivered ? 1 : 0;
        created += event.type == EventType::ContactCreated ? 1 : 0;
    }
    QCOMPARE(delivered, 1);
    QCOMPARE(created, 1);
    QCOMPARE(rowCount(QStringLiteral("contacts")), 2);
}

void DomainTest::eventsSurviveEngineRestart()
{
    // The fixture's own connection stays open beside the engine's: two users of one database.
    EngineConfig config = test::engineConfig(*m_dir);
    config.databaseSpec = m_postgresUrl; // empty on SQLite: <dataDir>/botbat.db, the same file
    config.clock = std::make_shared<ManualClock>(kStart);
    QList<Event> written;
    {
        Engine engine(config);
        QSignalSpy announced(&engine, &Engine::eventsPersisted);
        QString error;
        QVERIFY2(engine.start(&error), qPrintable(error));
        ContactInput input = person(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
        input.phone = QStringLiteral("(415) 555-0123"); // the engine's default region is US
        const auto contact = engine.domain().createContact(input);
        QVERIFY2(contact.ok(), describe(contact).constData());
        QCOMPARE(text(contact->phone), QStringLiteral("+14155550123"));
        const auto conversation =
            engine.domain().createConversation({contact->id, QStringLiteral("telegram"), {}});
        QVERIFY2(conversation.ok(), describe(conversation).constData());
        const auto message =
            engine.domain().recordInboundMessage(conversation->id, QStringLiteral("Hello"));
        QVERIFY2(message.ok(), describe(message).constData());
        QCOMPARE(announced.count(), 3);
        written = EventStore(engine.database().connection()).since(0, 100);
        QCOMPARE(written.size(), 3);
        engine.stop();
    }
    {
        Engine engine(config);
        QString error;
        QVERIFY2(engine.start(&error), qPrintable(error));
        const QList<Event> reread = EventStore(engine.database().connection()).since(0, 100);
        QCOMPARE(reread.size(), 3);
        const QStringList expected = {EventType::ContactCreated, EventType::ConversationCreated,
                                      EventType::MessageReceived};
        for (int i = 0; i < reread.size(); ++i) {
            QCOMPARE(reread.at(i).type, expected.at(i));
            QCOMPARE(reread.at(i).id, written.at(i).id);
            QCOMPARE(reread.at(i).occurredAt, written.at(i).occurredAt);
            QCOMPARE(reread.at(i).data, written.at(i).data);
        }
        const qint64 contactId = reread.at(0).data.value(QStringLiteral("id")).toInteger();
        const auto contact = engine.domain().getContact(contactId);
        QVERIFY2(contact.ok(), describe(contact).constData());
        QCOMPARE(contact->toJson(), reread.at(0).data);
        engine.stop();
    }
    // The fixture's connection sees the same log.
    QCOMPARE(storedEventsAfter(0).size(), 3);
}

QTEST_GUILESS_MAIN(DomainTest)
#include "DomainTest.moc"
