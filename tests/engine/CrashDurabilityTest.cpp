#include "TestSupport.h"
#include "storage/Database.h"
#include "storage/EventStore.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

// Nothing acknowledged is lost: contacts are created over HTTP with several requests in
// flight, the headless engine is killed with SIGKILL mid-stream, and after a restart every
// contact that got a 201 is there, with its contact.created event.
class CrashDurabilityTest : public QObject
{
    Q_OBJECT
private slots:
    void acknowledgedWritesSurviveKill9();

private:
    quint16 startEngine(QProcess &process, const QString &dataDir);
};

static QString binary()
{
    return qEnvironmentVariable("BOTBAT_CONSOLE_BINARY");
}

quint16 CrashDurabilityTest::startEngine(QProcess &process, const QString &dataDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BOTBAT_SECRETS_PASSPHRASE"),
               QStringLiteral("a passphrase for tests"));
    process.setProcessEnvironment(env);
    return test::startHeadless(process,
                               {QStringLiteral("--data-dir"), dataDir,
                                QStringLiteral("--secret-store"), QStringLiteral("file"),
                                QStringLiteral("--api-rate-limit"), QStringLiteral("100000"),
                                QStringLiteral("--api-burst"), QStringLiteral("100000")});
}

static qint64 idOf(const QJsonObject &body)
{
    if (body.contains(QStringLiteral("id")))
        return body.value(QStringLiteral("id")).toInteger();
    return body.value(QStringLiteral("data")).toObject().value(QStringLiteral("id")).toInteger();
}

void CrashDurabilityTest::acknowledgedWritesSurviveKill9()
{
    QTemporaryDir dir;
    QProcess cli;
    cli.start(binary(), {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"),
                         QStringLiteral("crash test"), QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(cli.waitForFinished(15000));
    QCOMPARE(cli.exitCode(), 0);
    const QByteArray key = cli.readAllStandardOutput().trimmed();

    QProcess engine;
    const quint16 port = startEngine(engine, dir.path());
    QVERIFY(port > 0);

    // Keep 8 requests in flight; kill the engine once 300 creations were acknowledged.
    constexpr int kInFlight = 8;
    constexpr int kKillAfter = 300;
    QNetworkAccessManager manager;
    QSet<qint64> acknowledged;
    int sent = 0;
    bool killed = false;
    std::function<void()> sendOne = [&] {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/contacts").arg(port)));
        request.setRawHeader("Authorization", "Bearer " + key);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        const int n = ++sent;
        QNetworkReply *reply = manager.post(
            request, QStringLiteral(R"({"name":"Crash %1","email":"crash-%1@example.com"})")
                         .arg(n)
                         .toUtf8());
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
                acknowledged.insert(idOf(QJsonDocument::fromJson(reply->readAll()).object()));
            if (!killed && acknowledged.size() >= kKillAfter) {
                killed = true;
                engine.kill(); // SIGKILL: no shutdown path runs
            }
            if (!killed)
                sendOne();
        });
    };
    for (int i = 0; i < kInFlight; ++i)
        sendOne();
    QTRY_VERIFY_WITH_TIMEOUT(killed, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(engine.state(), QProcess::NotRunning, 10000);
    QCOMPARE(engine.exitStatus(), QProcess::CrashExit);
    QVERIFY(acknowledged.size() >= kKillAfter);
    QVERIFY(!acknowledged.contains(0));

    // Restart on the same data: every acknowledged contact is served again.
    QProcess again;
    const quint16 port2 = startEngine(again, dir.path());
    QVERIFY(port2 > 0);
    for (qint64 id : std::as_const(acknowledged)) {
        const auto result = test::httpRequest(
            "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/v1/contacts/%2").arg(port2).arg(id)),
            {}, {{QByteArrayLiteral("Authorization"), "Bearer " + key}});
        QVERIFY2(result.status == 200,
                 qPrintable(QStringLiteral("contact %1: %2").arg(id).arg(result.status)));
    }
    again.terminate();
    QVERIFY(again.waitForFinished(15000));

    // And each has its contact.created event, the input of webhooks and CRM sync.
    QString error;
    const auto config =
        DatabaseConfig::parse(dir.filePath(QStringLiteral("botbat.db")), {}, &error);
    Database database(*config);
    QVERIFY2(database.open(&error), qPrintable(error));
    QSet<qint64> withEvents;
    for (const Event &event : EventStore(database.connection()).since(0, 1000000, &error))
        if (event.type == EventType::ContactCreated)
            withEvents.insert(event.data.value(QStringLiteral("id")).toInteger());
    for (qint64 id : std::as_const(acknowledged))
        QVERIFY2(withEvents.contains(id), qPrintable(QString::number(id)));
    database.closeThreadConnection();
}

QTEST_GUILESS_MAIN(CrashDurabilityTest)
#include "CrashDurabilityTest.moc"
