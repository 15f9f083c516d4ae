#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "ThreadedHttpsReceiver.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Engine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

// The outgoing-webhook REST API (/v1/webhooks, /v1/deliveries, /v1/trusted-certificates)
// against a real Engine on a loopback port with keys from the real key store, and, for the
// end-to-end case, the real dispatcher sending to a real HTTPS receiver with a test CA.
class WebhookApiTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void endpointCrudRoundTrip();
    void httpUrlIs422WithAnExplanation();
    void everyFieldProblemIsReportedAtOnce();
    void unknownEventIs422();
    void generatedSecretIsReturnedOnceThenNever();
    void pastedSecretIsNeverEchoed();
    void keyWithoutWebhooksManageIs403();
    void rotateSecretReturnsTheNewSecretOnce();
    void disableRecordsWhyAndEnableClearsIt();
    void testSendIs202AndTheDeliveryCanBePolled();
    void deliveryListsFilterAndPageNewestFirst();
    void badDeliveryQueryParametersAre400NamingThem_data();
    void badDeliveryQueryParametersAre400NamingThem();
    void resendAndRetryFailed();
    void trustedCertificatesAddListGetRemove();
    void dispatcherDeliversTheTestToAnHttpsReceiver();

private:
    // token: empty = the webhooks:manage key. Every response body is kept for secret scans.
    test::HttpResult request(const QByteArray &method, const QString &path,
                             const QByteArray &body = {}, const QString &token = {});
    QString createKey(const QStringList &scopes);
    // Creates an endpoint for url and returns its JSON (empty on failure, with a warning).
    QJsonObject createEndpoint(const QString &url, const QString &secret = {});
    qint64 sendTest(qint64 endpointId, const QString &eventType);
    // Polls GET /v1/deliveries/{id} until its state is final; the last answer.
    QJsonObject waitForFinalDelivery(qint64 deliveryId, int timeoutMs = 20000);
    // Every response body since init that contains needle, for a readable failure.
    QStringList responsesContaining(const QString &needle) const;
    static QString errorCode(const test::HttpResult &result);
    static bool hasField(const test::HttpResult &result, const QString &field,
                         const QString &code = {}, QString *message = nullptr);
    static QByteArray headerValue(const QJsonArray &headers, const QByteArray &name);
    static QList<qint64> ids(const QJsonObject &list);

    static inline const QString kUnreachable = QStringLiteral("https://localhost:9/hook");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Engine> m_engine;
    QString m_token;
    QList<QByteArray> m_responses;
};

void WebhookApiTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    EngineConfig config = test::engineConfig(*m_dir);
    // The system clock: the dispatcher must see test deliveries fall due by itself.
    config.api.keyBurst = 1e6;
    config.api.failureBurst = 1e6;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_token = createKey({ApiKeyScopes::WebhooksManage});
    m_responses.clear();
}

void WebhookApiTest::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

test::HttpResult WebhookApiTest::request(const QByteArray &method, const QString &path,
                                         const QByteArray &body, const QString &token)
{
    const QList<QPair<QByteArray, QByteArray>> headers = {
        {QByteArrayLiteral("Authorization"),
         "Bearer " + (token.isEmpty() ? m_token : token).toLatin1()}};
    test::HttpResult result = test::httpRequest(
        method, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_engine->httpPort()) + path), body,
        headers);
    m_responses.append(result.body);
    for (const auto &header : std::as_const(result.headers))
        m_responses.append(header.second);
    return result;
}

QString WebhookApiTest::createKey(const QStringList &scopes)
{
    static int serial = 0;
    QString error;
    const auto created = m_engine->apiKeys().create(QStringLiteral("webhook key %1").arg(++serial),
                                                    scopes, {}, QStringLiteral("test"), &error);
    if (!created)
        qFatal("Could not create an API key: %s", qPrintable(error));
    return created->token;
}

QJsonObject WebhookApiTest::createEndpoint(const QString &url, const QString &secret)
{
    QJsonObject body{{QStringLiteral("url"), url},
                     {QStringLiteral("events"), QJsonArray{QStringLiteral("message.received")}}};
    if (!secret.isEmpty())
        body.insert(QStringLiteral("secret"), secret);
    const test::HttpResult result =
        request("POST", QStringLiteral("/v1/webhooks"), QJsonDocument(body).toJson());
    if (result.status != 201) {
        qWarning("Creating a webhook endpoint failed: %d %s", result.status,
                 result.body.constData());
        return {};
    }
    return result.json();
}

qint64 WebhookApiTest::sendTest(qint64 endpointId, const QString &eventType)
{
    const test::HttpResult result =
        request("POST", QStringLiteral("/v1/webhooks/%1/test").arg(endpointId),
                QJsonDocument(QJsonObject{{QStringLiteral("event_type"), eventType}}).toJson());
    if (result.status != 202)
        qWarning("Sending a test failed: %d %s", result.status, result.body.constData());
    return result.json().value(QStringLiteral("id")).toInteger();
}

QJsonObject WebhookApiTest::waitForFinalDelivery(qint64 deliveryId, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QJsonObject delivery;
    do {
        delivery = request("GET", QStringLiteral("/v1/deliveries/%1").arg(deliveryId)).json();
        const QString state = delivery.value(QStringLiteral("state")).toString();
        if (state == QLatin1String("succeeded") || state == QLatin1String("failed"))
            return delivery;
        QTest::qWait(50);
    } while (timer.elapsed() < timeoutMs);
    return delivery;
}

QStringList WebhookApiTest::responsesContaining(const QString &needle) const
{
    QStringList found;
    for (const QByteArray &body : m_responses) {
        if (body.contains(needle.toUtf8()))
            found.append(QString::fromUtf8(body.left(300)));
    }
    return found;
}

