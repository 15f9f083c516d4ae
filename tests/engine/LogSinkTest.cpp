#include "core/LogSink.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using botbat::LogSink;

class LogSinkTest : public QObject
{
    Q_OBJECT
private slots:
    void redactsSecretShapes_data();
    void redactsSecretShapes();
    void writesRedactedLinesToTheFile();
    void rotatesAtTheLimit();
};

void LogSinkTest::redactsSecretShapes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("secret");
    QTest::newRow("api key") << QStringLiteral("auth with bbk_9f8e7d6c5b4a39281726354 failed")
                             << QStringLiteral("9f8e7d6c5b4a39281726354");
    QTest::newRow("webhook secret") << QStringLiteral("secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                                    << QStringLiteral("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    QTest::newRow("bearer") << QStringLiteral("Authorization: Bearer eyJhbGciOi.abc.def")
                            << QStringLiteral("eyJhbGciOi.abc.def");
    QTest::newRow("url password") << QStringLiteral("postgresql://botbat:hunter22@db:5432/x")
                                  << QStringLiteral("hunter22");
    QTest::newRow("query token") << QStringLiteral("GET /hook?token=abc123xyz&x=1")
                                 << QStringLiteral("abc123xyz");
}

void LogSinkTest::redactsSecretShapes()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    const QString out = LogSink::redact(input);
    QVERIFY2(!out.contains(secret), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("[redacted]")), qPrintable(out));
}

void LogSinkTest::writesRedactedLinesToTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("logs/test.log"));
    LogSink::install(path);
    qWarning("delivery failed for key %s", "bbk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    LogSink::uninstall();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY2(content.contains("warning [main] delivery failed for key bbk_AAAAAA"), content.constData());
    QVERIFY(!content.contains("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
}

void LogSinkTest::rotatesAtTheLimit()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rot.log"));
    LogSink::install(path, 2000);
    for (int i = 0; i < 100; ++i)
        qInfo("line %d with some padding to fill the file quickly", i);
    LogSink::uninstall();
    QVERIFY(QFile::exists(path + QStringLiteral(".1")));
    QVERIFY(QFileInfo(path).size() < 2100);
    QVERIFY(QFileInfo(path + QStringLiteral(".1")).size() < 2200);
}

QTEST_GUILESS_MAIN(LogSinkTest)
#include "LogSinkTest.moc"
