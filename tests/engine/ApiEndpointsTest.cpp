#include "TestSupport.h"
#include "api/ApiAuthenticator.h"
#include "api/ApiRoutes.h"
#include "api/ResourceRoutes.h"
#include "api/Router.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "storage/Database.h"
#include "storage/EventStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

// The REST resource endpoints against a real Engine on an ephemeral loopback port, with keys made
// by the real key store: every endpoint's happy path and the event it stores, and every error
// status a client can meet (400, 401 for each reason, 403, 404, 405, 409, 413, 415, 422, 429).
class ApiEndpointsTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void contactsCreateGetUpdateDeleteWithEvents();
    void upsertByEmailCreatesThenUpdates();
    void conversationsAndMessagesFlowWithEvents();
    void campaignsCreateStartCompleteWithEvents();
    void listsPageWithCursorAndUpdatedSince();
    void badQueryParametersAre400NamingTheParameter_data();
    void badQueryParametersAre400NamingTheParameter();
    void malformedJsonIs400SayingWhere();
    void bodyWithoutJsonContentTypeIs415();
    void wrongTypesAndUnknownFieldsAre422FieldErrors();
    void domainValidationIs422WithEveryField();
    void unknownRoutesAndIdsAre404();
    void wrongMethodIs405WithAllow();
    void everyScopedRouteIs403WithoutItsScope();
    void readScopePolicyIsAsDocumented();
    void duplicateEmailAndInvalidStateAre409();
    void eachAuthenticationFailureIs401();
    void rateLimitsAre429WithRetryAfter();
    void oversizedBodyIs413();

private:
    // token: empty = the all-scopes key; kNoKey = no Authorization header.
    test::HttpResult request(const QByteArray &method, const QString &path,
                             const QByteArray &body = {}, const QString &token = {},
                             const QList<QPair<QByteArray, QByteArray>> &headers = {});
    QString createKey(const QStringList &scopes, const QDateTime &expiresAt = {},
                      qint64 *id = nullptr);
    qint64 createContact(const QString &name, const QString &email);
    QStringList newEventTypes(QList<Event> *events = nullptr);
    static QString errorCode(const test::HttpResult &result);
    static QJsonArray fieldErrors(const test::HttpResult &result);
    static bool hasField(const test::HttpResult &result, const QString &field, const QString &code);

    static inline const QString kNoKey = QStringLiteral("-");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    QString m_token; // every scope
    qint64 m_lastEventId = 0;
};

void ApiEndpointsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_shared<ManualClock>(
        QDateTime::fromString(QStringLiteral("2026-05-01T09:00:00Z"), Qt::ISODate));
    EngineConfig config = test::engineConfig(*m_dir);
    config.clock = m_clock;
    config.httpLimits.maxBodyBytes = 64 * 1024;
    const bool limits =
        QByteArray(QTest::currentTestFunction()) == "rateLimitsAre429WithRetryAfter";
    // The manual clock never refills a bucket by itself: only the rate-limit test wants limits.
    config.api.keyBurst = limits ? 3 : 1e6;
    config.api.keyRequestsPerSecond = 1;
    config.api.failureBurst = limits ? 2 : 1e6;
    config.api.failuresPerMinute = 6;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_token = createKey(ApiKeyScopes::all());
    m_lastEventId = EventStore(m_engine->database().connection()).lastId();
}

void ApiEndpointsTest::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

test::HttpResult ApiEndpointsTest::request(const QByteArray &method, const QString &path,
                                           const QByteArray &body, const QString &token,
                                           const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QList<QPair<QByteArray, QByteArray>> all = headers;
    if (token != kNoKey)
        all.append({QByteArrayLiteral("Authorization"),
                    "Bearer " + (token.isEmpty() ? m_token : token).toLatin1()});
    return test::httpRequest(
        method, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_engine->httpPort()) + path), body,
        all);
}

QString ApiEndpointsTest::createKey(const QStringList &scopes, const QDateTime &expiresAt,
                                    qint64 *id)
{
    static int serial = 0;
    QString error;
    const auto created =
        m_engine->apiKeys().create(QStringLiteral("test key %1").arg(++serial), scopes, expiresAt,
                                   QStringLiteral("test"), &error);
    if (!created)
        qFatal("Could not create an API key: %s", qPrintable(error));
    if (id)
        *id = created->key.id;
    return created->token;
}

qint64 ApiEndpointsTest::createContact(const QString &name, const QString &email)
{
    const QJsonObject body{{QStringLiteral("name"), name}, {QStringLiteral("email"), email}};
    const test::HttpResult result =
        request("POST", QStringLiteral("/v1/contacts"), QJsonDocument(body).toJson());
    if (result.status != 201)
        qWarning("Creating a contact failed: %d %s", result.status, result.body.constData());
    return result.json().value(QStringLiteral("id")).toInteger();
}

QStringList ApiEndpointsTest::newEventTypes(QList<Event> *events)
{
    QString error;
    const QList<Event> stored =
        EventStore(m_engine->database().connection()).since(m_lastEventId, 10000, &error);
    if (!error.isEmpty())
        qWarning("Reading events failed: %s", qPrintable(error));
    QStringList types;
    for (const Event &event : stored) {
        types.append(event.type);
        m_lastEventId = event.id;
    }
    if (events)
        *events = stored;
    return types;
}