QString WebhookApiTest::errorCode(const test::HttpResult &result)
{
    return result.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

bool WebhookApiTest::hasField(const test::HttpResult &result, const QString &field,
                              const QString &code, QString *message)
{
    const QJsonArray fields = result.json()
                                  .value(QStringLiteral("error"))
                                  .toObject()
                                  .value(QStringLiteral("fields"))
                                  .toArray();
    for (const QJsonValue &value : fields) {
        const QJsonObject error = value.toObject();
        if (error.value(QStringLiteral("field")).toString() == field &&
            (code.isEmpty() || error.value(QStringLiteral("code")).toString() == code) &&
            !error.value(QStringLiteral("message")).toString().isEmpty()) {
            if (message)
                *message = error.value(QStringLiteral("message")).toString();
            return true;
        }
    }
    qWarning("No field error %s/%s in %s", qPrintable(field), qPrintable(code),
             result.body.constData());
    return false;
}

QByteArray WebhookApiTest::headerValue(const QJsonArray &headers, const QByteArray &name)
{
    for (const QJsonValue &value : headers) {
        const QJsonObject header = value.toObject();
        if (header.value(QStringLiteral("name"))
                .toString()
                .toLatin1()
                .compare(name, Qt::CaseInsensitive) == 0)
            return header.value(QStringLiteral("value")).toString().toLatin1();
    }
    return {};
}

QList<qint64> WebhookApiTest::ids(const QJsonObject &list)
{
    QList<qint64> result;
    const QJsonArray data = list.value(QStringLiteral("data")).toArray();
    for (const QJsonValue &item : data)
        result.append(item.toObject().value(QStringLiteral("id")).toInteger());
    return result;
}

void WebhookApiTest::endpointCrudRoundTrip()
{
    const test::HttpResult created =
        request("POST", QStringLiteral("/v1/webhooks"),
                R"({"url": "https://hooks.example.com/botbat", "description": "Analytics",
            "events": ["message.received", "conversation.closed"], "max_concurrency": 4})");
    QCOMPARE(created.status, 201);
    const QJsonObject endpoint = created.json();
    const qint64 id = endpoint.value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.header("Location"), QStringLiteral("/v1/webhooks/%1").arg(id).toUtf8());
    QCOMPARE(endpoint.value(QStringLiteral("url")).toString(),
             QStringLiteral("https://hooks.example.com/botbat"));
    QCOMPARE(endpoint.value(QStringLiteral("description")).toString(), QStringLiteral("Analytics"));
    QCOMPARE(
        endpoint.value(QStringLiteral("events")).toArray(),
        (QJsonArray{QStringLiteral("conversation.closed"), QStringLiteral("message.received")}));
    QCOMPARE(endpoint.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(endpoint.value(QStringLiteral("max_concurrency")).toInt(), 4);
    QCOMPARE(endpoint.value(QStringLiteral("has_secret")).toBool(), false);
    QCOMPARE(endpoint.value(QStringLiteral("health")).toString(), QStringLiteral("waiting"));
    QVERIFY(!endpoint.contains(QStringLiteral("secret")));

    const test::HttpResult listed = request("GET", QStringLiteral("/v1/webhooks"));
    QCOMPARE(listed.status, 200);
    QCOMPARE(ids(listed.json()), QList<qint64>{id});
    QCOMPARE(listed.json().value(QStringLiteral("data")).toArray().first().toObject(), endpoint);

    const test::HttpResult got = request("GET", QStringLiteral("/v1/webhooks/%1").arg(id));
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json(), endpoint);

    const test::HttpResult patched =
        request("PATCH", QStringLiteral("/v1/webhooks/%1").arg(id),
                R"({"description": null, "events": ["contact.created"], "rate_per_second": 5})");
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.json().value(QStringLiteral("description")).toString(), QString());
    QCOMPARE(patched.json().value(QStringLiteral("events")).toArray(),
             QJsonArray{QStringLiteral("contact.created")});
    QCOMPARE(patched.json().value(QStringLiteral("rate_per_second")).toDouble(), 5.0);
    // Absent fields stay.
    QCOMPARE(patched.json().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://hooks.example.com/botbat"));
    QCOMPARE(patched.json().value(QStringLiteral("max_concurrency")).toInt(), 4);
    QCOMPARE(request("GET", QStringLiteral("/v1/webhooks/%1").arg(id)).json(), patched.json());

    const test::HttpResult removed = request("DELETE", QStringLiteral("/v1/webhooks/%1").arg(id));
    QCOMPARE(removed.status, 204);
    QVERIFY(removed.body.isEmpty());
    for (const QByteArray &method : {QByteArrayLiteral("GET"), QByteArrayLiteral("DELETE")}) {
        const test::HttpResult gone = request(method, QStringLiteral("/v1/webhooks/%1").arg(id));
        QCOMPARE(gone.status, 404);
        QCOMPARE(errorCode(gone), QStringLiteral("not_found"));
    }
    QCOMPARE(request("PATCH", QStringLiteral("/v1/webhooks/%1").arg(id), "{}").status, 404);
    QCOMPARE(request("GET", QStringLiteral("/v1/webhooks/abc")).status, 404);
    QVERIFY(ids(request("GET", QStringLiteral("/v1/webhooks")).json()).isEmpty());
}

