#include "TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

// Drives the real botbat-console binary as an operator or a service manager would.
class HeadlessProcessTest : public QObject
{
    Q_OBJECT
private slots:
    void helpListsTheOptions();
    void badOptionIsAClearError();
    void servesHealthzAndStopsCleanlyOnSigterm();
    void withoutDisplayFallsBackToHeadless();
    void corruptDatabaseExitsNonZero();

private:
    QProcessEnvironment environment(const QTemporaryDir &dir) const;
    static quint16 waitForPort(QProcess &process, QByteArray *output);
};

static QString binary()
{
    return qEnvironmentVariable("BOTBAT_CONSOLE_BINARY");
}

QProcessEnvironment HeadlessProcessTest::environment(const QTemporaryDir &dir) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("xdg-data")));
    env.insert(QStringLiteral("BOTBAT_SECRETS_PASSPHRASE"),
               QStringLiteral("a passphrase for tests"));
    return env;
}

quint16 HeadlessProcessTest::waitForPort(QProcess &process, QByteArray *output)
{
    const QRegularExpression address(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)"));
    process.waitForStarted(10000);
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && process.state() == QProcess::Running) {
        process.waitForReadyRead(200);
        output->append(process.readAllStandardError());
        const auto match = address.match(QString::fromUtf8(*output));
        if (match.hasMatch())
            return static_cast<quint16>(match.captured(1).toUInt());
    }
    return 0;
}

void HeadlessProcessTest::helpListsTheOptions()
{
    QProcess process;
    process.start(binary(), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const char *option : {"--headless", "--database", "--port", "--data-dir", "--secret-store",
                               "--trusted-ca", "--webhook-auto-disable-days"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
}

void HeadlessProcessTest::badOptionIsAClearError()
{
    QProcess process;
    process.start(binary(), {QStringLiteral("--port"), QStringLiteral("seventy")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("--port must be a number"));

    const QList<QPair<QStringList, QByteArray>> webhookOptions = {
        {{QStringLiteral("--trusted-ca"), QStringLiteral("/nonexistent/ca.pem")}, "cannot read"},
        {{QStringLiteral("--webhook-auto-disable-days"), QStringLiteral("0")}, "from 1 to 365"}};
    for (const auto &[arguments, message] : webhookOptions) {
        QProcess bad;
        bad.start(binary(), arguments);
        QVERIFY(bad.waitForFinished(10000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY2(bad.readAllStandardError().contains(message), message.constData());
    }
}

void HeadlessProcessTest::servesHealthzAndStopsCleanlyOnSigterm()
{
    QTemporaryDir dir;
    QProcess process;
    process.setProcessEnvironment(environment(dir));
    process.start(binary(), {QStringLiteral("--headless"), QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--data-dir"), dir.path(),
                             QStringLiteral("--secret-store"), QStringLiteral("file")});
    QByteArray output;
    const quint16 port = waitForPort(process, &output);
    QVERIFY2(port > 0, output.constData());
    const auto health = botbat::test::httpRequest(
        "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(port)));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("botbat.db"))));

    process.terminate(); // SIGTERM
    QVERIFY(process.waitForFinished(15000));
    output.append(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(output.contains("stopped cleanly"), output.constData());
}

void HeadlessProcessTest::withoutDisplayFallsBackToHeadless()
{
    QTemporaryDir dir;
    QProcess process;
    QProcessEnvironment env = environment(dir);
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    process.setProcessEnvironment(env);
    process.start(binary(),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                   dir.path(), QStringLiteral("--secret-store"), QStringLiteral("file")});
    QByteArray output;
    QVERIFY2(waitForPort(process, &output) > 0, output.constData());
    QVERIFY2(output.contains("No display found: starting the engine headless") ||
                 output.contains("no console window"),
             output.constData());
    process.terminate();
    QVERIFY(process.waitForFinished(15000));
    QCOMPARE(process.exitCode(), 0);
}

void HeadlessProcessTest::corruptDatabaseExitsNonZero()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("botbat.db"));
    const QByteArray garbage = QByteArray("this is not a database ").repeated(200);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
    }
    QProcess process;
    process.setProcessEnvironment(environment(dir));
    process.start(binary(), {QStringLiteral("--headless"), QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(process.waitForFinished(15000));
    QCOMPARE(process.exitCode(), 1);
    const QByteArray output = process.readAllStandardError();
    QVERIFY2(output.contains("not a readable SQLite database"), output.constData());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), garbage);
}

QTEST_GUILESS_MAIN(HeadlessProcessTest)
#include "HeadlessProcessTest.moc"
