#include "TestCa.h"
#include "TestSupport.h"
#include "api/ApiAuthenticator.h"
#include "api/ApiRoutes.h"
#include "api/HealthRoutes.h"
#include "api/OpenApiRoutes.h"
#include "api/ResourceRoutes.h"
#include "api/Router.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Engine.h"
#include "domain/Domain.h"
#include "webhooks/WebhookStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

// The OpenAPI document against the server that serves it: it parses, is OpenAPI 3.0.x, and
// describes exactly the routes the server answers, with each route's scope and error statuses.
// Standard validation of the document is the ctest "openapi_document_valid" (node).
class OpenApiTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void documentIsServedParsesAndIsOpenApi30();
    void everyRouteIsDocumentedWithItsScope();
    void liveServerAnswersExactlyTheDocumentedMethods();
    void everyOperationDocumentsItsErrors();
    void schemasMatchWhatTheServerSends();
    void webhookSchemasMatchWhatTheServerSends();

private:
    test::HttpResult get(const QString &path, const QString &token);
    // The routes as the Engine installs them (the same functions), with their scopes.
    struct Route
    {
        QString method; // lower case, as OpenAPI spells it
        QString pattern;
        std::optional<QString> scope; // none: no authentication (/healthz)
    };
    QList<Route> serverRoutes();
    static QJsonObject resolve(const QJsonObject &root, const QJsonObject &maybeRef);
    // A schema's properties and required names, with $ref and allOf followed.
    static void flatten(const QJsonObject &root, const QJsonObject &schema, QStringList *properties,
                        QStringList *required);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Engine> m_engine;
    QString m_token;
    QJsonObject m_document;
};

static const QStringList kMethods = {QStringLiteral("get"), QStringLiteral("put"),
                                     QStringLiteral("post"), QStringLiteral("delete"),
                                     QStringLiteral("patch")};

void OpenApiTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    EngineConfig config = test::engineConfig(*m_dir);
    // The live-server check makes many unauthenticated calls on purpose.
    config.api.failureBurst = 1e6;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    const auto created = m_engine->apiKeys().create(QStringLiteral("docs"), ApiKeyScopes::all(), {},
                                                    QStringLiteral("test"), &error);
    QVERIFY2(created, qPrintable(error));
    m_token = created->token;
    QJsonParseError parseError;
    m_document = QJsonDocument::fromJson(OpenApiRoutes::document(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
}

void OpenApiTest::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

test::HttpResult OpenApiTest::get(const QString &path, const QString &token)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!token.isEmpty())
        headers.append({QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1()});
    return test::httpRequest(
        "GET", QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_engine->httpPort()) + path), {},
        headers);
}

QList<OpenApiTest::Route> OpenApiTest::serverRoutes()
{
    Router router;
    HealthRoutes::install(router, *m_engine);
    ApiAuthenticator authenticator(m_engine->apiKeys(), m_engine->clock(), ApiSettings{});
    ApiRoutes api(router, authenticator);
    ResourceRoutes::install(api, m_engine->domain(), m_engine->webhooks());
    QList<Route> routes;
    for (const Router::RouteInfo &info : router.routes()) {
        Route route{QString::fromLatin1(Router::methodName(info.method)).toLower(), info.pattern,
                    std::nullopt};
        for (const ApiRoutes::Registration &registration : api.registrations())
            if (registration.method == info.method && registration.pattern == info.pattern)
                route.scope = registration.scope;
        routes.append(route);
    }
    return routes;
}

QJsonObject OpenApiTest::resolve(const QJsonObject &root, const QJsonObject &maybeRef)
{
    const QString ref = maybeRef.value(QStringLiteral("$ref")).toString();
    if (ref.isEmpty())
        return maybeRef;
    QJsonValue at = root;
    const QStringList parts = ref.mid(2).split(QLatin1Char('/'));
    for (const QString &part : parts)
        at = at.toObject().value(part);
    return at.toObject();
}

