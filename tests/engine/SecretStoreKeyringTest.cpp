#include "security/KeychainSecretStore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QThread>
#include <QUuid>
#include <QtTest>

using namespace botbat;

// Runs against a real gnome-keyring in a private D-Bus session (ctest starts it through
// tests/support/with-keyring.sh), and checks what landed in the keyring with secret-tool,
// independently of QtKeychain.
class SecretStoreKeyringTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writeReadOverwriteRemove();
    void missingEntries();
    void keepsBinarySecretsExactly();
    void instancesDoNotSeeEachOther();
    void entryIsReallyInTheKeyring();
    void nothingIsWrittenInPlainText();
    void worksFromThreadsWithoutEventLoop();

private:
    struct Tool
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err; // secret-tool search prints the attributes here
    };
    static Tool secretTool(const QStringList &arguments);

    QString m_service;
};

SecretStoreKeyringTest::Tool SecretStoreKeyringTest::secretTool(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("secret-tool"), arguments);
    if (!process.waitForFinished(10000))
        return {};
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

void SecretStoreKeyringTest::initTestCase()
{
    QVERIFY2(KeychainSecretStore::missingSessionBus().isEmpty(),
             "Run this test through ctest, which starts a private D-Bus session and keyring.");
    // A service name of its own, so runs can never see each other's entries.
    m_service = QStringLiteral("BotBat Test ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const auto probe = KeychainSecretStore::probe(m_service);
    QVERIFY2(probe.reachable, qPrintable(probe.reason));
    qInfo("keyring probe answered in %lld ms", probe.elapsedMs);
}

void SecretStoreKeyringTest::writeReadOverwriteRemove()
{
    KeychainSecretStore store(m_service, QStringLiteral("instance-1"));
    QCOMPARE(store.backendName(), QStringLiteral("System keyring"));
    QVERIFY(store.isAvailable());
    QString error;
    const QString ref = SecretStore::makeRef(QStringLiteral("webhook"), QStringLiteral("7"),
                                             QStringLiteral("signing-secret"));
    QVERIFY2(store.write(ref, "first value", &error), qPrintable(error));
    QCOMPARE(store.read(ref, &error).value_or("<none>"), QByteArray("first value"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(store.write(ref, "second value", &error), qPrintable(error));
    QCOMPARE(store.read(ref, &error).value_or("<none>"), QByteArray("second value"));
    QVERIFY2(store.remove(ref, &error), qPrintable(error));
    QVERIFY(!store.read(ref, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void SecretStoreKeyringTest::missingEntries()
{
    KeychainSecretStore store(m_service, QStringLiteral("instance-1"));
    QString error = QStringLiteral("stale");
    QVERIFY(!store.read(QStringLiteral("never/written/here"), &error));
    QVERIFY2(error.isEmpty(), qPrintable(error)); // "no such secret", not a failure
    QVERIFY2(store.remove(QStringLiteral("never/written/here"), &error), qPrintable(error));
}

void SecretStoreKeyringTest::keepsBinarySecretsExactly()
{
    KeychainSecretStore store(m_service, QStringLiteral("instance-1"));
    QByteArray everyByte;
    for (int i = 0; i < 256; ++i)
        everyByte.append(char(i));
    QString error;
    QVERIFY2(store.write(QStringLiteral("binary"), everyByte, &error), qPrintable(error));
    QCOMPARE(store.read(QStringLiteral("binary"), &error).value_or("<none>"), everyByte);
    QVERIFY(store.remove(QStringLiteral("binary"), &error));
}

void SecretStoreKeyringTest::instancesDoNotSeeEachOther()
{
    KeychainSecretStore first(m_service, QStringLiteral("db-aaaa"));
    KeychainSecretStore second(m_service, QStringLiteral("db-bbbb"));
    const QString ref = QStringLiteral("crm/1/token");
    QString error;
    QVERIFY2(first.write(ref, "token of the first database", &error), qPrintable(error));
    QVERIFY(!second.read(ref, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(second.write(ref, "token of the second database", &error), qPrintable(error));
    QCOMPARE(first.read(ref, &error).value_or("<none>"), QByteArray("token of the first database"));
    QCOMPARE(second.read(ref, &error).value_or("<none>"),
             QByteArray("token of the second database"));
    QVERIFY(second.remove(ref, &error));
    QCOMPARE(first.read(ref, &error).value_or("<none>"), QByteArray("token of the first database"));
    QVERIFY(first.remove(ref, &error));
}

void SecretStoreKeyringTest::entryIsReallyInTheKeyring()
{
    KeychainSecretStore store(m_service, QStringLiteral("instance-9"));
    const QString ref = QStringLiteral("webhook/3/signing-secret");
    const QByteArray secret = "whsec_checked-by-secret-tool";
    QString error;
    QVERIFY2(store.write(ref, secret, &error), qPrintable(error));
    QCOMPARE(store.entryName(ref), QStringLiteral("instance-9/") + ref);

    // QtKeychain's libsecret backend: server=<service>, user=<entry>, secret base64-encoded.
    const Tool search = secretTool(
        {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), m_service});
    QCOMPARE(search.exitCode, 0);
    const QByteArray expectedUser = QByteArray("attribute.user = instance-9/") + ref.toUtf8();
    QVERIFY2(search.err.contains(expectedUser), search.err.constData());
    QVERIFY2(search.err.contains("attribute.type = base64"), search.err.constData());
    QVERIFY2(search.out.contains("schema = org.qt.keychain"), search.out.constData());
    const QByteArray expectedSecret = QByteArray("secret = ") + secret.toBase64();
    QVERIFY2(search.out.contains(expectedSecret), search.out.constData());
    const Tool lookup = secretTool({QStringLiteral("lookup"), QStringLiteral("server"), m_service,
                                    QStringLiteral("user"), store.entryName(ref)});
    QCOMPARE(lookup.exitCode, 0);
    QCOMPARE(QByteArray::fromBase64(lookup.out.trimmed()), secret);

    QVERIFY2(store.remove(ref, &error), qPrintable(error));
    const Tool gone = secretTool({QStringLiteral("lookup"), QStringLiteral("server"), m_service,
                                  QStringLiteral("user"), store.entryName(ref)});
    QVERIFY(gone.out.isEmpty());
    QVERIFY(gone.exitCode != 0);
}

void SecretStoreKeyringTest::nothingIsWrittenInPlainText()
{
    // The insecure fallback would put the secret into a QSettings file under $HOME (a fresh
    // temporary folder in this session, which also holds the keyring's own encrypted file).
    KeychainSecretStore store(m_service, QStringLiteral("instance-1"));
    const QByteArray secret = "plain-text-canary-4f1d9a";
    QString error;
    QVERIFY2(store.write(QStringLiteral("canary"), secret, &error), qPrintable(error));
    const QString home = qEnvironmentVariable("HOME");
    QVERIFY(!home.isEmpty());
    int files = 0;
    QDirIterator it(home, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        ++files;
        const QByteArray content = file.readAll();
        QVERIFY2(!content.contains(secret) && !content.contains(secret.toBase64()),
                 qPrintable(file.fileName()));
    }
    qInfo("scanned %d files under $HOME", files);
    QVERIFY(store.remove(QStringLiteral("canary"), &error));
}

void SecretStoreKeyringTest::worksFromThreadsWithoutEventLoop()
{
    KeychainSecretStore store(m_service, QStringLiteral("instance-threads"));
    QAtomicInt failures = 0;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back(QThread::create([&store, &failures, t] {
            for (int i = 0; i < 5; ++i) {
                const QString ref = QStringLiteral("thread-%1/%2").arg(t).arg(i);
                QString error;
                if (!store.write(ref, ref.toUtf8(), &error) ||
                    store.read(ref, &error) != std::optional<QByteArray>(ref.toUtf8()) ||
                    !store.remove(ref, &error)) {
                    qWarning("%s: %s", qPrintable(ref), qPrintable(error));
                    failures.fetchAndAddRelaxed(1);
                }
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QCOMPARE(failures.loadRelaxed(), 0);
    // The thread that ran first has ended; later jobs must not depend on it.
    QString error;
    QVERIFY2(store.write(QStringLiteral("after"), "x", &error), qPrintable(error));
    QVERIFY(store.remove(QStringLiteral("after"), &error));
}

QTEST_GUILESS_MAIN(SecretStoreKeyringTest)
#include "SecretStoreKeyringTest.moc"
