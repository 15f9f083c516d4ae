#include "security/EncryptedFileSecretStore.h"
#include "security/SecretPassphrase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <sys/stat.h>

using namespace botbat;

namespace {
const QByteArray kPassphrase = "correct horse battery staple";

QByteArray contents(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void overwrite(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
}

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
        for (const auto &[name, value] : m_saved) {
            if (value)
                qputenv(name.constData(), *value);
            else
                qunsetenv(name.constData());
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
} // namespace

class SecretStoreFileTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void writeReadOverwriteRemove();
    void openingCreatesAnEmptyFile();
    void unwritableFolderIsReportedAtOpen();
    void keepsBinarySecretsExactly();
    void survivesReopen();
    void instancesDoNotSeeEachOther();
    void wrongPassphraseIsRefusedAndFileUntouched();
    void damagedFileIsRefusedAndUntouched_data();
    void damagedFileIsRefusedAndUntouched();
    void damageAfterOpeningIsDetected();
    void newerFormatIsRefused();
    void shortPassphraseIsRefused_data();
    void shortPassphraseIsRefused();
    void secretsNeverAppearInTheFile();
    void fileIsOwnerOnly();
    void eachSaveUsesAFreshNonce();
    void headerCarriesVersionAndKdfParameters();
    void concurrentWritersLoseNothing();
    void passphraseFromFileDropsTrailingNewline();
    void passphraseSourcesAndPrecedence();
    void unreadablePassphraseFileIsReported();

private:
    QString path() const { return QDir(m_dir->path()).filePath(QStringLiteral("secrets.enc")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void SecretStoreFileTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void SecretStoreFileTest::writeReadOverwriteRemove()
{
    EncryptedFileSecretStore store(path(), kPassphrase);
    QVERIFY2(store.isAvailable(), qPrintable(store.problem()));
    QCOMPARE(store.backendName(), QStringLiteral("Encrypted file"));
    QString error;
    const QString ref = SecretStore::makeRef(QStringLiteral("webhook"), QStringLiteral("12"),
                                             QStringLiteral("signing-secret"));
    QVERIFY2(store.write(ref, "first", &error), qPrintable(error));
    QVERIFY2(store.write(QStringLiteral("crm/1/token"), "other", &error), qPrintable(error));
    QCOMPARE(store.read(ref, &error).value_or("<none>"), QByteArray("first"));
    QVERIFY2(store.write(ref, "second", &error), qPrintable(error));
    QCOMPARE(store.read(ref, &error).value_or("<none>"), QByteArray("second"));
    QVERIFY2(store.remove(ref, &error), qPrintable(error));
    error = QStringLiteral("stale");
    QVERIFY(!store.read(ref, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error)); // "no such secret", not a failure
    QCOMPARE(store.read(QStringLiteral("crm/1/token"), &error).value_or("<none>"),
             QByteArray("other"));
    const QByteArray before = contents(path());
    QVERIFY2(store.remove(ref, &error), qPrintable(error)); // missing: still succeeds
    QCOMPARE(contents(path()), before);                     // ... and does not rewrite
}

void SecretStoreFileTest::openingCreatesAnEmptyFile()
{
    const QString nested = QDir(m_dir->path()).filePath(QStringLiteral("new/folder/secrets.enc"));
    {
        EncryptedFileSecretStore store(nested, kPassphrase);
        QVERIFY2(store.isAvailable(), qPrintable(store.problem()));
        QVERIFY(QFile::exists(nested));
        QString error;
        QVERIFY(!store.read(QStringLiteral("a"), &error));
        QVERIFY(error.isEmpty());
        QVERIFY(store.remove(QStringLiteral("a"), &error));
    }
    // The empty file already holds the passphrase's salt: a wrong one is refused at once.
    EncryptedFileSecretStore wrong(nested, "not the passphrase at all");
    QVERIFY(!wrong.isAvailable());
    QVERIFY2(wrong.problem().contains(QLatin1String("wrong passphrase")),
             qPrintable(wrong.problem()));
}

void SecretStoreFileTest::unwritableFolderIsReportedAtOpen()
{
    // A folder that cannot be created (a file is in the way; file modes would not stop root).
    const QString blocker = QDir(m_dir->path()).filePath(QStringLiteral("not-a-folder"));
    overwrite(blocker, "x");
    EncryptedFileSecretStore store(blocker + QStringLiteral("/secrets.enc"), kPassphrase);
    QVERIFY(!store.isAvailable());
    QVERIFY2(store.problem().contains(QLatin1String("Cannot create the folder")),
             qPrintable(store.problem()));
    QVERIFY(store.problem().contains(QLatin1String("--data-dir")));
    QString error;
    QVERIFY(!store.write(QStringLiteral("a"), "1", &error));
    QCOMPARE(error, store.problem());
}

void SecretStoreFileTest::keepsBinarySecretsExactly()
{
    QByteArray everyByte;
    for (int i = 0; i < 256; ++i)
        everyByte.append(char(i));
    {
        EncryptedFileSecretStore store(path(), kPassphrase);
        QString error;
        QVERIFY(store.write(QStringLiteral("binary"), everyByte, &error));
        QVERIFY(store.write(QStringLiteral("empty"), QByteArray(""), &error));
        QVERIFY(store.write(QStringLiteral("ünïcödé/ref"), "x", &error));
    }
    EncryptedFileSecretStore reopened(path(), kPassphrase);
    QString error;
    QCOMPARE(reopened.read(QStringLiteral("binary"), &error).value_or("<none>"), everyByte);
    QCOMPARE(reopened.read(QStringLiteral("empty"), &error).value_or("<none>"), QByteArray(""));
    QCOMPARE(reopened.read(QStringLiteral("ünïcödé/ref"), &error).value_or("<none>"),
             QByteArray("x"));
}

void SecretStoreFileTest::survivesReopen()
{
    QString error;
    {
        EncryptedFileSecretStore store(path(), kPassphrase);
        QVERIFY2(store.write(QStringLiteral("webhook/1/secret"), "kept", &error),
                 qPrintable(error));
    }
    EncryptedFileSecretStore reopened(path(), kPassphrase);
    QVERIFY2(reopened.isAvailable(), qPrintable(reopened.problem()));
    QCOMPARE(reopened.read(QStringLiteral("webhook/1/secret"), &error).value_or("<none>"),
             QByteArray("kept"));
    QVERIFY(reopened.write(QStringLiteral("webhook/2/secret"), "added", &error));
    EncryptedFileSecretStore third(path(), kPassphrase);
    QCOMPARE(third.read(QStringLiteral("webhook/1/secret"), &error).value_or("<none>"),
             QByteArray("kept"));
    QCOMPARE(third.read(QStringLiteral("webhook/2/secret"), &error).value_or("<none>"),
             QByteArray("added"));
}

void SecretStoreFileTest::instancesDoNotSeeEachOther()
{
    // Two databases pointed at one data directory share the file, never a secret.
    EncryptedFileSecretStore first(path(), kPassphrase, QStringLiteral("db-aaaa"));
    EncryptedFileSecretStore second(path(), kPassphrase, QStringLiteral("db-bbbb"));
    const QString ref = QStringLiteral("crm/1/token");
    QString error;
    QVERIFY2(first.write(ref, "first", &error), qPrintable(error));
    QVERIFY(!second.read(ref, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(second.write(ref, "second", &error), qPrintable(error));
    QCOMPARE(first.read(ref, &error).value_or("<none>"), QByteArray("first"));
    QCOMPARE(second.read(ref, &error).value_or("<none>"), QByteArray("second"));
    QVERIFY(second.remove(ref, &error));
    QCOMPARE(first.read(ref, &error).value_or("<none>"), QByteArray("first"));
}

void SecretStoreFileTest::wrongPassphraseIsRefusedAndFileUntouched()
{
    QString error;
    {
        EncryptedFileSecretStore store(path(), kPassphrase);
        QVERIFY(store.write(QStringLiteral("a"), "secret", &error));
    }
    const QByteArray before = contents(path());
    const QDateTime modified = QFileInfo(path()).lastModified();

    EncryptedFileSecretStore wrong(path(), "correct horse battery stapler");
    QVERIFY(!wrong.isAvailable());
    QVERIFY2(wrong.problem().contains(QLatin1String("Cannot decrypt")),
             qPrintable(wrong.problem()));
    QVERIFY2(wrong.problem().contains(QLatin1String("wrong passphrase or damaged file")),
             qPrintable(wrong.problem()));
    QVERIFY(wrong.problem().contains(path()));
    QVERIFY(!wrong.problem().contains(QLatin1String("staple"))); // no passphrase in messages
    QVERIFY(!wrong.write(QStringLiteral("a"), "replacement", &error));
    QCOMPARE(error, wrong.problem());
    QVERIFY(!wrong.write(QStringLiteral("b"), "new", &error));
    QVERIFY(!wrong.remove(QStringLiteral("a"), &error));
    QVERIFY(!wrong.read(QStringLiteral("a"), &error));
    QCOMPARE(error, wrong.problem());

    QCOMPARE(contents(path()), before);
    QCOMPARE(QFileInfo(path()).lastModified(), modified);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files),
             QStringList{QStringLiteral("secrets.enc")});
    EncryptedFileSecretStore right(path(), kPassphrase);
    QCOMPARE(right.read(QStringLiteral("a"), &error).value_or("<none>"), QByteArray("secret"));
}

void SecretStoreFileTest::damagedFileIsRefusedAndUntouched_data()
{
    QTest::addColumn<int>("offset"); // byte to flip; negative: from the end
    QTest::addColumn<int>("truncateTo");
    QTest::newRow("magic") << 0 << -1;
    QTest::newRow("format version") << 9 << -1;
    QTest::newRow("kdf log2 N") << 11 << -1;
    QTest::newRow("kdf r") << 15 << -1;
    QTest::newRow("salt") << 25 << -1;
    QTest::newRow("nonce") << 40 << -1;
    QTest::newRow("ciphertext") << -20 << -1;
    QTest::newRow("tag") << -1 << -1;
    QTest::newRow("truncated body") << 0 << 60;
    QTest::newRow("truncated header") << 0 << 12;
    QTest::newRow("empty file") << 0 << 0;
}

void SecretStoreFileTest::damagedFileIsRefusedAndUntouched()
{
    QFETCH(int, offset);
    QFETCH(int, truncateTo);
    QString error;
    {
        EncryptedFileSecretStore store(path(), kPassphrase);
        QVERIFY(store.write(QStringLiteral("a"), "a secret that matters", &error));
    }
    QByteArray damaged = contents(path());
    if (truncateTo >= 0) {
        damaged.truncate(truncateTo);
    } else {
        const qsizetype index = offset >= 0 ? offset : damaged.size() + offset;
        damaged[index] = char(damaged.at(index) ^ 0x04);
    }
    overwrite(path(), damaged);

    EncryptedFileSecretStore store(path(), kPassphrase);
    QVERIFY(!store.isAvailable());
    const QString problem = store.problem();
    QVERIFY2(problem.contains(QLatin1String("Cannot decrypt")) ||
                 problem.contains(QLatin1String("format version")),
             qPrintable(problem));
    QVERIFY(!store.write(QStringLiteral("a"), "replacement", &error));
    QVERIFY(!store.remove(QStringLiteral("a"), &error));
    QCOMPARE(contents(path()), damaged);
}

void SecretStoreFileTest::damageAfterOpeningIsDetected()
{
    EncryptedFileSecretStore store(path(), kPassphrase);
    QString error;
    QVERIFY(store.write(QStringLiteral("a"), "one", &error));
    QByteArray damaged = contents(path());
    damaged[damaged.size() - 5] = char(damaged.at(damaged.size() - 5) ^ 0x80);
    overwrite(path(), damaged);

    QVERIFY(!store.read(QStringLiteral("a"), &error));
    QVERIFY2(error.contains(QLatin1String("Cannot decrypt")), qPrintable(error));
    QVERIFY(!store.write(QStringLiteral("b"), "two", &error));
    QVERIFY2(error.contains(QLatin1String("wrong passphrase or damaged file")), qPrintable(error));
    QCOMPARE(contents(path()), damaged);

    // Replaced by a file with another salt (say, restored from another machine).
    QFile::remove(path());
    {
        EncryptedFileSecretStore other(path(), kPassphrase);
        QVERIFY(other.write(QStringLiteral("x"), "y", &error));
    }
    const QByteArray replaced = contents(path());
    QVERIFY(!store.write(QStringLiteral("b"), "two", &error));
    QVERIFY2(error.contains(QLatin1String("Restart")), qPrintable(error));
    QCOMPARE(contents(path()), replaced);
}

void SecretStoreFileTest::newerFormatIsRefused()
{
    QString error;
    {
        EncryptedFileSecretStore store(path(), kPassphrase);
        QVERIFY(store.write(QStringLiteral("a"), "1", &error));
    }
    QByteArray future = contents(path());
    future[9] = char(2); // format version, low byte
    overwrite(path(), future);
    EncryptedFileSecretStore store(path(), kPassphrase);
    QVERIFY(!store.isAvailable());
    QVERIFY2(store.problem().contains(QLatin1String("format version 2")),
             qPrintable(store.problem()));
    QVERIFY(store.problem().contains(QLatin1String("Upgrade")));
    QVERIFY(!store.write(QStringLiteral("a"), "2", &error));
    QCOMPARE(contents(path()), future);
}

void SecretStoreFileTest::shortPassphraseIsRefused_data()
{
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("5 characters") << QByteArray("short") << false;
    QTest::newRow("11 characters") << QByteArray("elevenchars") << false;
    QTest::newRow("12 characters") << QByteArray("twelve chars") << true;
    // Counted in characters: 6 characters are 12 bytes of UTF-8, still too short.
    QTest::newRow("6 umlauts") << QStringLiteral("ääääää").toUtf8() << false;
    QTest::newRow("12 umlauts") << QStringLiteral("ääääääääääää").toUtf8() << true;
}

void SecretStoreFileTest::shortPassphraseIsRefused()
{
    QFETCH(QByteArray, passphrase);
    QFETCH(bool, accepted);
    EncryptedFileSecretStore store(path(), passphrase);
    QCOMPARE(store.isAvailable(), accepted);
    QString error;
    QCOMPARE(store.write(QStringLiteral("a"), "secret", &error), accepted);
    if (!accepted) {
        QVERIFY2(store.problem().contains(QLatin1String("too short")), qPrintable(store.problem()));
        QVERIFY(store.problem().contains(QLatin1String("at least 12 characters")));
        QCOMPARE(error, store.problem());
        QVERIFY(!QFile::exists(path()));
    }
}

void SecretStoreFileTest::secretsNeverAppearInTheFile()
{
    const QByteArray secret = "sk_live_51HnotArealKey0123456789abcdef";
    {
        EncryptedFileSecretStore store(path(), kPassphrase);
        QString error;
        QVERIFY(store.write(QStringLiteral("crm/hubspot/token"), secret, &error));
        QVERIFY(store.write(QStringLiteral("crm/other/token"), secret, &error));
    }
    const QByteArray file = contents(path());
    QVERIFY(!file.isEmpty());
    for (const QByteArray &needle : {secret, secret.left(12), secret.right(12), secret.toBase64(),
                                     secret.toHex(), kPassphrase, QByteArray("crm/hubspot/token")})
        QVERIFY2(!file.contains(needle), needle.constData());
}

void SecretStoreFileTest::fileIsOwnerOnly()
{
    const auto umaskBefore = ::umask(0);
    EncryptedFileSecretStore store(path(), kPassphrase);
    QString error;
    QVERIFY(store.write(QStringLiteral("a"), "1", &error));
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                           QFileDevice::ReadUser | QFileDevice::WriteUser;
    QCOMPARE(QFileInfo(path()).permissions(), ownerOnly);
    // Someone loosened it: the next save restores 0600.
    QVERIFY(
        QFile::setPermissions(path(), ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QVERIFY(store.write(QStringLiteral("b"), "2", &error));
    ::umask(umaskBefore);
    QCOMPARE(QFileInfo(path()).permissions(), ownerOnly);
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(path()).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
}

void SecretStoreFileTest::eachSaveUsesAFreshNonce()
{
    EncryptedFileSecretStore store(path(), kPassphrase);
    QString error;
    QVERIFY(store.write(QStringLiteral("a"), "same", &error));
    const QByteArray first = contents(path());
    QVERIFY(store.write(QStringLiteral("a"), "same", &error));
    const QByteArray second = contents(path());
    QCOMPARE(first.size(), second.size());
    const qsizetype headerSize = 8 + 2 + 1 + 1 + 4 + 4 + 1 + 16;
    QCOMPARE(first.left(headerSize), second.left(headerSize)); // same salt and parameters
    QVERIFY(first.mid(headerSize, Crypto::kNonceSize) !=
            second.mid(headerSize, Crypto::kNonceSize));
    QVERIFY(first.mid(headerSize + Crypto::kNonceSize) !=
            second.mid(headerSize + Crypto::kNonceSize));
}

void SecretStoreFileTest::headerCarriesVersionAndKdfParameters()
{
    EncryptedFileSecretStore store(path(), kPassphrase);
    QString error;
    QVERIFY(store.write(QStringLiteral("a"), "1", &error));
    const QByteArray file = contents(path());
    QCOMPARE(file.left(8), QByteArray("BBSECRET"));
    QCOMPARE(file.mid(8, 2), QByteArray("\x00\x01", 2)); // format 1
    QCOMPARE(int(file.at(10)), 1);                       // scrypt
    const Crypto::ScryptParams params = Crypto::recommendedScryptParams();
    QCOMPARE(int(file.at(11)), params.logN);
    QCOMPARE(file.mid(12, 4), QByteArray("\x00\x00\x00\x08", 4));
    QCOMPARE(file.mid(16, 4), QByteArray("\x00\x00\x00\x01", 4));
    QCOMPARE(int(file.at(20)), 16); // salt length
    QCOMPARE(store.kdfParams(), params);
}

void SecretStoreFileTest::concurrentWritersLoseNothing()
{
    EncryptedFileSecretStore store(path(), kPassphrase);
    const int threads = 4;
    const int perThread = 15;
    std::vector<std::unique_ptr<QThread>> workers;
    QAtomicInt failures = 0;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&store, &failures, t] {
            for (int i = 0; i < perThread; ++i) {
                QString error;
                const QString ref = QStringLiteral("t%1/%2").arg(t).arg(i);
                if (!store.write(ref, ref.toUtf8(), &error) ||
                    store.read(ref, &error) != std::optional<QByteArray>(ref.toUtf8()))
                    failures.fetchAndAddRelaxed(1);
            }
        }));
        workers.back()->start();
    }
    for (auto &worker : workers)
        QVERIFY(worker->wait(60000));
    QCOMPARE(failures.loadRelaxed(), 0);
    EncryptedFileSecretStore reopened(path(), kPassphrase);
    QString error;
    for (int t = 0; t < threads; ++t)
        for (int i = 0; i < perThread; ++i) {
            const QString ref = QStringLiteral("t%1/%2").arg(t).arg(i);
            QCOMPARE(reopened.read(ref, &error).value_or("<none>"), ref.toUtf8());
        }
}

void SecretStoreFileTest::passphraseFromFileDropsTrailingNewline()
{
    ScopedEnvironment environment;
    environment.unset("BOTBAT_SECRETS_PASSPHRASE");
    environment.unset("BOTBAT_SECRETS_PASSPHRASE_FILE");
    const QString passphraseFile = QDir(m_dir->path()).filePath(QStringLiteral("passphrase"));
    overwrite(passphraseFile, "  spaces stay, newline goes \r\n");
    SecretStoreConfig config;
    config.passphraseFile = passphraseFile;
    const SecretPassphrase::Lookup lookup = SecretPassphrase::find(config);
    QVERIFY2(lookup.error.isEmpty(), qPrintable(lookup.error));
    QCOMPARE(lookup.passphrase.value_or("<none>"), QByteArray("  spaces stay, newline goes "));
    QVERIFY(lookup.source.contains(passphraseFile));

    // A store opened from the file's passphrase reads what one opened with the bare text wrote.
    QString error;
    {
        EncryptedFileSecretStore store(path(), *lookup.passphrase);
        QVERIFY(store.write(QStringLiteral("a"), "1", &error));
    }
    EncryptedFileSecretStore same(path(), "  spaces stay, newline goes ");
    QVERIFY2(same.isAvailable(), qPrintable(same.problem()));
}

void SecretStoreFileTest::passphraseSourcesAndPrecedence()
{
    ScopedEnvironment environment;
    environment.unset("BOTBAT_SECRETS_PASSPHRASE");
    environment.unset("BOTBAT_SECRETS_PASSPHRASE_FILE");
    SecretStoreConfig config;
    QVERIFY(!SecretPassphrase::find(config).supplied());

    environment.set("BOTBAT_SECRETS_PASSPHRASE", "from the environment");
    auto lookup = SecretPassphrase::find(config);
    QCOMPARE(lookup.passphrase.value_or("<none>"), QByteArray("from the environment"));
    QCOMPARE(lookup.source, QStringLiteral("$BOTBAT_SECRETS_PASSPHRASE"));

    const QString envFile = QDir(m_dir->path()).filePath(QStringLiteral("env-passphrase"));
    overwrite(envFile, "from the env-named file\n");
    environment.set("BOTBAT_SECRETS_PASSPHRASE_FILE", QFile::encodeName(envFile));
    QCOMPARE(SecretPassphrase::find(config).passphrase.value_or("<none>"),
             QByteArray("from the environment"));
    environment.unset("BOTBAT_SECRETS_PASSPHRASE");
    QCOMPARE(SecretPassphrase::find(config).passphrase.value_or("<none>"),
             QByteArray("from the env-named file"));

    const QString configFile = QDir(m_dir->path()).filePath(QStringLiteral("config-passphrase"));
    overwrite(configFile, "from the configured file\n");
    config.passphraseFile = configFile;
    environment.set("BOTBAT_SECRETS_PASSPHRASE", "from the environment");
    QCOMPARE(SecretPassphrase::find(config).passphrase.value_or("<none>"),
             QByteArray("from the configured file"));
}

void SecretStoreFileTest::unreadablePassphraseFileIsReported()
{
    ScopedEnvironment environment;
    environment.unset("BOTBAT_SECRETS_PASSPHRASE");
    SecretStoreConfig config;
    config.passphraseFile = QDir(m_dir->path()).filePath(QStringLiteral("missing"));
    auto lookup = SecretPassphrase::find(config);
    QVERIFY(lookup.supplied());
    QVERIFY(!lookup.passphrase);
    QVERIFY2(lookup.error.contains(QLatin1String("Cannot read the passphrase file")),
             qPrintable(lookup.error));
    QVERIFY(lookup.error.contains(config.passphraseFile));

    overwrite(config.passphraseFile, "\n");
    lookup = SecretPassphrase::find(config);
    QVERIFY2(lookup.error.contains(QLatin1String("is empty")), qPrintable(lookup.error));
}

QTEST_GUILESS_MAIN(SecretStoreFileTest)
#include "SecretStoreFileTest.moc"