void OpenApiTest::flatten(const QJsonObject &root, const QJsonObject &schema,
                          QStringList *properties, QStringList *required)
{
    const QJsonObject resolved = resolve(root, schema);
    const QJsonArray parts = resolved.value(QStringLiteral("allOf")).toArray();
    for (const QJsonValue &part : parts)
        flatten(root, part.toObject(), properties, required);
    *properties += resolved.value(QStringLiteral("properties")).toObject().keys();
    const QJsonArray names = resolved.value(QStringLiteral("required")).toArray();
    for (const QJsonValue &name : names)
        required->append(name.toString());
}

void OpenApiTest::documentIsServedParsesAndIsOpenApi30()
{
    const test::HttpResult served = get(QStringLiteral("/v1/openapi.json"), m_token);
    QCOMPARE(served.status, 200);
    QVERIFY(served.header("Content-Type").startsWith("application/json"));
    QJsonParseError parseError;
    const QJsonObject document = QJsonDocument::fromJson(served.body, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QVERIFY(
        document.value(QStringLiteral("openapi")).toString().startsWith(QStringLiteral("3.0.")));
    QVERIFY(!document.value(QStringLiteral("info"))
                 .toObject()
                 .value(QStringLiteral("title"))
                 .toString()
                 .isEmpty());

    // The bytes served are the source file that the node validator checks.
    QFile source(QStringLiteral(BOTBAT_OPENAPI_SOURCE));
    QVERIFY2(source.open(QIODevice::ReadOnly), qPrintable(source.errorString()));
    QVERIFY2(served.body == source.readAll(),
             "The served document differs from engine/api/openapi.json: rebuild the engine");

    // The bearer scheme, required everywhere but /healthz.
    const QJsonObject scheme = document.value(QStringLiteral("components"))
                                   .toObject()
                                   .value(QStringLiteral("securitySchemes"))
                                   .toObject()
                                   .value(QStringLiteral("bearerAuth"))
                                   .toObject();
    QCOMPARE(scheme.value(QStringLiteral("type")).toString(), QStringLiteral("http"));
    QCOMPARE(scheme.value(QStringLiteral("scheme")).toString(), QStringLiteral("bearer"));
    QVERIFY(document.value(QStringLiteral("security"))
                .toArray()
                .contains(QJsonObject{{QStringLiteral("bearerAuth"), QJsonArray()}}));

    // Like every /v1 endpoint, the document needs a key.
    const test::HttpResult anonymous = get(QStringLiteral("/v1/openapi.json"), {});
    QCOMPARE(anonymous.status, 401);
}

void OpenApiTest::everyRouteIsDocumentedWithItsScope()
{
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    const QList<Route> routes = serverRoutes();
    QVERIFY(routes.size() >= 20);
    QSet<QString> served;
    for (const Route &route : routes) {
        const QString where = route.method.toUpper() + QLatin1Char(' ') + route.pattern;
        served.insert(where);
        QVERIFY2(paths.contains(route.pattern),
                 qPrintable(where + QStringLiteral(" is not in paths")));
        const QJsonObject operation =
            paths.value(route.pattern).toObject().value(route.method).toObject();
        QVERIFY2(!operation.isEmpty(), qPrintable(where + QStringLiteral(" has no operation")));
        QVERIFY2(!operation.value(QStringLiteral("operationId")).toString().isEmpty(),
                 qPrintable(where));
        const QJsonValue documentedScope = operation.value(QStringLiteral("x-required-scope"));
        if (route.scope && !route.scope->isEmpty()) {
            QVERIFY2(documentedScope.toString() == *route.scope,
                     qPrintable(where + QStringLiteral(" needs ") + *route.scope));
            QVERIFY2(
                operation.value(QStringLiteral("description")).toString().contains(*route.scope),
                qPrintable(where));
        } else {
            QVERIFY2(documentedScope.isUndefined(), qPrintable(where));
        }
        // /healthz alone answers without a key.
        QCOMPARE(operation.contains(QStringLiteral("security")), !route.scope.has_value());
    }
    // And nothing is documented that the server does not answer.
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto key = item.constBegin(); key != item.constEnd(); ++key) {
            if (key.key() == QLatin1String("parameters"))
                continue;
            const QString where = key.key().toUpper() + QLatin1Char(' ') + path.key();
            QVERIFY2(served.contains(where), qPrintable(where + QStringLiteral(" is not served")));
        }
    }
}