QString ApiEndpointsTest::errorCode(const test::HttpResult &result)
{
    return result.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QJsonArray ApiEndpointsTest::fieldErrors(const test::HttpResult &result)
{
    return result.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("fields"))
        .toArray();
}

bool ApiEndpointsTest::hasField(const test::HttpResult &result, const QString &field,
                                const QString &code)
{
    const QJsonArray fields = fieldErrors(result);
    for (const QJsonValue &value : fields) {
        const QJsonObject error = value.toObject();
        if (error.value(QStringLiteral("field")).toString() == field &&
            error.value(QStringLiteral("code")).toString() == code &&
            !error.value(QStringLiteral("message")).toString().isEmpty())
            return true;
    }
    qWarning("No field error %s/%s in %s", qPrintable(field), qPrintable(code),
             result.body.constData());
    return false;
}

void ApiEndpointsTest::contactsCreateGetUpdateDeleteWithEvents()
{
    test::HttpResult created = request(
        "POST", QStringLiteral("/v1/contacts"),
        R"({"name": "  Ada Lovelace ", "email": "ADA@Example.com", "phone": "+1 415 555 0123",
            "company": "Engines", "attributes": {"plan": "gold", "seats": 3}})");
    QCOMPARE(created.status, 201);
    QVERIFY(created.header("Content-Type").startsWith("application/json"));
    QJsonObject contact = created.json();
    const qint64 id = contact.value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.header("Location"), QStringLiteral("/v1/contacts/%1").arg(id).toUtf8());
    QCOMPARE(contact.value(QStringLiteral("name")).toString(), QStringLiteral("Ada Lovelace"));
    QCOMPARE(contact.value(QStringLiteral("email")).toString(), QStringLiteral("ada@example.com"));
    QCOMPARE(contact.value(QStringLiteral("phone")).toString(), QStringLiteral("+14155550123"));
    QCOMPARE(contact.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("seats")),
             QJsonValue(3));
    QList<Event> events;
    QCOMPARE(newEventTypes(&events), QStringList{QStringLiteral("contact.created")});
    QCOMPARE(events.first().data.value(QStringLiteral("id")).toInteger(), id);

    const QString path = QStringLiteral("/v1/contacts/%1").arg(id);
    test::HttpResult got = request("GET", path);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json(), contact);

    // Absent fields stay, null clears, a new value replaces.
    m_clock->advance(1000);
    test::HttpResult patched =
        request("PATCH", path, R"({"company": "Analytical Engines", "phone": null})");
    QCOMPARE(patched.status, 200);
    contact = patched.json();
    QCOMPARE(contact.value(QStringLiteral("company")).toString(),
             QStringLiteral("Analytical Engines"));
    QVERIFY(contact.value(QStringLiteral("phone")).isNull());
    QCOMPARE(contact.value(QStringLiteral("email")).toString(), QStringLiteral("ada@example.com"));
    QVERIFY(contact.value(QStringLiteral("updated_at")).toString() >
            contact.value(QStringLiteral("created_at")).toString());
    QCOMPARE(newEventTypes(&events), QStringList{QStringLiteral("contact.updated")});
    QCOMPARE(events.first().data.value(QStringLiteral("company")).toString(),
             QStringLiteral("Analytical Engines"));

    // A patch that changes nothing answers 200 and stores no event.
    QCOMPARE(request("PATCH", path, R"({"company": "Analytical Engines"})").status, 200);
    QCOMPARE(request("PATCH", path, "{}").status, 200);
    QVERIFY(newEventTypes().isEmpty());

    test::HttpResult deleted = request("DELETE", path);
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json(), contact);
    QCOMPARE(request("GET", path).status, 404);
    QCOMPARE(request("DELETE", path).status, 404);
    QVERIFY(newEventTypes().isEmpty()); // Event.h has no contact.deleted type
}

void ApiEndpointsTest::upsertByEmailCreatesThenUpdates()
{
    const QString path = QStringLiteral("/v1/contacts/by-email/grace%40example.com");
    test::HttpResult created = request("PUT", path, R"({"name": "Grace", "company": "Navy"})");
    QCOMPARE(created.status, 201);
    const qint64 id = created.json().value(QStringLiteral("id")).toInteger();
    QCOMPARE(created.header("Location"), QStringLiteral("/v1/contacts/%1").arg(id).toUtf8());
    QCOMPARE(created.json().value(QStringLiteral("email")).toString(),
             QStringLiteral("grace@example.com"));
    QCOMPARE(newEventTypes(), QStringList{QStringLiteral("contact.created")});

    // The same address in another letter case finds the same contact; null clears a field.
    test::HttpResult updated =
        request("PUT", QStringLiteral("/v1/contacts/by-email/Grace@Example.com"),
                R"({"name": "Grace Hopper", "company": null})");
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.json().value(QStringLiteral("id")).toInteger(), id);
    QCOMPARE(updated.json().value(QStringLiteral("name")).toString(),
             QStringLiteral("Grace Hopper"));
    QVERIFY(updated.json().value(QStringLiteral("company")).isNull());
    QVERIFY(updated.header("Location").isEmpty());
    QCOMPARE(newEventTypes(), QStringList{QStringLiteral("contact.updated")});

    // Unchanged: 200, no event. The same email in the body is allowed.
    QCOMPARE(
        request("PUT", path, R"({"name": "Grace Hopper", "email": "grace@example.com"})").status,
        200);
    QVERIFY(newEventTypes().isEmpty());

    test::HttpResult mismatch = request("PUT", path, R"({"email": "other@example.com"})");
    QCOMPARE(mismatch.status, 422);
    QVERIFY(hasField(mismatch, QStringLiteral("email"), QStringLiteral("mismatch")));

    // Creating needs a name.
    test::HttpResult nameless = request(
        "PUT", QStringLiteral("/v1/contacts/by-email/new@example.com"), R"({"company": "X"})");
    QCOMPARE(nameless.status, 422);
    QVERIFY(hasField(nameless, QStringLiteral("name"), QStringLiteral("required")));
    test::HttpResult badEmail =
        request("PUT", QStringLiteral("/v1/contacts/by-email/not-an-email"), R"({"name": "X"})");
    QCOMPARE(badEmail.status, 422);
    QCOMPARE(fieldErrors(badEmail).first().toObject().value(QStringLiteral("field")).toString(),
             QStringLiteral("email"));
    QVERIFY(newEventTypes().isEmpty());
}

