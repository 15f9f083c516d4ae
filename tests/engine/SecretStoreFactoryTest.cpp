#include "security/SecretStoreFactory.h"

#include "security/EncryptedFileSecretStore.h"
#include "security/KeychainSecretStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace botbat;

namespace {
// Sets or clears environment variables for one test and restores them afterwards.
class ScopedEnvironment
{
public:
    void set(const char *name, const QByteArray &value)
    {
        remember(name);
        qputenv(name, value);
    }
    void unset(const char *name)
    {
        remember(name);
        qunsetenv(name);
    }
    ~ScopedEnvironment()
    {
        for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it) {
            if (it->second)
                qputenv(it->first.constData(), *it->second);
            else
                qunsetenv(it->first.constData());
        }
    }

private:
    void remember(const char *name)
    {
        std::optional<QByteArray> value;
        if (qEnvironmentVariableIsSet(name))
            value = qgetenv(name);
        m_saved.emplace_back(QByteArray(name), value);
    }
    std::vector<std::pair<QByteArray, std::optional<QByteArray>>> m_saved;
};

const QString kInstance = QStringLiteral("3f2a9c1e-test-instance");
} // namespace

// Runs inside a private D-Bus session with an unlocked gnome-keyring (KEYRING in ctest); the
// "without a session bus" cases remove the bus from the environment first.
class SecretStoreFactoryTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void autoPicksTheKeyringWhenReachable();
    void keyringKindUsesTheKeyring();
    void fileKindUsesTheFile();
    void fileKindWithoutPassphraseSaysHowToGiveOne();
    void fileKindWithWrongPassphraseIsUnavailable();
    void withoutBusAutoWithoutPassphraseIsUnavailable();
    void withoutBusAutoWithPassphrasePicksTheFile();
    void withoutBusAutoWithShortPassphraseSaysSo();
    void withoutBusKeyringKindIsUnavailable();
    void busWithoutUsableKeyringFallsBackToTheFile();

private:
    SecretStoreConfig config(SecretStoreConfig::Kind kind) const;
    void removeSessionBus(ScopedEnvironment &environment);
    static void verifyRefusesEverything(SecretStore &store);

    std::unique_ptr<QTemporaryDir> m_dir;
    ScopedEnvironment m_passphraseVariables;
};

void SecretStoreFactoryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_passphraseVariables.unset("BOTBAT_SECRETS_PASSPHRASE");
    m_passphraseVariables.unset("BOTBAT_SECRETS_PASSPHRASE_FILE");
}

SecretStoreConfig SecretStoreFactoryTest::config(SecretStoreConfig::Kind kind) const
{
    SecretStoreConfig result;
    result.kind = kind;
    result.filePath = QDir(m_dir->path()).filePath(QStringLiteral("secrets.enc"));
    result.keyringService = QStringLiteral("BotBat Factory Test");
    return result;
}

void SecretStoreFactoryTest::removeSessionBus(ScopedEnvironment &environment)
{
    environment.unset("DBUS_SESSION_BUS_ADDRESS");
    // D-Bus would also find a systemd user bus here; point it at an empty folder.
    environment.set("XDG_RUNTIME_DIR", QFile::encodeName(m_dir->path()));
}

void SecretStoreFactoryTest::verifyRefusesEverything(SecretStore &store)
{
    QString error;
    QVERIFY(!store.write(QStringLiteral("a/1/b"), "secret", &error));
    QCOMPARE(error, store.problem());
    error.clear();
    QVERIFY(!store.read(QStringLiteral("a/1/b"), &error));
    QCOMPARE(error, store.problem());
    error.clear();
    QVERIFY(!store.remove(QStringLiteral("a/1/b"), &error));
    QCOMPARE(error, store.problem());
}

void SecretStoreFactoryTest::autoPicksTheKeyringWhenReachable()
{
    // Even with a passphrase at hand, Auto prefers the keyring.
    m_passphraseVariables.set("BOTBAT_SECRETS_PASSPHRASE", "a long enough passphrase");
    auto store = SecretStoreFactory::create(config(SecretStoreConfig::Kind::Auto), kInstance);
    QVERIFY(store);
    QVERIFY2(store->isAvailable(), qPrintable(store->problem()));
    QCOMPARE(store->backendName(), QStringLiteral("System keyring"));
    QVERIFY(dynamic_cast<KeychainSecretStore *>(store.get()));
    QString error;
    QVERIFY2(store->write(QStringLiteral("webhook/1/secret"), "via auto", &error),
             qPrintable(error));
    // Namespaced by the instance id given to the factory.
    KeychainSecretStore direct(QStringLiteral("BotBat Factory Test"), kInstance);
    QCOMPARE(direct.read(QStringLiteral("webhook/1/secret"), &error).value_or("<none>"),
             QByteArray("via auto"));
    QVERIFY(store->remove(QStringLiteral("webhook/1/secret"), &error));
    QVERIFY(!QFile::exists(config(SecretStoreConfig::Kind::Auto).filePath));
}