void OpenApiTest::liveServerAnswersExactlyTheDocumentedMethods()
{
    // The running server, not a copy of its routes: for every documented path, each documented
    // method reaches a handler (401 without a key, which unknown routes never answer), and the
    // 405 for any other method lists exactly the documented ones.
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        QString concrete = path.key();
        concrete.replace(QStringLiteral("{id}"), QStringLiteral("1"))
            .replace(QStringLiteral("{email}"), QStringLiteral("a@example.com"));
        QVERIFY2(!concrete.contains(QLatin1Char('{')), qPrintable(path.key()));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(m_engine->httpPort()) + concrete);
        const QJsonObject item = path.value().toObject();
        QStringList documented;
        for (const QString &method : kMethods) {
            if (!item.contains(method))
                continue;
            documented.append(method.toUpper());
            const int expected = path.key() == QLatin1String("/healthz") ? 200 : 401;
            const test::HttpResult result = test::httpRequest(method.toUpper().toLatin1(), url);
            QVERIFY2(result.status == expected,
                     qPrintable(method + QLatin1Char(' ') + path.key() + QLatin1Char(' ') +
                                QString::number(result.status)));
        }
        for (const QString &method : kMethods) {
            if (item.contains(method))
                continue;
            const test::HttpResult result = test::httpRequest(method.toUpper().toLatin1(), url);
            QVERIFY2(result.status == 405, qPrintable(method + QLatin1Char(' ') + path.key()));
            QStringList allowed =
                QString::fromLatin1(result.header("Allow")).split(QStringLiteral(", "));
            allowed.sort();
            documented.sort();
            QCOMPARE(allowed, documented);
            break; // one undocumented method per path is enough
        }
    }
}

void OpenApiTest::everyOperationDocumentsItsErrors()
{
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    int operations = 0;
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        if (!path.key().startsWith(QLatin1String("/v1/")))
            continue;
        const QJsonObject item = path.value().toObject();
        const bool hasId = path.key().contains(QLatin1String("{id}"));
        for (const QString &method : kMethods) {
            const QJsonObject operation = item.value(method).toObject();
            if (operation.isEmpty())
                continue;
            ++operations;
            const QString where = method.toUpper() + QLatin1Char(' ') + path.key();
            const QJsonObject responses = operation.value(QStringLiteral("responses")).toObject();
            QStringList expected = {QStringLiteral("401"), QStringLiteral("429"),
                                    QStringLiteral("503"), QStringLiteral("default")};
            if (operation.contains(QStringLiteral("x-required-scope")))
                expected.append(QStringLiteral("403"));
            if (hasId)
                expected.append(QStringLiteral("404"));
            if (operation.contains(QStringLiteral("requestBody")))
                expected += {QStringLiteral("400"), QStringLiteral("413"), QStringLiteral("415"),
                             QStringLiteral("422")};
            if (!operation.value(QStringLiteral("parameters")).toArray().isEmpty())
                expected.append(QStringLiteral("400"));
            for (const QString &status : expected)
                QVERIFY2(responses.contains(status),
                         qPrintable(where + QStringLiteral(" lacks ") + status));
            bool success = false;
            for (auto response = responses.constBegin(); response != responses.constEnd();
                 ++response) {
                success = success || response.key().startsWith(QLatin1Char('2'));
                // Every error response is the one Error shape.
                if (response.key().startsWith(QLatin1Char('4')) ||
                    response.key().startsWith(QLatin1Char('5')) ||
                    response.key() == QLatin1String("default")) {
                    const QJsonObject resolved = resolve(m_document, response.value().toObject());
                    const QString schema = resolved.value(QStringLiteral("content"))
                                               .toObject()
                                               .value(QStringLiteral("application/json"))
                                               .toObject()
                                               .value(QStringLiteral("schema"))
                                               .toObject()
                                               .value(QStringLiteral("$ref"))
                                               .toString();
                    QVERIFY2(schema == QLatin1String("#/components/schemas/Error"),
                             qPrintable(where + QLatin1Char(' ') + response.key()));
                }
            }
            QVERIFY2(success, qPrintable(where + QStringLiteral(" has no 2xx response")));
        }
    }
    QVERIFY(operations >= 20);
    const QJsonObject responses = m_document.value(QStringLiteral("components"))
                                      .toObject()
                                      .value(QStringLiteral("responses"))
                                      .toObject();
    QVERIFY(responses.value(QStringLiteral("TooManyRequests"))
                .toObject()
                .value(QStringLiteral("headers"))
                .toObject()
                .contains(QStringLiteral("Retry-After")));
    QVERIFY(responses.value(QStringLiteral("MethodNotAllowed"))
                .toObject()
                .value(QStringLiteral("headers"))
                .toObject()
                .contains(QStringLiteral("Allow")));
    QVERIFY(responses.value(QStringLiteral("Unauthorized"))
                .toObject()
                .value(QStringLiteral("headers"))
                .toObject()
                .contains(QStringLiteral("WWW-Authenticate")));
}