void ApiEndpointsTest::conversationsAndMessagesFlowWithEvents()
{
    const qint64 contactId =
        createContact(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    newEventTypes();

    test::HttpResult opened =
        request("POST", QStringLiteral("/v1/conversations"),
                QStringLiteral(R"({"contact_id": %1, "channel": "WhatsApp", "subject": "Order 7"})")
                    .arg(contactId)
                    .toUtf8());
    QCOMPARE(opened.status, 201);
    const QJsonObject conversation = opened.json();
    const qint64 conversationId = conversation.value(QStringLiteral("id")).toInteger();
    QCOMPARE(opened.header("Location"),
             QStringLiteral("/v1/conversations/%1").arg(conversationId).toUtf8());
    QCOMPARE(conversation.value(QStringLiteral("channel")).toString(), QStringLiteral("whatsapp"));
    QCOMPARE(conversation.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
    QCOMPARE(newEventTypes(), QStringList{QStringLiteral("conversation.created")});
    const QString base = QStringLiteral("/v1/conversations/%1").arg(conversationId);
    QCOMPARE(request("GET", base).json(), conversation);

    // Outbound: 202 queued, no event type exists for queueing.
    test::HttpResult sent = request("POST", base + QStringLiteral("/messages"),
                                    R"({"body": "Your order has shipped."})");
    QCOMPARE(sent.status, 202);
    const qint64 outboundId = sent.json().value(QStringLiteral("id")).toInteger();
    QCOMPARE(sent.header("Location"), QStringLiteral("/v1/messages/%1").arg(outboundId).toUtf8());
    QCOMPARE(sent.json().value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QCOMPARE(sent.json().value(QStringLiteral("direction")).toString(), QStringLiteral("outbound"));
    QVERIFY(newEventTypes().isEmpty());

    test::HttpResult inbound =
        request("POST", base + QStringLiteral("/inbound"), R"({"body": "Thanks!"})");
    QCOMPARE(inbound.status, 201);
    const qint64 inboundId = inbound.json().value(QStringLiteral("id")).toInteger();
    QCOMPARE(inbound.json().value(QStringLiteral("status")).toString(), QStringLiteral("received"));
    QCOMPARE(newEventTypes(), QStringList{QStringLiteral("message.received")});

    const QString outbound = QStringLiteral("/v1/messages/%1").arg(outboundId);
    test::HttpResult delivered = request("POST", outbound + QStringLiteral("/delivered"));
    QCOMPARE(delivered.status, 200);
    QCOMPARE(delivered.json().value(QStringLiteral("status")).toString(),
             QStringLiteral("delivered"));
    QCOMPARE(newEventTypes(), QStringList{QStringLiteral("message.delivered")});
    test::HttpResult read = request("POST", outbound + QStringLiteral("/read"), "{}");
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json().value(QStringLiteral("status")).toString(), QStringLiteral("read"));
    QVERIFY(!read.json().value(QStringLiteral("read_at")).isNull());
    QCOMPARE(newEventTypes(), QStringList{QStringLiteral("message.read")});
    // Late and repeated receipts change nothing.
    QCOMPARE(request("POST", outbound + QStringLiteral("/delivered")).status, 200);
    QCOMPARE(request("POST", outbound + QStringLiteral("/read")).status, 200);
    QVERIFY(newEventTypes().isEmpty());
    QCOMPARE(request("GET", outbound).json().value(QStringLiteral("status")).toString(),
             QStringLiteral("read"));

    test::HttpResult receiptForInbound =
        request("POST", QStringLiteral("/v1/messages/%1/delivered").arg(inboundId));
    QCOMPARE(receiptForInbound.status, 409);
    QCOMPARE(errorCode(receiptForInbound), QStringLiteral("invalid_state"));

    test::HttpResult messages = request("GET", base + QStringLiteral("/messages"));
    QCOMPARE(messages.status, 200);
    const QJsonArray data = messages.json().value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 2);
    QCOMPARE(data.at(0).toObject().value(QStringLiteral("id")).toInteger(), outboundId);
    QCOMPARE(data.at(1).toObject().value(QStringLiteral("id")).toInteger(), inboundId);
    QVERIFY(messages.json().value(QStringLiteral("next_cursor")).isNull());

    // Conversations of one contact; another contact's are left out.
    const qint64 otherId = createContact(QStringLiteral("Bob"), QStringLiteral("bob@example.com"));
    QCOMPARE(
        request("POST", QStringLiteral("/v1/conversations"),
                QStringLiteral(R"({"contact_id": %1, "channel": "sms"})").arg(otherId).toUtf8())
            .status,
        201);
    newEventTypes();
    QCOMPARE(request("GET", QStringLiteral("/v1/conversations"))
                 .json()
                 .value(QStringLiteral("data"))
                 .toArray()
                 .size(),
             2);
    const QJsonArray mine =
        request("GET", QStringLiteral("/v1/conversations?contact_id=%1").arg(contactId))
            .json()
            .value(QStringLiteral("data"))
            .toArray();
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mine.first().toObject().value(QStringLiteral("id")).toInteger(), conversationId);
    test::HttpResult noSuchContact =
        request("GET", QStringLiteral("/v1/conversations?contact_id=999"));
    QCOMPARE(noSuchContact.status, 404);
    QCOMPARE(errorCode(noSuchContact), QStringLiteral("not_found"));

    test::HttpResult closed = request("POST", base + QStringLiteral("/close"));
    QCOMPARE(closed.status, 200);
    QCOMPARE(closed.json().value(QStringLiteral("status")).toString(), QStringLiteral("closed"));
    QVERIFY(!closed.json().value(QStringLiteral("closed_at")).isNull());
    QCOMPARE(newEventTypes(), QStringList{QStringLiteral("conversation.closed")});
    QCOMPARE(request("POST", base + QStringLiteral("/close")).status, 200);
    QVERIFY(newEventTypes().isEmpty());

    test::HttpResult afterClose =
        request("POST", base + QStringLiteral("/messages"), R"({"body": "Hello?"})");
    QCOMPARE(afterClose.status, 409);
    QCOMPARE(errorCode(afterClose), QStringLiteral("invalid_state"));
    QCOMPARE(request("POST", base + QStringLiteral("/inbound"), R"({"body": "Hi"})").status, 409);
    QVERIFY(newEventTypes().isEmpty());
}

