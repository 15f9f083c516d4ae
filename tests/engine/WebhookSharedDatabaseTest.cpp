// Two engines on one PostgreSQL database share the outgoing-webhook work: events written through
// either engine reach the endpoint once each (the fan-out cursor and the delivery claims keep
// them from sending the same delivery twice), and nothing is lost.
#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "core/Engine.h"
#include "domain/Domain.h"
#include "webhooks/WebhookStore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;
using namespace botbat::test;

class WebhookSharedDatabaseTest : public QObject
{
    Q_OBJECT
private slots:
    void twoEnginesDeliverEachEventOnce();
};

void WebhookSharedDatabaseTest::twoEnginesDeliverEachEventOnce()
{
    if (postgresUrl().isEmpty())
        QSKIP("BOTBAT_TEST_PG_URL is not set: run through ctest (the pg_server fixture)");
    QString error;
    const QString url = createPostgresDatabase(&error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));

    TestCa ca;
    HttpsReceiver receiver;
    receiver.setCertificate(ca.issue());
    QVERIFY(receiver.listen());
    QTemporaryDir shared;
    const QString caFile = shared.filePath(QStringLiteral("ca.pem"));
    QVERIFY(ca.writeCaPem(caFile));

    // Each engine has its own data directory (and so its own engine id); both use one
    // encrypted secret file, as two engines on one server would.
    QTemporaryDir dirA;
    QTemporaryDir dirB;
    auto configFor = [&](const QTemporaryDir &dir) {
        EngineConfig config = engineConfig(dir);
        config.databaseSpec = url;
        config.secrets.filePath = shared.filePath(QStringLiteral("secrets.enc"));
        config.webhooks.trustedCaFiles = {caFile};
        config.webhooks.pollIntervalMs = 50;
        return config;
    };
    EngineConfig configB = configFor(dirB);
    configB.secrets.passphraseFile = configFor(dirA).secrets.passphraseFile;
    Engine a(configFor(dirA));
    Engine b(configB);
    QVERIFY2(a.start(&error), qPrintable(error));
    QVERIFY2(b.start(&error), qPrintable(error));

    WebhookEndpointInput input;
    input.url = receiver.url().toString();
    input.events = QStringList{EventType::ContactCreated};
    input.secretAction = WebhookEndpointInput::SecretAction::Generate;
    QVERIFY(a.webhooks().create(input));

    constexpr int kEvents = 200;
    for (int i = 0; i < kEvents; ++i) {
        ContactInput contact;
        contact.name = QStringLiteral("Shared %1").arg(i);
        QVERIFY((i % 2 ? a : b).domain().createContact(contact));
    }
    QVERIFY(receiver.waitForCount(kEvents, 30000));
    QTest::qWait(500); // a duplicate would arrive by now
    QCOMPARE(receiver.distinctHeaderValues("X-BotBat-Delivery").size(), kEvents);
    QCOMPARE(receiver.count(), kEvents);
    for (const ReceivedRequest &request : receiver.requests())
        QVERIFY(request.header("X-BotBat-Signature").startsWith("sha256="));

    a.stop();
    b.stop();
    dropPostgresDatabase(url);
}

QTEST_GUILESS_MAIN(WebhookSharedDatabaseTest)
#include "WebhookSharedDatabaseTest.moc"