void OpenApiTest::schemasMatchWhatTheServerSends()
{
    // Every property the server sends is documented as required, and nothing more.
    Domain &domain = m_engine->domain();
    ContactInput contactInput;
    contactInput.name = QStringLiteral("Ada");
    const DomainResult<Contact> contact = domain.createContact(contactInput);
    QVERIFY(contact.ok());
    ConversationInput conversationInput;
    conversationInput.contactId = contact->id;
    conversationInput.channel = QStringLiteral("sms");
    const DomainResult<Conversation> conversation = domain.createConversation(conversationInput);
    QVERIFY(conversation.ok());
    const DomainResult<Message> message =
        domain.sendOutboundMessage(conversation->id, QStringLiteral("Hello"));
    QVERIFY(message.ok());
    CampaignInput campaignInput;
    campaignInput.name = QStringLiteral("Spring");
    campaignInput.message = QStringLiteral("Hi");
    const DomainResult<Campaign> campaign = domain.createCampaign(campaignInput);
    QVERIFY(campaign.ok());

    const QJsonObject schemas = m_document.value(QStringLiteral("components"))
                                    .toObject()
                                    .value(QStringLiteral("schemas"))
                                    .toObject();
    const QList<QPair<QString, QString>> samples = {
        {QStringLiteral("Contact"), QStringLiteral("/v1/contacts/%1").arg(contact->id)},
        {QStringLiteral("Conversation"),
         QStringLiteral("/v1/conversations/%1").arg(conversation->id)},
        {QStringLiteral("Message"), QStringLiteral("/v1/messages/%1").arg(message->id)},
        {QStringLiteral("Campaign"), QStringLiteral("/v1/campaigns/%1").arg(campaign->id)},
        {QStringLiteral("ContactList"), QStringLiteral("/v1/contacts")},
        {QStringLiteral("MessageList"),
         QStringLiteral("/v1/conversations/%1/messages").arg(conversation->id)},
    };
    for (const auto &[name, path] : samples) {
        const test::HttpResult result = get(path, m_token);
        QCOMPARE(result.status, 200);
        QStringList sent = result.json().keys();
        const QJsonObject schema = schemas.value(name).toObject();
        QStringList documented = schema.value(QStringLiteral("properties")).toObject().keys();
        QStringList required;
        const QJsonArray requiredArray = schema.value(QStringLiteral("required")).toArray();
        for (const QJsonValue &value : requiredArray)
            required.append(value.toString());
        sent.sort();
        documented.sort();
        required.sort();
        QVERIFY2(sent == documented, qPrintable(name));
        QVERIFY2(sent == required, qPrintable(name));
    }

    // An error body has the documented shape.
    const test::HttpResult error = get(QStringLiteral("/v1/contacts/999"), m_token);
    QCOMPARE(error.status, 404);
    const QJsonObject detail = error.json().value(QStringLiteral("error")).toObject();
    const QJsonObject errorSchema = schemas.value(QStringLiteral("ErrorDetail")).toObject();
    for (const QString &key : detail.keys())
        QVERIFY2(errorSchema.value(QStringLiteral("properties")).toObject().contains(key),
                 qPrintable(key));
}