void SecretStoreFactoryTest::keyringKindUsesTheKeyring()
{
    auto store = SecretStoreFactory::create(config(SecretStoreConfig::Kind::Keyring), kInstance);
    QVERIFY2(store->isAvailable(), qPrintable(store->problem()));
    QCOMPARE(store->backendName(), QStringLiteral("System keyring"));
}

void SecretStoreFactoryTest::fileKindUsesTheFile()
{
    SecretStoreConfig fileConfig = config(SecretStoreConfig::Kind::File);
    fileConfig.passphraseFile = QDir(m_dir->path()).filePath(QStringLiteral("passphrase"));
    QFile passphrase(fileConfig.passphraseFile);
    QVERIFY(passphrase.open(QIODevice::WriteOnly));
    passphrase.write("a file passphrase\n");
    passphrase.close();
    auto store = SecretStoreFactory::create(fileConfig, kInstance);
    QVERIFY2(store->isAvailable(), qPrintable(store->problem()));
    QCOMPARE(store->backendName(), QStringLiteral("Encrypted file"));
    QString error;
    QVERIFY(store->write(QStringLiteral("a/1/b"), "in the file", &error));
    QVERIFY(QFile::exists(fileConfig.filePath));
    EncryptedFileSecretStore reopened(fileConfig.filePath, "a file passphrase", kInstance);
    QCOMPARE(reopened.read(QStringLiteral("a/1/b"), &error).value_or("<none>"),
             QByteArray("in the file"));
}

void SecretStoreFactoryTest::fileKindWithoutPassphraseSaysHowToGiveOne()
{
    const SecretStoreConfig fileConfig = config(SecretStoreConfig::Kind::File);
    auto store = SecretStoreFactory::create(fileConfig, kInstance);
    QVERIFY(store);
    QVERIFY(!store->isAvailable());
    QCOMPARE(store->backendName(), QStringLiteral("Unavailable"));
    const QString problem = store->problem();
    QVERIFY2(problem.contains(QLatin1String("needs a passphrase")), qPrintable(problem));
    QVERIFY(problem.contains(QLatin1String("BOTBAT_SECRETS_PASSPHRASE")));
    QVERIFY(problem.contains(QLatin1String("--secrets-passphrase-file")));
    QVERIFY(problem.contains(fileConfig.filePath));
    verifyRefusesEverything(*store);
    QVERIFY(!QFile::exists(fileConfig.filePath));
}

void SecretStoreFactoryTest::fileKindWithWrongPassphraseIsUnavailable()
{
    const SecretStoreConfig fileConfig = config(SecretStoreConfig::Kind::File);
    QString error;
    {
        EncryptedFileSecretStore store(fileConfig.filePath, "the right passphrase");
        QVERIFY(store.write(QStringLiteral("a"), "1", &error));
    }
    m_passphraseVariables.set("BOTBAT_SECRETS_PASSPHRASE", "the wrong passphrase");
    auto store = SecretStoreFactory::create(fileConfig, kInstance);
    QVERIFY(!store->isAvailable());
    QVERIFY2(store->problem().contains(QLatin1String("wrong passphrase or damaged file")),
             qPrintable(store->problem()));
    verifyRefusesEverything(*store);
}

void SecretStoreFactoryTest::withoutBusAutoWithoutPassphraseIsUnavailable()
{
    ScopedEnvironment environment;
    removeSessionBus(environment);
    const SecretStoreConfig autoConfig = config(SecretStoreConfig::Kind::Auto);
    QElapsedTimer timer;
    timer.start();
    auto store = SecretStoreFactory::create(autoConfig, kInstance);
    const qint64 elapsed = timer.elapsed();
    qInfo("Auto without a session bus decided in %lld ms", elapsed);
    QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    QVERIFY(store);
    QVERIFY(!store->isAvailable());
    QCOMPARE(store->backendName(), QStringLiteral("Unavailable"));
    const QString problem = store->problem();
    QVERIFY2(problem.startsWith(QLatin1String("No system keyring is reachable")),
             qPrintable(problem));
    QVERIFY2(problem.contains(QLatin1String("DBUS_SESSION_BUS_ADDRESS is not set")),
             qPrintable(problem));
    QVERIFY(problem.contains(QLatin1String("BOTBAT_SECRETS_PASSPHRASE")));
    QVERIFY(problem.contains(QLatin1String("--secrets-passphrase-file")));
    QVERIFY(problem.contains(QLatin1String("--secret-store file")));
    QVERIFY(problem.contains(autoConfig.filePath));
    verifyRefusesEverything(*store);
    QVERIFY(!QFile::exists(autoConfig.filePath)); // no plain-text (or any) fallback
}

