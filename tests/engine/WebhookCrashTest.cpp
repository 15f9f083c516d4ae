// At-least-once across a crash: the headless engine is killed with SIGKILL while 10,000
// webhook deliveries are still on their way to a slow HTTPS receiver; after a restart the
// receiver has seen every event id.
#include "TestCa.h"
#include "TestSupport.h"
#include "ThreadedHttpsReceiver.h"
#include "core/Engine.h"
#include "storage/Database.h"
#include "storage/EventStore.h"
#include "webhooks/WebhookStore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;
using namespace botbat::test;

class WebhookCrashTest : public QObject
{
    Q_OBJECT
private slots:
    void everyEventArrivesAfterKill9();

private:
    quint16 startEngine(QProcess &process);

    QTemporaryDir m_dir;
    QString m_caFile;
};

quint16 WebhookCrashTest::startEngine(QProcess &process)
{
    return startHeadless(
        process, {QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--secret-store"),
                  QStringLiteral("file"), QStringLiteral("--secrets-passphrase-file"),
                  m_dir.filePath(QStringLiteral("passphrase")), QStringLiteral("--trusted-ca"),
                  m_caFile, QStringLiteral("--api-rate-limit"), QStringLiteral("100000"),
                  QStringLiteral("--api-burst"), QStringLiteral("100000")});
}

void WebhookCrashTest::everyEventArrivesAfterKill9()
{
    constexpr int kEvents = 10000;
    TestCa ca;
    m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QVERIFY(ca.writeCaPem(m_caFile));
    ThreadedHttpsReceiver receiver;
    receiver.setCertificate(ca.issue());
    QVERIFY2(receiver.start(), qPrintable(receiver.errorString()));
    receiver.setCountOnly("X-BotBat-Delivery");
    // Slow enough that most deliveries are still pending when the engine dies.
    receiver.setDefaultResponse({200, {}, {}, 200});

    // The endpoint, made with the same data directory and secret store the headless engine uses.
    {
        Engine setup(engineConfig(m_dir));
        QString error;
        QVERIFY2(setup.start(&error), qPrintable(error));
        WebhookEndpointInput input;
        input.url = receiver.url(QStringLiteral("/crash")).toString();
        input.events = QStringList{EventType::ContactCreated};
        input.secretAction = WebhookEndpointInput::SecretAction::Generate;
        QVERIFY(setup.webhooks().create(input));
    }
    QProcess cli;
    cli.start(qEnvironmentVariable("BOTBAT_CONSOLE_BINARY"),
              {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"),
               QStringLiteral("crash"), QStringLiteral("--data-dir"), m_dir.path()});
    QVERIFY(cli.waitForFinished(15000));
    QCOMPARE(cli.exitCode(), 0);
    const QByteArray key = cli.readAllStandardOutput().trimmed();

    QProcess engine;
    const quint16 port = startEngine(engine);
    QVERIFY(port > 0);

    // 10,000 contacts (each a contact.created event), 8 requests at a time.
    QNetworkAccessManager manager;
    int sent = 0;
    int acknowledged = 0;
    std::function<void()> sendOne = [&] {
        if (sent == kEvents)
            return;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/contacts").arg(port)));
        request.setRawHeader("Authorization", "Bearer " + key);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        const int n = ++sent;
        QNetworkReply *reply =
            manager.post(request, QStringLiteral(R"({"name":"Crash %1"})").arg(n).toUtf8());
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
                ++acknowledged;
            sendOne();
        });
    };
    for (int i = 0; i < 8; ++i)
        sendOne();
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged, kEvents, 90000);
    const qsizetype beforeKill = receiver.distinctHeaderValues("X-BotBat-Delivery").size();
    engine.kill(); // SIGKILL: no shutdown path runs
    QVERIFY(engine.waitForFinished(10000));
    QCOMPARE(engine.exitStatus(), QProcess::CrashExit);
    qInfo("Killed with %lld of %d events delivered", static_cast<long long>(beforeKill), kEvents);
    QVERIFY2(beforeKill < kEvents / 2, "the receiver was too fast for a meaningful crash");

    // Restart: the rest arrives, at full speed now.
    receiver.setDefaultResponse({200, {}, {}, 0});
    QProcess again;
    QVERIFY(startEngine(again) > 0);
    QTRY_VERIFY_WITH_TIMEOUT(receiver.distinctHeaderValues("X-BotBat-Delivery").size() >= kEvents,
                             120000);
    again.terminate();
    QVERIFY(again.waitForFinished(15000));

    // Exactly the stored contact.created events, each at least once.
    QString error;
    const auto config =
        DatabaseConfig::parse(m_dir.filePath(QStringLiteral("botbat.db")), {}, &error);
    Database database(*config);
    QVERIFY2(database.open(&error), qPrintable(error));
    QSet<QByteArray> expected;
    for (const Event &event : EventStore(database.connection()).since(0, 1000000, &error))
        if (event.type == EventType::ContactCreated)
            expected.insert("evt_" + QByteArray::number(event.id));
    database.closeThreadConnection();
    QCOMPARE(expected.size(), kEvents);
    const QSet<QByteArray> seen = receiver.distinctHeaderValues("X-BotBat-Delivery");
    QVERIFY((expected - seen).isEmpty());
    qInfo("Receiver saw %lld requests for %d events (duplicates are allowed: at least once)",
          static_cast<long long>(receiver.count()), kEvents);
}

QTEST_GUILESS_MAIN(WebhookCrashTest)
#include "WebhookCrashTest.moc"
