#include "models/EngineStatusModel.h"

#include "TestSupport.h"
#include "core/Engine.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

class EngineStatusModelTest : public QObject
{
    Q_OBJECT
private slots:
    void followsTheEngine();
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

QTEST_GUILESS_MAIN(EngineStatusModelTest)
#include "EngineStatusModelTest.moc"