void ApiEndpointsTest::campaignsCreateStartCompleteWithEvents()
{
    test::HttpResult created =
        request("POST", QStringLiteral("/v1/campaigns"),
                R"({"name": "Spring sale", "message": "20% off", "recipients": 1200,
                    "scheduled_at": "2026-05-02T10:00:00+02:00"})");
    QCOMPARE(created.status, 201);
    const QJsonObject campaign = created.json();
    const qint64 id = campaign.value(QStringLiteral("id")).toInteger();
    QCOMPARE(created.header("Location"), QStringLiteral("/v1/campaigns/%1").arg(id).toUtf8());
    QCOMPARE(campaign.value(QStringLiteral("status")).toString(), QStringLiteral("scheduled"));
    QCOMPARE(campaign.value(QStringLiteral("scheduled_at")).toString(),
             QStringLiteral("2026-05-02T08:00:00.000Z"));
    QCOMPARE(campaign.value(QStringLiteral("recipients")).toInteger(), 1200);
    QVERIFY(newEventTypes().isEmpty()); // no campaign.created type

    const QString path = QStringLiteral("/v1/campaigns/%1").arg(id);
    QCOMPARE(request("GET", path).json(), campaign);
    test::HttpResult started = request("POST", path + QStringLiteral("/start"));
    QCOMPARE(started.status, 200);
    QCOMPARE(started.json().value(QStringLiteral("status")).toString(), QStringLiteral("sending"));
    test::HttpResult completed = request("POST", path + QStringLiteral("/complete"));
    QCOMPARE(completed.status, 200);
    QCOMPARE(completed.json().value(QStringLiteral("status")).toString(),
             QStringLiteral("completed"));
    QCOMPARE(newEventTypes(), QStringList{QStringLiteral("campaign.completed")});
    QCOMPARE(request("POST", path + QStringLiteral("/complete")).status, 200);
    QVERIFY(newEventTypes().isEmpty());
    test::HttpResult restart = request("POST", path + QStringLiteral("/start"));
    QCOMPARE(restart.status, 409);
    QCOMPARE(errorCode(restart), QStringLiteral("invalid_state"));

    QCOMPARE(
        request("POST", QStringLiteral("/v1/campaigns"), R"({"name": "B", "message": "m"})").status,
        201);
    const QJsonArray list = request("GET", QStringLiteral("/v1/campaigns"))
                                .json()
                                .value(QStringLiteral("data"))
                                .toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.first().toObject().value(QStringLiteral("id")).toInteger(), id);
}