void WebhookApiTest::httpUrlIs422WithAnExplanation()
{
    const test::HttpResult refused =
        request("POST", QStringLiteral("/v1/webhooks"),
                R"({"url": "http://hooks.example.com/botbat", "events": ["message.received"]})");
    QCOMPARE(refused.status, 422);
    QCOMPARE(errorCode(refused), QStringLiteral("validation"));
    QString message;
    QVERIFY(hasField(refused, QStringLiteral("url"), {}, &message));
    // It says why and what to use instead.
    QVERIFY2(message.contains(QLatin1String("http://")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("https://hooks.example.com/botbat")),
             qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("clear text")), qPrintable(message));
    QVERIFY(ids(request("GET", QStringLiteral("/v1/webhooks")).json()).isEmpty());

    // The same on update, and the endpoint keeps its URL.
    const qint64 id = createEndpoint(kUnreachable).value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    const test::HttpResult patched = request("PATCH", QStringLiteral("/v1/webhooks/%1").arg(id),
                                             R"({"url": "http://hooks.example.com/x"})");
    QCOMPARE(patched.status, 422);
    QVERIFY(hasField(patched, QStringLiteral("url")));
    QCOMPARE(request("GET", QStringLiteral("/v1/webhooks/%1").arg(id))
                 .json()
                 .value(QStringLiteral("url"))
                 .toString(),
             kUnreachable);
}

void WebhookApiTest::everyFieldProblemIsReportedAtOnce()
{
    // JSON problems (wrong types, unknown fields) together.
    const test::HttpResult typed = request(
        "POST", QStringLiteral("/v1/webhooks"),
        R"({"url": 42, "events": "message.received", "enabled": "yes", "evnets": [], "secret": 7})");
    QCOMPARE(typed.status, 422);
    QVERIFY(hasField(typed, QStringLiteral("url"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(typed, QStringLiteral("events"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(typed, QStringLiteral("enabled"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(typed, QStringLiteral("secret"), QStringLiteral("invalid_type")));
    QVERIFY(hasField(typed, QStringLiteral("evnets"), QStringLiteral("unknown_field")));

    // Value problems together.
    const test::HttpResult values =
        request("POST", QStringLiteral("/v1/webhooks"),
                R"({"url": "ftp://x.example.com", "events": [], "max_concurrency": 0,
                    "secret": "not-a-secret"})");
    QCOMPARE(values.status, 422);
    QVERIFY(hasField(values, QStringLiteral("url")));
    QVERIFY(hasField(values, QStringLiteral("events")));
    QVERIFY(hasField(values, QStringLiteral("max_concurrency")));
    QVERIFY(hasField(values, QStringLiteral("secret")));

    // And the HTTP-level refusals.
    QCOMPARE(request("POST", QStringLiteral("/v1/webhooks"), "{\"url\": ").status, 400);
    QCOMPARE(request("POST", QStringLiteral("/v1/webhooks"), "[]").status, 400);
    QVERIFY(ids(request("GET", QStringLiteral("/v1/webhooks")).json()).isEmpty());
}

void WebhookApiTest::unknownEventIs422()
{
    const test::HttpResult refused =
        request("POST", QStringLiteral("/v1/webhooks"),
                R"({"url": "https://hooks.example.com/x", "events": ["message.sent"]})");
    QCOMPARE(refused.status, 422);
    QString message;
    QVERIFY(hasField(refused, QStringLiteral("events"), QStringLiteral("invalid_event"), &message));
    QVERIFY2(message.contains(QLatin1String("message.sent")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("message.received")), qPrintable(message));
}

void WebhookApiTest::generatedSecretIsReturnedOnceThenNever()
{
    const test::HttpResult created =
        request("POST", QStringLiteral("/v1/webhooks"),
                R"({"url": "https://localhost:9/hook", "events": ["message.received"],
                    "secret": "generate"})");
    QCOMPARE(created.status, 201);
    const QString secret = created.json().value(QStringLiteral("secret")).toString();
    QVERIFY2(secret.startsWith(QLatin1String("whsec_")), created.body.constData());
    QVERIFY(secret.size() > 30);
    QCOMPARE(created.header("Cache-Control"), QByteArrayLiteral("no-store"));
    QCOMPARE(created.json().value(QStringLiteral("has_secret")).toBool(), true);
    const qint64 id = created.json().value(QStringLiteral("id")).toInteger();
    const QString path = QStringLiteral("/v1/webhooks/%1").arg(id);

    // Everything else a client can read about the endpoint.
    m_responses.clear();
    QCOMPARE(request("GET", path).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/v1/webhooks")).status, 200);
    const test::HttpResult patched = request("PATCH", path, R"({"description": "still signed"})");
    QCOMPARE(patched.status, 200);
    QVERIFY(!patched.json().contains(QStringLiteral("secret")));
    QVERIFY(patched.header("Cache-Control").isEmpty());
    QCOMPARE(request("POST", path + QStringLiteral("/disable")).status, 200);
    QCOMPARE(request("POST", path + QStringLiteral("/enable")).status, 200);
    const qint64 delivery = sendTest(id, QStringLiteral("contact.created"));
    QVERIFY(delivery > 0);
    const QJsonObject final = waitForFinalDelivery(delivery);
    QCOMPARE(final.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(request("GET", QStringLiteral("/v1/deliveries/%1/attempts").arg(delivery)).status,
             200);
    QCOMPARE(request("GET", path + QStringLiteral("/deliveries")).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/v1/deliveries")).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/v1/openapi.json")).status, 200);
    QVERIFY(!m_responses.isEmpty());
    QVERIFY2(responsesContaining(secret).isEmpty(),
             qPrintable(responsesContaining(secret).join(QLatin1Char('\n'))));
    // Nor its key part alone (what webhook-signature is keyed with).
    const QString keyPart = secret.mid(6);
    QVERIFY(responsesContaining(keyPart).isEmpty());

    // Generating again through PATCH shows the new one, once.
    const test::HttpResult regenerated = request("PATCH", path, R"({"secret": "generate"})");
    QCOMPARE(regenerated.status, 200);
    const QString second = regenerated.json().value(QStringLiteral("secret")).toString();
    QVERIFY(second.startsWith(QLatin1String("whsec_")));
    QVERIFY(second != secret);
    QCOMPARE(regenerated.header("Cache-Control"), QByteArrayLiteral("no-store"));
    m_responses.clear();
    QCOMPARE(request("GET", path).status, 200);
    QVERIFY(responsesContaining(second).isEmpty());

    // null removes it.
    const test::HttpResult removed = request("PATCH", path, R"({"secret": null})");
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.json().value(QStringLiteral("has_secret")).toBool(), false);
    QVERIFY(!removed.json().contains(QStringLiteral("secret")));
}

void WebhookApiTest::pastedSecretIsNeverEchoed()
{
    const QString pasted =
        QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(32, '\x5a').toBase64());
    const QJsonObject endpoint = createEndpoint(kUnreachable, pasted);
    QVERIFY(!endpoint.isEmpty());
    QVERIFY(!endpoint.contains(QStringLiteral("secret")));
    QCOMPARE(endpoint.value(QStringLiteral("has_secret")).toBool(), true);
    QCOMPARE(request("GET", QStringLiteral("/v1/webhooks/%1")
                                .arg(endpoint.value(QStringLiteral("id")).toInteger()))
                 .status,
             200);
    QVERIFY(responsesContaining(pasted).isEmpty());

    // Too short to be a safe key: refused with the reason.
    const QString shortSecret =
        QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(8, 'k').toBase64());
    const QJsonObject body{{QStringLiteral("url"), kUnreachable},
                           {QStringLiteral("events"), QJsonArray{QStringLiteral("message.read")}},
                           {QStringLiteral("secret"), shortSecret}};
    const test::HttpResult weak =
        request("POST", QStringLiteral("/v1/webhooks"), QJsonDocument(body).toJson());
    QCOMPARE(weak.status, 422);
    QVERIFY(hasField(weak, QStringLiteral("secret")));
}

void WebhookApiTest::keyWithoutWebhooksManageIs403()
{
    const qint64 id = createEndpoint(kUnreachable).value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    QStringList others = ApiKeyScopes::all();
    others.removeAll(ApiKeyScopes::WebhooksManage);
    const QString token = createKey(others);
    const QList<QPair<QByteArray, QString>> calls = {
        {"GET", QStringLiteral("/v1/webhooks")},
        {"POST", QStringLiteral("/v1/webhooks")},
        {"GET", QStringLiteral("/v1/webhooks/%1").arg(id)},
        {"PATCH", QStringLiteral("/v1/webhooks/%1").arg(id)},
        {"DELETE", QStringLiteral("/v1/webhooks/%1").arg(id)},
        {"POST", QStringLiteral("/v1/webhooks/%1/rotate-secret").arg(id)},
        {"POST", QStringLiteral("/v1/webhooks/%1/test").arg(id)},
        {"GET", QStringLiteral("/v1/deliveries")},
        {"GET", QStringLiteral("/v1/trusted-certificates")},
        {"POST", QStringLiteral("/v1/trusted-certificates")},
    };
    for (const auto &[method, path] : calls) {
        const test::HttpResult result =
            request(method, path, method == "GET" ? QByteArray() : QByteArrayLiteral("{}"), token);
        QVERIFY2(result.status == 403,
                 qPrintable(QString::fromLatin1(method) + QLatin1Char(' ') + path +
                            QLatin1Char(' ') + QString::fromUtf8(result.body)));
        QCOMPARE(errorCode(result), QStringLiteral("insufficient_scope"));
        QVERIFY(result.header("WWW-Authenticate").contains("scope=\"webhooks:manage\""));
    }
    // Nothing changed.
    const test::HttpResult still = request("GET", QStringLiteral("/v1/webhooks/%1").arg(id));
    QCOMPARE(still.status, 200);
    QCOMPARE(still.json().value(QStringLiteral("has_secret")).toBool(), false);
}

void WebhookApiTest::rotateSecretReturnsTheNewSecretOnce()
{
    const QJsonObject endpoint = createEndpoint(kUnreachable, QStringLiteral("generate"));
    const qint64 id = endpoint.value(QStringLiteral("id")).toInteger();
    const QString first = endpoint.value(QStringLiteral("secret")).toString();
    QVERIFY(first.startsWith(QLatin1String("whsec_")));
    const QString path = QStringLiteral("/v1/webhooks/%1/rotate-secret").arg(id);

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const test::HttpResult rotated = request("POST", path, R"({"overlap_seconds": 3600})");
    QCOMPARE(rotated.status, 200);
    QCOMPARE(rotated.header("Cache-Control"), QByteArrayLiteral("no-store"));
    const QString second = rotated.json().value(QStringLiteral("secret")).toString();
    QVERIFY(second.startsWith(QLatin1String("whsec_")));
    QVERIFY(second != first);
    const QDateTime until = QDateTime::fromString(
        rotated.json().value(QStringLiteral("previous_secret_until")).toString(),
        Qt::ISODateWithMs);
    QVERIFY2(until.isValid(), rotated.body.constData());
    QVERIFY(until >= before.addSecs(3600).addSecs(-5));
    QVERIFY(until <= QDateTime::currentDateTimeUtc().addSecs(3600 + 5));
    QVERIFY(!rotated.json().value(QStringLiteral("secret_rotated_at")).isNull());

    m_responses.clear();
    const test::HttpResult got = request("GET", QStringLiteral("/v1/webhooks/%1").arg(id));
    QCOMPARE(got.json().value(QStringLiteral("previous_secret_until")),
             rotated.json().value(QStringLiteral("previous_secret_until")));
    QVERIFY(responsesContaining(second).isEmpty());
    QVERIFY(responsesContaining(first).isEmpty());

    // Without a body: the default overlap of 24 hours.
    const test::HttpResult defaulted = request("POST", path);
    QCOMPARE(defaulted.status, 200);
    const QDateTime day = QDateTime::fromString(
        defaulted.json().value(QStringLiteral("previous_secret_until")).toString(),
        Qt::ISODateWithMs);
    QVERIFY(qAbs(day.secsTo(QDateTime::currentDateTimeUtc().addSecs(24 * 3600))) < 10);

    // Bad overlaps, and an endpoint without a secret.
    for (const QByteArray &body : {QByteArrayLiteral(R"({"overlap_seconds": -1})"),
                                   QByteArrayLiteral(R"({"overlap_seconds": "1h"})"),
                                   QByteArrayLiteral(R"({"overlap_seconds": 1.5})"),
                                   QByteArrayLiteral(R"({"overlap": 60})")}) {
        const test::HttpResult bad = request("POST", path, body);
        QVERIFY2(bad.status == 422, body.constData());
    }
    const qint64 unsigned_ = createEndpoint(kUnreachable).value(QStringLiteral("id")).toInteger();
    const test::HttpResult nothing =
        request("POST", QStringLiteral("/v1/webhooks/%1/rotate-secret").arg(unsigned_));
    QCOMPARE(nothing.status, 409);
    QCOMPARE(errorCode(nothing), QStringLiteral("invalid_state"));
    QCOMPARE(request("POST", QStringLiteral("/v1/webhooks/999999/rotate-secret")).status, 404);
}

void WebhookApiTest::disableRecordsWhyAndEnableClearsIt()
{
    const qint64 id = createEndpoint(kUnreachable).value(QStringLiteral("id")).toInteger();
    const QString path = QStringLiteral("/v1/webhooks/%1").arg(id);
    const test::HttpResult disabled =
        request("POST", path + QStringLiteral("/disable"), R"({"reason": "Maintenance"})");
    QCOMPARE(disabled.status, 200);
    QCOMPARE(disabled.json().value(QStringLiteral("enabled")).toBool(), false);
    QCOMPARE(disabled.json().value(QStringLiteral("health")).toString(),
             QStringLiteral("inactive"));
    QCOMPARE(disabled.json().value(QStringLiteral("disabled_reason")).toString(),
             QStringLiteral("Maintenance"));

    const test::HttpResult enabled = request("POST", path + QStringLiteral("/enable"));
    QCOMPARE(enabled.status, 200);
    QCOMPARE(enabled.json().value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(enabled.json().value(QStringLiteral("disabled_reason")).toString(), QString());

    // Without a reason the record still says how, and with which key.
    const test::HttpResult plain = request("POST", path + QStringLiteral("/disable"));
    QCOMPARE(plain.status, 200);
    const QString reason = plain.json().value(QStringLiteral("disabled_reason")).toString();
    QVERIFY2(reason.contains(QLatin1String("REST API")) &&
                 reason.contains(QLatin1String("webhook key")),
             qPrintable(reason));

    QCOMPARE(request("POST", path + QStringLiteral("/disable"), R"({"reason": 5})").status, 422);
    QCOMPARE(request("POST", path + QStringLiteral("/enable"), R"({"now": true})").status, 422);
    QCOMPARE(request("POST", QStringLiteral("/v1/webhooks/999999/enable")).status, 404);
}

void WebhookApiTest::testSendIs202AndTheDeliveryCanBePolled()
{
    const qint64 id = createEndpoint(kUnreachable).value(QStringLiteral("id")).toInteger();
    const test::HttpResult sent = request("POST", QStringLiteral("/v1/webhooks/%1/test").arg(id),
                                          R"({"event_type": "conversation.closed"})");
    QCOMPARE(sent.status, 202);
    const QJsonObject delivery = sent.json();
    const qint64 deliveryId = delivery.value(QStringLiteral("id")).toInteger();
    QVERIFY(deliveryId > 0);
    QCOMPARE(sent.header("Location"), QStringLiteral("/v1/deliveries/%1").arg(deliveryId).toUtf8());
    QCOMPARE(delivery.value(QStringLiteral("endpoint_id")).toInteger(), id);
    QCOMPARE(delivery.value(QStringLiteral("is_test")).toBool(), true);
    QCOMPARE(delivery.value(QStringLiteral("event_type")).toString(),
             QStringLiteral("conversation.closed"));
    QCOMPARE(delivery.value(QStringLiteral("message_id")).toString(),
             QStringLiteral("test_%1").arg(deliveryId));
    const QJsonObject payload = delivery.value(QStringLiteral("payload")).toObject();
    QCOMPARE(payload.value(QStringLiteral("id")).toString(),
             QStringLiteral("test_%1").arg(deliveryId));
    QCOMPARE(payload.value(QStringLiteral("type")).toString(),
             QStringLiteral("conversation.closed"));
    QVERIFY(payload.value(QStringLiteral("data")).isObject());
    QVERIFY(delivery.value(QStringLiteral("attempt_details")).isArray());

    const test::HttpResult polled = request("GET", QString::fromUtf8(sent.header("Location")));
    QCOMPARE(polled.status, 200);
    QCOMPARE(polled.json().value(QStringLiteral("id")).toInteger(), deliveryId);
    QCOMPARE(polled.json().value(QStringLiteral("payload")),
             delivery.value(QStringLiteral("payload")));

    // The receiver is unreachable: the test fails once, with the reason, and is not retried.
    const QJsonObject final = waitForFinalDelivery(deliveryId);
    QCOMPARE(final.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(final.value(QStringLiteral("attempts")).toInt(), 1);
    const QJsonArray attempts = final.value(QStringLiteral("attempt_details")).toArray();
    QCOMPARE(attempts.size(), 1);
    const QJsonObject attempt = attempts.first().toObject();
    QCOMPARE(attempt.value(QStringLiteral("succeeded")).toBool(), false);
    QCOMPARE(attempt.value(QStringLiteral("error_class")).toString(), QStringLiteral("connect"));
    QVERIFY(!attempt.value(QStringLiteral("error_message")).toString().isEmpty());
    QVERIFY(attempt.value(QStringLiteral("next_retry_at")).isNull());
    QCOMPARE(
        headerValue(attempt.value(QStringLiteral("request_headers")).toArray(), "X-BotBat-Event"),
        QByteArrayLiteral("conversation.closed"));
    const test::HttpResult listed =
        request("GET", QStringLiteral("/v1/deliveries/%1/attempts").arg(deliveryId));
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.json().value(QStringLiteral("data")).toArray(), attempts);

    // Bad test requests.
    const QString path = QStringLiteral("/v1/webhooks/%1/test").arg(id);
    const test::HttpResult unknown = request("POST", path, R"({"event_type": "message.sent"})");
    QCOMPARE(unknown.status, 422);
    QVERIFY(hasField(unknown, QStringLiteral("event_type")));
    const test::HttpResult missing = request("POST", path, "{}");
    QCOMPARE(missing.status, 422);
    QVERIFY(hasField(missing, QStringLiteral("event_type"), QStringLiteral("required")));
    QCOMPARE(request("POST", path).status, 415);
    QCOMPARE(request("POST", QStringLiteral("/v1/webhooks/999999/test"),
                     R"({"event_type": "message.read"})")
                 .status,
             404);
    QCOMPARE(request("GET", QStringLiteral("/v1/deliveries/999999")).status, 404);
    QCOMPARE(request("GET", QStringLiteral("/v1/deliveries/999999/attempts")).status, 404);
}

void WebhookApiTest::deliveryListsFilterAndPageNewestFirst()
{
    const qint64 first = createEndpoint(kUnreachable).value(QStringLiteral("id")).toInteger();
    const qint64 second = createEndpoint(kUnreachable).value(QStringLiteral("id")).toInteger();
    QList<qint64> firstIds;
    for (int i = 0; i < 5; ++i)
        firstIds.prepend(sendTest(first, i % 2 ? QStringLiteral("message.read")
                                               : QStringLiteral("contact.updated")));
    const qint64 other = sendTest(second, QStringLiteral("message.read"));

    // Newest first, paged with next_cursor until null.
    QList<qint64> paged;
    QString cursor;
    int pages = 0;
    do {
        QString path = QStringLiteral("/v1/webhooks/%1/deliveries?limit=2").arg(first);
        if (!cursor.isEmpty())
            path += QStringLiteral("&cursor=") + cursor;
        const test::HttpResult page = request("GET", path);
        QCOMPARE(page.status, 200);
        const QList<qint64> pageIds = ids(page.json());
        QVERIFY(pageIds.size() <= 2);
        paged += pageIds;
        const QJsonValue next = page.json().value(QStringLiteral("next_cursor"));
        QVERIFY(next.isNull() || next.isString());
        cursor = next.toString();
        // The list never carries payloads; one delivery does.
        for (const QJsonValue &item : page.json().value(QStringLiteral("data")).toArray())
            QVERIFY(!item.toObject().contains(QStringLiteral("payload")));
        QVERIFY(++pages < 10);
    } while (!cursor.isEmpty());
    QCOMPARE(paged, firstIds);
    QCOMPARE(pages, 3);

    // Across endpoints, and filtered.
    const QList<qint64> all = ids(request("GET", QStringLiteral("/v1/deliveries")).json());
    QCOMPARE(all, QList<qint64>{other} + firstIds);
    QCOMPARE(
        ids(request("GET", QStringLiteral("/v1/deliveries?endpoint_id=%1").arg(second)).json()),
        QList<qint64>{other});
    const QList<qint64> reads =
        ids(request("GET", QStringLiteral("/v1/deliveries?event_type=message.read")).json());
    QCOMPARE(reads, (QList<qint64>{other, firstIds.at(1), firstIds.at(3)}));
    QCOMPARE(ids(request("GET", QStringLiteral("/v1/deliveries?is_test=true&limit=500")).json()),
             all);
    QVERIFY(ids(request("GET", QStringLiteral("/v1/deliveries?is_test=false")).json()).isEmpty());
    const QString past = QStringLiteral("2000-01-01T00:00:00Z");
    QCOMPARE(ids(request("GET", QStringLiteral("/v1/deliveries?since=") + past).json()), all);
    const QString future = QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate);
    QVERIFY(ids(request("GET", QStringLiteral("/v1/deliveries?since=") + future).json()).isEmpty());
    // Unencoded + in an offset reads as meant.
    QCOMPARE(ids(request("GET", QStringLiteral("/v1/deliveries?since=2000-01-01T02:00:00+02:00"))
                     .json()),
             all);
    const test::HttpResult states =
        request("GET", QStringLiteral("/v1/deliveries?state=pending&state=failed"));
    QCOMPARE(states.status, 400);
    QCOMPARE(request("GET", QStringLiteral("/v1/deliveries?state=failed")).status, 200);

    // An endpoint that does not exist is a 404, not an empty list.
    QCOMPARE(request("GET", QStringLiteral("/v1/deliveries?endpoint_id=999999")).status, 404);
    QCOMPARE(request("GET", QStringLiteral("/v1/webhooks/999999/deliveries")).status, 404);
    // Deleting an endpoint deletes its log.
    QCOMPARE(request("DELETE", QStringLiteral("/v1/webhooks/%1").arg(second)).status, 204);
    QCOMPARE(ids(request("GET", QStringLiteral("/v1/deliveries")).json()), firstIds);
}

void WebhookApiTest::badDeliveryQueryParametersAre400NamingThem_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("parameter");
    const QString list = QStringLiteral("/v1/deliveries?");
    QTest::newRow("state") << list + QStringLiteral("state=done") << QStringLiteral("state");
    QTest::newRow("event_type") << list + QStringLiteral("event_type=message.sent")
                                << QStringLiteral("event_type");
    QTest::newRow("is_test") << list + QStringLiteral("is_test=yes") << QStringLiteral("is_test");
    QTest::newRow("since without zone")
        << list + QStringLiteral("since=2024-03-01T12:00:00") << QStringLiteral("since");
    QTest::newRow("since garbage")
        << list + QStringLiteral("since=yesterday") << QStringLiteral("since");
    QTest::newRow("limit") << list + QStringLiteral("limit=0") << QStringLiteral("limit");
    QTest::newRow("limit too big") << list + QStringLiteral("limit=501") << QStringLiteral("limit");
    QTest::newRow("cursor") << list + QStringLiteral("cursor=abc") << QStringLiteral("cursor");
    QTest::newRow("endpoint_id") << list + QStringLiteral("endpoint_id=-3")
                                 << QStringLiteral("endpoint_id");
    QTest::newRow("unknown") << list + QStringLiteral("status=failed") << QStringLiteral("status");
    QTest::newRow("twice") << list + QStringLiteral("limit=2&limit=3") << QStringLiteral("limit");
    QTest::newRow("endpoint_id in the path")
        << QStringLiteral("/v1/webhooks/1/deliveries?endpoint_id=1")
        << QStringLiteral("endpoint_id");
    QTest::newRow("endpoint list")
        << QStringLiteral("/v1/webhooks?limit=10") << QStringLiteral("limit");
    QTest::newRow("certificate list")
        << QStringLiteral("/v1/trusted-certificates?cursor=1") << QStringLiteral("cursor");
}

void WebhookApiTest::badDeliveryQueryParametersAre400NamingThem()
{
    QFETCH(QString, path);
    QFETCH(QString, parameter);
    const test::HttpResult result = request("GET", path);
    QCOMPARE(result.status, 400);
    QCOMPARE(errorCode(result), QStringLiteral("invalid_parameter"));
    const QJsonObject error = result.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("parameter")).toString(), parameter);
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(parameter));
}

