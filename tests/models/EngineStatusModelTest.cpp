#include "models/EngineStatusModel.h"

#include "TestSupport.h"
#include "core/Engine.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

class EngineStatusModelTest : public QObject
{
    Q_OBJECT
private slots:
    void followsTheEngine();
    void showsHttpsWhenTlsIsOn();
};

void EngineStatusModelTest::followsTheEngine()
{
    QTemporaryDir dir;
    Engine engine(test::engineConfig(dir));
    EngineStatusModel model(engine);
    QSignalSpy changed(&model, &EngineStatusModel::changed);
    QCOMPARE(model.stateText(), QStringLiteral("Engine: Stopped"));
    QCOMPARE(model.apiText(), QStringLiteral("API not listening"));
    QCOMPARE(model.databaseText(), QStringLiteral("Database not open"));

    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    QVERIFY(changed.count() >= 2); // starting, running
    QCOMPARE(model.stateText(), QStringLiteral("Engine: Running"));
    QCOMPARE(model.stateTone(), EngineStatusModel::Tone::Good);
    QCOMPARE(model.apiText(), QStringLiteral("API http://127.0.0.1:%1").arg(engine.httpPort()));
    QCOMPARE(model.apiUrl().port(), int(engine.httpPort()));
    QVERIFY(model.databaseText().startsWith(QStringLiteral("SQLite: ")));
    QVERIFY(model.databaseText().contains(dir.path()));
    QCOMPARE(model.secretStoreAvailable(), engine.status().secretStoreAvailable);
    if (!model.secretStoreAvailable())
        QVERIFY(!model.secretStoreProblemText().isEmpty());

    engine.stop();
    QCOMPARE(model.stateText(), QStringLiteral("Engine: Stopped"));
    QCOMPARE(model.stateTone(), EngineStatusModel::Tone::Neutral);
    QCOMPARE(model.apiText(), QStringLiteral("API not listening"));
}

// The status bar shows the URL the engine really serves: https:// once TLS is configured.
void EngineStatusModelTest::showsHttpsWhenTlsIsOn()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath(QStringLiteral("server.pem"));
    const QString key = dir.filePath(QStringLiteral("server.key"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), key,
                   QStringLiteral("-out"), cert});
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());

    EngineConfig config = test::engineConfig(dir);
    config.tlsCertificateFile = cert;
    config.tlsKeyFile = key;
    Engine engine(config);
    EngineStatusModel model(engine);
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    QCOMPARE(model.apiText(), QStringLiteral("API https://127.0.0.1:%1").arg(engine.httpPort()));
    QCOMPARE(model.apiUrl().scheme(), QStringLiteral("https"));
    QCOMPARE(model.apiUrl().port(), int(engine.httpPort()));
    QVERIFY2(model.apiToolTip().contains(model.apiUrl().toString()),
             qPrintable(model.apiToolTip()));

    engine.stop();
    QCOMPARE(model.apiText(), QStringLiteral("API not listening"));
    QVERIFY(model.apiUrl().isEmpty());
}

QTEST_GUILESS_MAIN(EngineStatusModelTest)
#include "EngineStatusModelTest.moc"