void ApiEndpointsTest::listsPageWithCursorAndUpdatedSince()
{
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids.append(createContact(QStringLiteral("Contact %1").arg(i),
                                 QStringLiteral("c%1@example.com").arg(i)));

    QList<qint64> seen;
    QString cursor;
    int pages = 0;
    do {
        const QString path = QStringLiteral("/v1/contacts?limit=2") +
                             (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor);
        const test::HttpResult page = request("GET", path);
        QCOMPARE(page.status, 200);
        const QJsonArray data = page.json().value(QStringLiteral("data")).toArray();
        QVERIFY(data.size() <= 2);
        for (const QJsonValue &item : data)
            seen.append(item.toObject().value(QStringLiteral("id")).toInteger());
        const QJsonValue next = page.json().value(QStringLiteral("next_cursor"));
        QVERIFY(next.isString() || next.isNull());
        cursor = next.toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(seen, ids);
    QCOMPARE(pages, 3);

    // updated_since: only what changed at or after the time, in any time-zone spelling.
    m_clock->advance(60 * 1000);
    const QDateTime since = m_clock->now();
    m_clock->advance(1000);
    QCOMPARE(request("PATCH", QStringLiteral("/v1/contacts/%1").arg(ids.at(3)),
                     R"({"company": "Changed"})")
                 .status,
             200);
    const QString utc = since.toString(Qt::ISODateWithMs);
    const QString plusTwo = since.toOffsetFromUtc(2 * 3600).toString(Qt::ISODateWithMs);
    const QStringList spellings = {
        utc, QString(plusTwo).replace(QLatin1Char('+'), QStringLiteral("%2B")),
        QString(plusTwo).replace(QLatin1Char('+'), QLatin1Char(' '))};
    for (const QString &spelling : spellings) {
        const test::HttpResult changed =
            request("GET", QStringLiteral("/v1/contacts?updated_since=") + spelling);
        QVERIFY2(changed.status == 200, changed.body.constData());
        const QJsonArray data = changed.json().value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 1);
        QCOMPARE(data.first().toObject().value(QStringLiteral("id")).toInteger(), ids.at(3));
    }
    // Paging and updated_since combine.
    const test::HttpResult rest = request(
        "GET", QStringLiteral("/v1/contacts?cursor=%1&updated_since=%2").arg(ids.at(3)).arg(utc));
    QCOMPARE(rest.json().value(QStringLiteral("data")).toArray().size(), 0);
}

void ApiEndpointsTest::badQueryParametersAre400NamingTheParameter_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("limit not a number") << QStringLiteral("limit=abc") << QStringLiteral("limit");
    QTest::newRow("limit zero") << QStringLiteral("limit=0") << QStringLiteral("limit");
    QTest::newRow("limit too big") << QStringLiteral("limit=501") << QStringLiteral("limit");
    QTest::newRow("limit empty") << QStringLiteral("limit=") << QStringLiteral("limit");
    QTest::newRow("cursor negative") << QStringLiteral("cursor=-1") << QStringLiteral("cursor");
    QTest::newRow("cursor not a number")
        << QStringLiteral("cursor=abc") << QStringLiteral("cursor");
    QTest::newRow("updated_since not a time")
        << QStringLiteral("updated_since=yesterday") << QStringLiteral("updated_since");
    QTest::newRow("updated_since without zone")
        << QStringLiteral("updated_since=2026-05-01T09:00:00") << QStringLiteral("updated_since");
    QTest::newRow("unknown parameter")
        << QStringLiteral("update_since=2026-05-01T09:00:00Z") << QStringLiteral("update_since");
    QTest::newRow("given twice") << QStringLiteral("limit=5&limit=6") << QStringLiteral("limit");
}

void ApiEndpointsTest::badQueryParametersAre400NamingTheParameter()
{
    QFETCH(QString, query);
    QFETCH(QString, parameter);
    for (const QString &path : {QStringLiteral("/v1/contacts"), QStringLiteral("/v1/campaigns")}) {
        const test::HttpResult result = request("GET", path + QLatin1Char('?') + query);
        QCOMPARE(result.status, 400);
        const QJsonObject error = result.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(),
                 QStringLiteral("invalid_parameter"));
        QCOMPARE(error.value(QStringLiteral("parameter")).toString(), parameter);
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(parameter),
                 qPrintable(error.value(QStringLiteral("message")).toString()));
    }
    const test::HttpResult badFilter =
        request("GET", QStringLiteral("/v1/conversations?contact_id=x"));
    QCOMPARE(badFilter.status, 400);
    QCOMPARE(badFilter.json()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("parameter"))
                 .toString(),
             QStringLiteral("contact_id"));
}

void ApiEndpointsTest::malformedJsonIs400SayingWhere()
{
    const test::HttpResult result =
        request("POST", QStringLiteral("/v1/contacts"), "{\n  \"name\": \"Ada\",\n  \"email\": }");
    QCOMPARE(result.status, 400);
    QCOMPARE(errorCode(result), QStringLiteral("malformed_json"));
    const QString message = result.json()
                                .value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
    QVERIFY2(message.contains(QStringLiteral("line 3")) &&
                 message.contains(QStringLiteral("column")),
             qPrintable(message));

    const test::HttpResult array = request("POST", QStringLiteral("/v1/campaigns"), "[1, 2]");
    QCOMPARE(array.status, 400);
    QCOMPARE(errorCode(array), QStringLiteral("malformed_json"));
    const test::HttpResult action = request("POST", QStringLiteral("/v1/campaigns/1/start"), "{");
    QCOMPARE(action.status, 400);
    QVERIFY(newEventTypes().isEmpty());
}