void WebhookApiTest::resendAndRetryFailed()
{
    const qint64 id = createEndpoint(kUnreachable).value(QStringLiteral("id")).toInteger();
    const qint64 delivery = sendTest(id, QStringLiteral("message.received"));
    QCOMPARE(waitForFinalDelivery(delivery).value(QStringLiteral("state")).toString(),
             QStringLiteral("failed"));

    const test::HttpResult resent =
        request("POST", QStringLiteral("/v1/deliveries/%1/resend").arg(delivery));
    QCOMPARE(resent.status, 202);
    QCOMPARE(resent.header("Location"), QStringLiteral("/v1/deliveries/%1").arg(delivery).toUtf8());
    QCOMPARE(resent.json().value(QStringLiteral("id")).toInteger(), delivery);
    QVERIFY(resent.json().value(QStringLiteral("state")).toString() != QLatin1String("failed") ||
            resent.json().value(QStringLiteral("attempts")).toInt() > 1);
    // Attempted again, its count going on.
    QElapsedTimer timer;
    timer.start();
    QJsonObject again;
    do {
        again = waitForFinalDelivery(delivery);
    } while (again.value(QStringLiteral("attempts")).toInt() < 2 && timer.elapsed() < 20000);
    QCOMPARE(again.value(QStringLiteral("attempts")).toInt(), 2);
    QCOMPARE(again.value(QStringLiteral("attempt_details")).toArray().size(), 2);

    QCOMPARE(request("POST", QStringLiteral("/v1/deliveries/999999/resend")).status, 404);
    QCOMPARE(request("POST", QStringLiteral("/v1/deliveries/%1/resend").arg(delivery),
                     R"({"force": true})")
                 .status,
             422);

    // Tests are not part of "retry all failed": nothing to requeue here.
    const QString path = QStringLiteral("/v1/webhooks/%1/retry-failed").arg(id);
    const test::HttpResult retried = request("POST", path, R"({"since": "2000-01-01T00:00:00Z"})");
    QCOMPARE(retried.status, 202);
    QCOMPARE(retried.json(), (QJsonObject{{QStringLiteral("requeued"), 0}}));
    const test::HttpResult missing = request("POST", path, "{}");
    QCOMPARE(missing.status, 422);
    QVERIFY(hasField(missing, QStringLiteral("since"), QStringLiteral("required")));
    const test::HttpResult local = request("POST", path, R"({"since": "2024-03-01T12:00:00"})");
    QCOMPARE(local.status, 422);
    QVERIFY(hasField(local, QStringLiteral("since"), QStringLiteral("invalid_time")));
    QCOMPARE(request("POST", QStringLiteral("/v1/webhooks/999999/retry-failed"),
                     R"({"since": "2000-01-01T00:00:00Z"})")
                 .status,
             404);
}