void SecretStoreFactoryTest::withoutBusAutoWithPassphrasePicksTheFile()
{
    ScopedEnvironment environment;
    removeSessionBus(environment);
    m_passphraseVariables.set("BOTBAT_SECRETS_PASSPHRASE", "a long enough passphrase");
    const SecretStoreConfig autoConfig = config(SecretStoreConfig::Kind::Auto);
    auto store = SecretStoreFactory::create(autoConfig, kInstance);
    QVERIFY2(store->isAvailable(), qPrintable(store->problem()));
    QCOMPARE(store->backendName(), QStringLiteral("Encrypted file"));
    QString error;
    QVERIFY(store->write(QStringLiteral("a/1/b"), "in the file", &error));
    QVERIFY(QFile::exists(autoConfig.filePath));
    QCOMPARE(store->read(QStringLiteral("a/1/b"), &error).value_or("<none>"),
             QByteArray("in the file"));
}

void SecretStoreFactoryTest::withoutBusAutoWithShortPassphraseSaysSo()
{
    ScopedEnvironment environment;
    removeSessionBus(environment);
    m_passphraseVariables.set("BOTBAT_SECRETS_PASSPHRASE", "too short");
    auto store = SecretStoreFactory::create(config(SecretStoreConfig::Kind::Auto), kInstance);
    QVERIFY(!store->isAvailable());
    QVERIFY2(store->problem().contains(QLatin1String("No system keyring is reachable")),
             qPrintable(store->problem()));
    QVERIFY(store->problem().contains(QLatin1String("too short")));
    verifyRefusesEverything(*store);
}

void SecretStoreFactoryTest::withoutBusKeyringKindIsUnavailable()
{
    ScopedEnvironment environment;
    removeSessionBus(environment);
    // A passphrase does not matter: Keyring means the keyring or nothing.
    m_passphraseVariables.set("BOTBAT_SECRETS_PASSPHRASE", "a long enough passphrase");
    auto store = SecretStoreFactory::create(config(SecretStoreConfig::Kind::Keyring), kInstance);
    QVERIFY(!store->isAvailable());
    QCOMPARE(store->backendName(), QStringLiteral("Unavailable"));
    QVERIFY2(store->problem().contains(QLatin1String("The system keyring cannot be used")),
             qPrintable(store->problem()));
    QVERIFY(store->problem().contains(QLatin1String("DBUS_SESSION_BUS_ADDRESS")));
    verifyRefusesEverything(*store);
}

void SecretStoreFactoryTest::busWithoutUsableKeyringFallsBackToTheFile()
{
    // A server or SSH login with a D-Bus session: gnome-keyring is started on demand and
    // answers lookups, but has no unlocked keyring and cannot prompt, so it cannot store. The
    // case runs in a child process with a fresh session bus, $HOME and no display.
    if (qEnvironmentVariableIsEmpty("BOTBAT_TEST_BUS_WITHOUT_KEYRING")) {
        QTemporaryDir home;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
                                 "BOTBAT_SECRETS_PASSPHRASE", "BOTBAT_SECRETS_PASSPHRASE_FILE"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
        environment.insert(QStringLiteral("BOTBAT_TEST_BUS_WITHOUT_KEYRING"), QStringLiteral("1"));
        QProcess child;
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QStringLiteral("dbus-run-session"),
                    {QStringLiteral("--"), QCoreApplication::applicationFilePath(),
                     QStringLiteral("busWithoutUsableKeyringFallsBackToTheFile")});
        QVERIFY2(child.waitForFinished(60000), "the child test did not finish within 60 s");
        const QByteArray output = child.readAll();
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
                 output.constData());
        qInfo("%s", output.constData());
        return;
    }

    QVERIFY(KeychainSecretStore::missingSessionBus().isEmpty());
    QElapsedTimer timer;
    timer.start();
    const auto probe = KeychainSecretStore::probe(QStringLiteral("BotBat Factory Test"));
    qInfo("probe with a bus but no usable keyring: %lld ms: %s", timer.elapsed(),
          qPrintable(probe.reason));
    QVERIFY(!probe.reachable);
    QVERIFY2(probe.reason.contains(QLatin1String("could not store a test entry")),
             qPrintable(probe.reason));

    auto keyring = SecretStoreFactory::create(config(SecretStoreConfig::Kind::Keyring), kInstance);
    QVERIFY(!keyring->isAvailable());
    QVERIFY2(keyring->problem().contains(QLatin1String("The system keyring cannot be used")),
             qPrintable(keyring->problem()));

    auto none = SecretStoreFactory::create(config(SecretStoreConfig::Kind::Auto), kInstance);
    QVERIFY(!none->isAvailable());
    QVERIFY2(none->problem().startsWith(QLatin1String("No system keyring is reachable")),
             qPrintable(none->problem()));
    QVERIFY(none->problem().contains(QLatin1String("BOTBAT_SECRETS_PASSPHRASE")));

    m_passphraseVariables.set("BOTBAT_SECRETS_PASSPHRASE", "a long enough passphrase");
    auto file = SecretStoreFactory::create(config(SecretStoreConfig::Kind::Auto), kInstance);
    QVERIFY2(file->isAvailable(), qPrintable(file->problem()));
    QCOMPARE(file->backendName(), QStringLiteral("Encrypted file"));
}

QTEST_GUILESS_MAIN(SecretStoreFactoryTest)
#include "SecretStoreFactoryTest.moc"