void ApiEndpointsTest::bodyWithoutJsonContentTypeIs415()
{
    const test::HttpResult result =
        request("POST", QStringLiteral("/v1/contacts"), R"({"name": "Ada"})", {},
                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")}});
    QCOMPARE(result.status, 415);
    QCOMPARE(errorCode(result), QStringLiteral("unsupported_media_type"));
    QVERIFY(newEventTypes().isEmpty());
}

void ApiEndpointsTest::wrongTypesAndUnknownFieldsAre422FieldErrors()
{
    test::HttpResult contact =
        request("POST", QStringLiteral("/v1/contacts"),
                R"({"name": 5, "email": ["a@b.c"], "attributes": "gold", "nmae": "Ada"})");
    QCOMPARE(contact.status, 422);
    const QJsonObject error = contact.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("validation"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("nmae")));
    QVERIFY(hasField(contact, QStringLiteral("name"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(contact, QStringLiteral("email"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(contact, QStringLiteral("attributes"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(contact, QStringLiteral("nmae"), QStringLiteral("unknown_field")));
    QCOMPARE(fieldErrors(contact).size(), 4);

    const qint64 id = createContact(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    newEventTypes();
    const QString path = QStringLiteral("/v1/contacts/%1").arg(id);
    QVERIFY(hasField(request("PATCH", path, R"({"name": null})"), QStringLiteral("name"),
                     QStringLiteral("required")));
    QVERIFY(hasField(request("PATCH", path, R"({"phone": 12345})"), QStringLiteral("phone"),
                     QStringLiteral("invalid_type")));

    const QString conversations = QStringLiteral("/v1/conversations");
    QVERIFY(hasField(request("POST", conversations, R"({"contact_id": "7", "channel": "sms"})"),
                     QStringLiteral("contact_id"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(request("POST", conversations, R"({"contact_id": 1.5, "channel": "sms"})"),
                     QStringLiteral("contact_id"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(request("POST", conversations, R"({"channel": "sms"})"),
                     QStringLiteral("contact_id"), QStringLiteral("required")));
    // A contact that does not exist is a problem of the body (422), not of the URL (404).
    test::HttpResult missing =
        request("POST", conversations, R"({"contact_id": 999, "channel": "sms"})");
    QCOMPARE(missing.status, 422);
    QVERIFY(hasField(missing, QStringLiteral("contact_id"), QStringLiteral("not_found")));

    QVERIFY(hasField(request("POST", QStringLiteral("/v1/campaigns"),
                             R"({"name": "A", "message": "m", "recipients": "many"})"),
                     QStringLiteral("recipients"), QStringLiteral("invalid_type")));
    // Actions take no fields.
    test::HttpResult action =
        request("POST", QStringLiteral("/v1/campaigns/1/complete"), R"({"force": true})");
    QCOMPARE(action.status, 422);
    QVERIFY(hasField(action, QStringLiteral("force"), QStringLiteral("unknown_field")));
    QVERIFY(newEventTypes().isEmpty());
}

void ApiEndpointsTest::domainValidationIs422WithEveryField()
{
    test::HttpResult contact = request("POST", QStringLiteral("/v1/contacts"),
                                       R"({"name": " ", "email": "not-an-email"})");
    QCOMPARE(contact.status, 422);
    QVERIFY(hasField(contact, QStringLiteral("name"), QStringLiteral("required")));
    QCOMPARE(fieldErrors(contact).size(), 2);

    const qint64 id = createContact(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    test::HttpResult channel =
        request("POST", QStringLiteral("/v1/conversations"),
                QStringLiteral(R"({"contact_id": %1, "channel": "pigeon"})").arg(id).toUtf8());
    QCOMPARE(channel.status, 422);
    QCOMPARE(fieldErrors(channel).first().toObject().value(QStringLiteral("field")).toString(),
             QStringLiteral("channel"));

    test::HttpResult campaign =
        request("POST", QStringLiteral("/v1/campaigns"),
                R"({"name": "", "message": "m", "scheduled_at": "next week", "recipients": -1})");
    QCOMPARE(campaign.status, 422);
    QVERIFY(hasField(campaign, QStringLiteral("name"), QStringLiteral("required")));
    QVERIFY(hasField(campaign, QStringLiteral("scheduled_at"), QStringLiteral("invalid_time")));
    QVERIFY(hasField(campaign, QStringLiteral("recipients"), QStringLiteral("out_of_range")));

    const QString conversation = QString::fromUtf8(
        request("POST", QStringLiteral("/v1/conversations"),
                QStringLiteral(R"({"contact_id": %1, "channel": "sms"})").arg(id).toUtf8())
            .header("Location"));
    QVERIFY(
        hasField(request("POST", conversation + QStringLiteral("/messages"), R"({"body": "  "})"),
                 QStringLiteral("body"), QStringLiteral("required")));
    QVERIFY(hasField(request("POST", conversation + QStringLiteral("/inbound"), "{}"),
                     QStringLiteral("body"), QStringLiteral("required")));
}

void ApiEndpointsTest::unknownRoutesAndIdsAre404()
{
    const test::HttpResult route = request("GET", QStringLiteral("/v1/nothing-here"));
    QCOMPARE(route.status, 404);
    QCOMPARE(errorCode(route), QStringLiteral("not_found"));
    QCOMPARE(request("GET", QStringLiteral("/v1/contacts/1/extra")).status, 404);

    // Unknown ids, and ids that can never exist, answer the same 404.
    const QStringList paths = {
        QStringLiteral("/v1/contacts/999"),
        QStringLiteral("/v1/contacts/abc"),
        QStringLiteral("/v1/contacts/0"),
        QStringLiteral("/v1/contacts/-3"),
        QStringLiteral("/v1/conversations/999"),
        QStringLiteral("/v1/conversations/x/messages"),
        QStringLiteral("/v1/conversations/999/messages"),
        QStringLiteral("/v1/messages/999"),
        QStringLiteral("/v1/campaigns/999"),
        QStringLiteral("/v1/campaigns/1e3"),
    };
    for (const QString &path : paths) {
        const test::HttpResult result = request("GET", path);
        QVERIFY2(result.status == 404, qPrintable(path));
        QCOMPARE(errorCode(result), QStringLiteral("not_found"));
        QVERIFY(!result.json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .isEmpty());
    }
    QCOMPARE(request("POST", QStringLiteral("/v1/conversations/999/close")).status, 404);
    QCOMPARE(request("POST", QStringLiteral("/v1/messages/999/read")).status, 404);
    QCOMPARE(request("POST", QStringLiteral("/v1/campaigns/999/complete")).status, 404);
    QCOMPARE(request("PATCH", QStringLiteral("/v1/contacts/999"), "{}").status, 404);
    QCOMPARE(request("POST", QStringLiteral("/v1/conversations/999/messages"), R"({"body": "x"})")
                 .status,
             404);
}

void ApiEndpointsTest::wrongMethodIs405WithAllow()
{
    struct Case
    {
        QByteArray method;
        QString path;
        QByteArray allow;
    };
    const QList<Case> cases = {
        {"PUT", QStringLiteral("/v1/contacts"), "GET, POST"},
        {"POST", QStringLiteral("/v1/contacts/1"), "GET, PATCH, DELETE"},
        {"GET", QStringLiteral("/v1/contacts/by-email/a@example.com"), "PUT"},
        {"DELETE", QStringLiteral("/v1/conversations/1"), "GET"},
        {"GET", QStringLiteral("/v1/conversations/1/close"), "POST"},
        {"PATCH", QStringLiteral("/v1/conversations/1/messages"), "GET, POST"},
        {"GET", QStringLiteral("/v1/messages/1/read"), "POST"},
        {"DELETE", QStringLiteral("/v1/campaigns"), "GET, POST"},
        {"POST", QStringLiteral("/v1/openapi.json"), "GET"},
    };
    for (const Case &c : cases) {
        // No key: the method is checked before authentication.
        const test::HttpResult result = request(c.method, c.path, {}, kNoKey);
        QVERIFY2(result.status == 405,
                 qPrintable(QString::fromLatin1(c.method) + QLatin1Char(' ') + c.path));
        QCOMPARE(result.header("Allow"), c.allow);
        QCOMPARE(errorCode(result), QStringLiteral("method_not_allowed"));
    }
}

void ApiEndpointsTest::everyScopedRouteIs403WithoutItsScope()
{
    // The same route list the Engine installs, to reach every route.
    Router router;
    ApiAuthenticator authenticator(m_engine->apiKeys(), m_engine->clock(), ApiSettings{});
    ApiRoutes api(router, authenticator);
    ResourceRoutes::install(api, m_engine->domain(), m_engine->webhooks());
    QHash<QString, QString> tokens;
    int checked = 0;
    for (const ApiRoutes::Registration &route : api.registrations()) {
        if (route.scope.isEmpty())
            continue;
        if (!tokens.contains(route.scope)) {
            QStringList others = ApiKeyScopes::all();
            others.removeAll(route.scope);
            tokens.insert(route.scope, createKey(others));
        }
        QString path = route.pattern;
        path.replace(QStringLiteral("{id}"), QStringLiteral("1"))
            .replace(QStringLiteral("{email}"), QStringLiteral("a@example.com"));
        const QByteArray method = Router::methodName(route.method);
        const test::HttpResult result =
            request(method, path, method == "GET" ? QByteArray() : QByteArrayLiteral("{}"),
                    tokens.value(route.scope));
        QVERIFY2(result.status == 403,
                 qPrintable(QString::fromLatin1(method) + QLatin1Char(' ') + path +
                            QLatin1Char(' ') + QString::fromUtf8(result.body)));
        QCOMPARE(errorCode(result), QStringLiteral("insufficient_scope"));
        QVERIFY(result.header("WWW-Authenticate")
                    .contains(QByteArray("scope=\"" + route.scope.toLatin1() + '"')));
        QVERIFY(result.json()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(route.scope));
        ++checked;
    }
    QVERIFY(checked >= 20);
    QVERIFY(newEventTypes().isEmpty());
}

void ApiEndpointsTest::readScopePolicyIsAsDocumented()
{
    const qint64 contactId =
        createContact(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const QString conversation = QString::fromUtf8(
        request("POST", QStringLiteral("/v1/conversations"),
                QStringLiteral(R"({"contact_id": %1, "channel": "sms"})").arg(contactId).toUtf8())
            .header("Location"));
    const QString reader = createKey({ApiKeyScopes::ContactsRead});
    const QString writer = createKey({ApiKeyScopes::ContactsWrite, ApiKeyScopes::ConversationsWrite,
                                      ApiKeyScopes::MessagesWrite});
    // contacts:read reads customer data: contacts, conversations, messages.
    const QString messages = conversation + QStringLiteral("/messages");
    for (const QString &path : {QStringLiteral("/v1/contacts"), QStringLiteral("/v1/conversations"),
                                conversation, messages})
        QCOMPARE(request("GET", path, {}, reader).status, 200);
    // Write scopes never grant reading.
    for (const QString &path :
         {QStringLiteral("/v1/contacts"), QStringLiteral("/v1/conversations"), messages})
        QCOMPARE(request("GET", path, {}, writer).status, 403);
    QCOMPARE(request("GET", QStringLiteral("/v1/campaigns"), {}, reader).status, 403);
    QCOMPARE(request("GET", QStringLiteral("/v1/campaigns"), {},
                     createKey({ApiKeyScopes::CampaignsWrite}))
                 .status,
             200);
    // The document needs a key, any key.
    QCOMPARE(request("GET", QStringLiteral("/v1/openapi.json"), {},
                     createKey({ApiKeyScopes::AnalyticsRead}))
                 .status,
             200);
    QCOMPARE(request("GET", QStringLiteral("/v1/openapi.json"), {}, kNoKey).status, 401);
}

void ApiEndpointsTest::duplicateEmailAndInvalidStateAre409()
{
    const qint64 first = createContact(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const qint64 second = createContact(QStringLiteral("Bob"), QStringLiteral("bob@example.com"));
    newEventTypes();
    const test::HttpResult duplicate = request("POST", QStringLiteral("/v1/contacts"),
                                               R"({"name": "Eve", "email": "ADA@example.com"})");
    QCOMPARE(duplicate.status, 409);
    const QJsonObject error = duplicate.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("conflict"));
    QCOMPARE(error.value(QStringLiteral("existing_id")).toInteger(), first);
    const test::HttpResult taken = request("PATCH", QStringLiteral("/v1/contacts/%1").arg(second),
                                           R"({"email": "ada@example.com"})");
    QCOMPARE(taken.status, 409);
    QCOMPARE(errorCode(taken), QStringLiteral("conflict"));
    QVERIFY(newEventTypes().isEmpty());
    // invalid_state (closed conversation, inbound receipt, restarted campaign) is covered with
    // each resource's flow above.
}

void ApiEndpointsTest::eachAuthenticationFailureIs401()
{
    qint64 revokedId = 0;
    const QString revoked = createKey({ApiKeyScopes::ContactsRead}, {}, &revokedId);
    QString error;
    QVERIFY2(m_engine->apiKeys().revoke(revokedId, QStringLiteral("test"), &error),
             qPrintable(error));
    const QString expiring = createKey({ApiKeyScopes::ContactsRead}, m_clock->now().addSecs(60));
    QCOMPARE(request("GET", QStringLiteral("/v1/contacts"), {}, expiring).status, 200);
    m_clock->advance(120 * 1000);

    struct Case
    {
        QString name;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString code;
    };
    const QString unknown = QStringLiteral("bbk_") + QString(40, QLatin1Char('A'));
    const QList<Case> cases = {
        {QStringLiteral("no header"), {}, QStringLiteral("missing_api_key")},
        {QStringLiteral("basic"),
         {{"Authorization", "Basic dXNlcjpwYXNz"}},
         QStringLiteral("malformed_api_key")},
        {QStringLiteral("not a key"),
         {{"Authorization", "Bearer hello"}},
         QStringLiteral("malformed_api_key")},
        {QStringLiteral("unknown"),
         {{"Authorization", "Bearer " + unknown.toLatin1()}},
         QStringLiteral("invalid_api_key")},
        {QStringLiteral("revoked"),
         {{"Authorization", "Bearer " + revoked.toLatin1()}},
         QStringLiteral("revoked_api_key")},
        {QStringLiteral("expired"),
         {{"Authorization", "Bearer " + expiring.toLatin1()}},
         QStringLiteral("expired_api_key")},
    };
    for (const Case &c : cases) {
        const test::HttpResult result =
            request("GET", QStringLiteral("/v1/contacts"), {}, kNoKey, c.headers);
        QVERIFY2(result.status == 401, qPrintable(c.name));
        QCOMPARE(errorCode(result), c.code);
        QVERIFY(result.header("WWW-Authenticate").startsWith("Bearer"));
    }
}

void ApiEndpointsTest::rateLimitsAre429WithRetryAfter()
{
    // init() gave this test a burst of 3 requests per key (the all-scopes key is unused so far)
    // and 2 failed authentications per address.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(request("GET", QStringLiteral("/v1/contacts")).status, 200);
    const test::HttpResult limited = request("GET", QStringLiteral("/v1/contacts"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(errorCode(limited), QStringLiteral("rate_limited"));
    QVERIFY(limited.header("Retry-After").toInt() >= 1);
    m_clock->advance(2000); // the bucket refills on the engine's clock
    QCOMPARE(request("GET", QStringLiteral("/v1/contacts")).status, 200);

    QCOMPARE(request("GET", QStringLiteral("/v1/contacts"), {}, kNoKey).status, 401);
    QCOMPARE(request("GET", QStringLiteral("/v1/contacts"), {}, kNoKey).status, 401);
    const test::HttpResult throttled = request("GET", QStringLiteral("/v1/contacts"), {}, kNoKey);
    QCOMPARE(throttled.status, 429);
    QCOMPARE(errorCode(throttled), QStringLiteral("too_many_failed_attempts"));
    QVERIFY(throttled.header("Retry-After").toInt() >= 1);
}

void ApiEndpointsTest::oversizedBodyIs413()
{
    // Raw socket: the server answers from the Content-Length and closes, before the body is sent.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_engine->httpPort());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /v1/contacts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Authorization: Bearer " +
                 m_token.toLatin1() + "\r\nContent-Length: 200000\r\n\r\n{\"name\": \"");
    QByteArray response;
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired() && !response.contains("}}")) {
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        response.append(socket.readAll());
    }
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.constData());
    QVERIFY(response.contains("\"code\":\"payload_too_large\""));
    QVERIFY(newEventTypes().isEmpty());
}

QTEST_GUILESS_MAIN(ApiEndpointsTest)
#include "ApiEndpointsTest.moc"