void WebhookApiTest::trustedCertificatesAddListGetRemove()
{
    const test::TestCa ca(QStringLiteral("BotBat API Test CA"));
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("pem"), QString::fromLatin1(ca.caPem())}})
            .toJson();
    const test::HttpResult added =
        request("POST", QStringLiteral("/v1/trusted-certificates"), body);
    QCOMPARE(added.status, 201);
    const qint64 id = added.json().value(QStringLiteral("id")).toInteger();
    QCOMPARE(added.header("Location"),
             QStringLiteral("/v1/trusted-certificates/%1").arg(id).toUtf8());
    QVERIFY(added.json()
                .value(QStringLiteral("subject"))
                .toString()
                .contains(QLatin1String("BotBat API Test CA")));
    QVERIFY(!added.json().value(QStringLiteral("sha256_fingerprint")).toString().isEmpty());

    QCOMPARE(ids(request("GET", QStringLiteral("/v1/trusted-certificates")).json()),
             QList<qint64>{id});
    const test::HttpResult got =
        request("GET", QStringLiteral("/v1/trusted-certificates/%1").arg(id));
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json(), added.json());

    const test::HttpResult again =
        request("POST", QStringLiteral("/v1/trusted-certificates"), body);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.json()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("existing_id"))
                 .toInteger(),
             id);
    const test::HttpResult garbage = request("POST", QStringLiteral("/v1/trusted-certificates"),
                                             R"({"pem": "-----BEGIN NONSENSE-----"})");
    QCOMPARE(garbage.status, 422);
    QVERIFY(hasField(garbage, QStringLiteral("pem")));
    const test::HttpResult none = request("POST", QStringLiteral("/v1/trusted-certificates"), "{}");
    QCOMPARE(none.status, 422);
    QVERIFY(hasField(none, QStringLiteral("pem"), QStringLiteral("required")));

    QCOMPARE(request("DELETE", QStringLiteral("/v1/trusted-certificates/%1").arg(id)).status, 204);
    QCOMPARE(request("GET", QStringLiteral("/v1/trusted-certificates/%1").arg(id)).status, 404);
    QCOMPARE(request("DELETE", QStringLiteral("/v1/trusted-certificates/%1").arg(id)).status, 404);
    QVERIFY(ids(request("GET", QStringLiteral("/v1/trusted-certificates")).json()).isEmpty());
}