void OpenApiTest::webhookSchemasMatchWhatTheServerSends()
{
    // The same check for the webhook resources, whose detailed shapes extend the plain ones
    // with allOf. A generated secret is documented as optional: it is sent once.
    WebhookStore &webhooks = m_engine->webhooks();
    WebhookEndpointInput input;
    input.url = QStringLiteral("https://localhost:9/hook");
    input.events = QStringList{QStringLiteral("message.received")};
    input.secretAction = WebhookEndpointInput::SecretAction::Generate;
    const DomainResult<WebhookStore::Saved> saved = webhooks.create(input);
    QVERIFY(saved.ok());
    const qint64 endpoint = saved->endpoint.id;
    const DomainResult<WebhookDelivery> delivery =
        webhooks.createTest(endpoint, QStringLiteral("message.received"));
    QVERIFY(delivery.ok());
    const test::TestCa ca;
    const DomainResult<TrustedCertificate> certificate = webhooks.addTrustedCertificate(ca.caPem());
    QVERIFY(certificate.ok());
    // The unreachable receiver makes the test fail at once, which gives it an attempt.
    QTRY_VERIFY_WITH_TIMEOUT(webhooks.delivery(delivery->id)->isFinal(), 20000);

    const QJsonObject schemas = m_document.value(QStringLiteral("components"))
                                    .toObject()
                                    .value(QStringLiteral("schemas"))
                                    .toObject();
    const auto check = [&](const QString &name, const QJsonObject &sent) {
        QStringList properties;
        QStringList required;
        flatten(m_document, schemas.value(name).toObject(), &properties, &required);
        QStringList keys = sent.keys();
        keys.sort();
        properties.sort();
        required.sort();
        QVERIFY2(!keys.isEmpty(), qPrintable(name));
        QVERIFY2(keys == properties,
                 qPrintable(name + QLatin1Char(' ') + keys.join(QLatin1Char(',')) +
                            QStringLiteral(" / ") + properties.join(QLatin1Char(','))));
        QVERIFY2(keys == required, qPrintable(name));
    };
    const auto body = [this](const QString &path) {
        const test::HttpResult result = get(path, m_token);
        if (result.status != 200)
            qWarning("GET %s: %d %s", qPrintable(path), result.status, result.body.constData());
        return result.json();
    };
    check(QStringLiteral("WebhookEndpoint"), body(QStringLiteral("/v1/webhooks/%1").arg(endpoint)));
    check(QStringLiteral("WebhookEndpointList"), body(QStringLiteral("/v1/webhooks")));
    const QJsonObject list = body(QStringLiteral("/v1/deliveries"));
    check(QStringLiteral("WebhookDeliveryList"), list);
    check(QStringLiteral("WebhookDelivery"),
          list.value(QStringLiteral("data")).toArray().first().toObject());
    const QJsonObject detail = body(QStringLiteral("/v1/deliveries/%1").arg(delivery->id));
    check(QStringLiteral("WebhookDeliveryDetail"), detail);
    check(QStringLiteral("WebhookPayload"), detail.value(QStringLiteral("payload")).toObject());
    const QJsonObject attempt =
        detail.value(QStringLiteral("attempt_details")).toArray().first().toObject();
    check(QStringLiteral("WebhookAttemptDetail"), attempt);
    check(QStringLiteral("HttpHeader"),
          attempt.value(QStringLiteral("request_headers")).toArray().first().toObject());
    check(QStringLiteral("WebhookAttemptList"),
          body(QStringLiteral("/v1/deliveries/%1/attempts").arg(delivery->id)));
    check(QStringLiteral("TrustedCertificate"),
          body(QStringLiteral("/v1/trusted-certificates/%1").arg(certificate->id)));
    check(QStringLiteral("TrustedCertificateList"),
          body(QStringLiteral("/v1/trusted-certificates")));

    // The secret is documented, and not required.
    QStringList properties;
    QStringList required;
    flatten(m_document, schemas.value(QStringLiteral("WebhookEndpointWithSecret")).toObject(),
            &properties, &required);
    QVERIFY(properties.contains(QStringLiteral("secret")));
    QVERIFY(!required.contains(QStringLiteral("secret")));
}

QTEST_GUILESS_MAIN(OpenApiTest)
#include "OpenApiTest.moc"