void WebhookApiTest::dispatcherDeliversTheTestToAnHttpsReceiver()
{
    const test::TestCa ca;
    test::ThreadedHttpsReceiver receiver;
    receiver.setCertificate(ca.issue());
    QVERIFY2(receiver.start(), qPrintable(receiver.errorString()));
    receiver.setDefaultResponse({200,
                                 {{QByteArrayLiteral("X-Receiver"), QByteArrayLiteral("loopback")}},
                                 "thanks",
                                 0,
                                 false});

    // The receiver's CA is trusted the way an admin would add a corporate CA.
    QCOMPARE(
        request("POST", QStringLiteral("/v1/trusted-certificates"),
                QJsonDocument(QJsonObject{{QStringLiteral("pem"), QString::fromLatin1(ca.caPem())}})
                    .toJson())
            .status,
        201);
    const QJsonObject endpoint = createEndpoint(receiver.url(QStringLiteral("/hook")).toString(),
                                                QStringLiteral("generate"));
    const qint64 id = endpoint.value(QStringLiteral("id")).toInteger();
    const QString secret = endpoint.value(QStringLiteral("secret")).toString();
    QVERIFY(secret.startsWith(QLatin1String("whsec_")));

    const qint64 deliveryId = sendTest(id, QStringLiteral("message.received"));
    QVERIFY(deliveryId > 0);
    const QJsonObject delivery = waitForFinalDelivery(deliveryId);
    QVERIFY2(delivery.value(QStringLiteral("state")).toString() == QLatin1String("succeeded"),
             QJsonDocument(delivery).toJson().constData());
    QCOMPARE(delivery.value(QStringLiteral("attempts")).toInt(), 1);
    QCOMPARE(delivery.value(QStringLiteral("last_status")).toInt(), 200);

    const QJsonArray attempts = delivery.value(QStringLiteral("attempt_details")).toArray();
    QCOMPARE(attempts.size(), 1);
    const QJsonObject attempt = attempts.first().toObject();
    QCOMPARE(attempt.value(QStringLiteral("succeeded")).toBool(), true);
    QCOMPARE(attempt.value(QStringLiteral("http_status")).toInt(), 200);
    QCOMPARE(attempt.value(QStringLiteral("error_class")).toString(), QString());
    QVERIFY(attempt.value(QStringLiteral("duration_ms")).toInt() >= 0);
    QCOMPARE(attempt.value(QStringLiteral("request_url")).toString(),
             receiver.url(QStringLiteral("/hook")).toString());
    // The receiver's answer.
    QCOMPARE(attempt.value(QStringLiteral("response_body")).toString(), QStringLiteral("thanks"));
    QCOMPARE(headerValue(attempt.value(QStringLiteral("response_headers")).toArray(), "X-Receiver"),
             QByteArrayLiteral("loopback"));
    // The headers that were sent, as the receiver got them.
    QVERIFY(receiver.waitForCount(1));
    const test::ReceivedRequest received = receiver.requests().constFirst();
    const QJsonArray sent = attempt.value(QStringLiteral("request_headers")).toArray();
    const QByteArray messageId = QStringLiteral("test_%1").arg(deliveryId).toLatin1();
    for (const QByteArray &name :
         {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("User-Agent"),
          QByteArrayLiteral("X-BotBat-Event"), QByteArrayLiteral("X-BotBat-Delivery"),
          QByteArrayLiteral("X-BotBat-Signature"), QByteArrayLiteral("webhook-id"),
          QByteArrayLiteral("webhook-timestamp"), QByteArrayLiteral("webhook-signature")}) {
        QVERIFY2(!headerValue(sent, name).isEmpty(), name.constData());
        QCOMPARE(headerValue(sent, name), received.header(name));
    }
    QCOMPARE(received.method, QByteArrayLiteral("POST"));
    QCOMPARE(received.path, QByteArrayLiteral("/hook"));
    QCOMPARE(received.header("X-BotBat-Event"), QByteArrayLiteral("message.received"));
    QCOMPARE(received.header("X-BotBat-Delivery"), messageId);
    QCOMPARE(received.header("webhook-id"), messageId);
    QVERIFY(received.header("User-Agent").startsWith("BotBat"));

    // The signatures verify with the secret the API showed once, computed here independently
    // of the engine's signing code (Qt's HMAC, not OpenSSL through Crypto).
    const QByteArray hex =
        QMessageAuthenticationCode::hash(received.body, secret.toUtf8(), QCryptographicHash::Sha256)
            .toHex();
    QCOMPARE(received.header("X-BotBat-Signature"), "sha256=" + hex);
    const QByteArray key = QByteArray::fromBase64(secret.mid(6).toLatin1());
    const QByteArray signedContent =
        messageId + '.' + received.header("webhook-timestamp") + '.' + received.body;
    const QByteArray standard =
        QMessageAuthenticationCode::hash(signedContent, key, QCryptographicHash::Sha256).toBase64();
    QCOMPARE(received.header("webhook-signature"), "v1," + standard);
    // The body is the stored payload.
    QCOMPARE(QJsonDocument::fromJson(received.body).object(),
             delivery.value(QStringLiteral("payload")).toObject());

    // The endpoint's health follows, and the secret appeared in no answer but the first.
    QElapsedTimer timer;
    timer.start();
    QString health;
    while (timer.elapsed() < 10000) {
        health = request("GET", QStringLiteral("/v1/webhooks/%1").arg(id))
                     .json()
                     .value(QStringLiteral("health"))
                     .toString();
        if (health == QLatin1String("connected"))
            break;
        QTest::qWait(50);
    }
    QCOMPARE(health, QStringLiteral("connected"));
    QCOMPARE(responsesContaining(secret).size(), 1);
}

QTEST_GUILESS_MAIN(WebhookApiTest)
#include "WebhookApiTest.moc"
