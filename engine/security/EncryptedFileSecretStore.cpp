#include "EncryptedFileSecretStore.h"

#include "SecretPassphrase.h"

#include <QCborMap>
#include <QCborValue>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <openssl/crypto.h>

namespace botbat {

namespace {

constexpr char kMagic[] = "BBSECRET";
constexpr int kMagicSize = 8;
constexpr quint8 kKdfScrypt = 1;
constexpr int kSaltSize = 16;
// Refuse absurd files before reading them into memory: secrets are small.
constexpr qint64 kMaxFileSize = 64 * 1024 * 1024;

void wipe(QByteArray &data)
{
    if (!data.isEmpty())
        OPENSSL_cleanse(data.data(), size_t(data.size()));
    data.clear();
}

struct ParsedFile
{
    QByteArray header;
    QByteArray sealed;
    Crypto::ScryptParams params;
    QByteArray salt;
    quint16 version = 0;
};

// Splits a file into its header and sealed body; nullopt when it is not one of our files.
std::optional<ParsedFile> parse(const QByteArray &content)
{
    if (content.size() < kMagicSize || !content.startsWith(QByteArrayView(kMagic, kMagicSize)))
        return std::nullopt;
    QDataStream stream(content);
    stream.setByteOrder(QDataStream::BigEndian);
    stream.skipRawData(kMagicSize);
    ParsedFile parsed;
    quint8 kdf = 0;
    quint8 logN = 0;
    quint32 r = 0;
    quint32 p = 0;
    quint8 saltSize = 0;
    stream >> parsed.version;
    if (stream.status() != QDataStream::Ok)
        return std::nullopt;
    if (parsed.version != EncryptedFileSecretStore::kFormatVersion)
        return parsed; // the caller reports the version; nothing else is meaningful
    stream >> kdf >> logN >> r >> p >> saltSize;
    if (stream.status() != QDataStream::Ok || kdf != kKdfScrypt || saltSize == 0 || r > 1024 ||
        p > 1024)
        return std::nullopt;
    parsed.salt.resize(saltSize);
    if (stream.readRawData(parsed.salt.data(), saltSize) != saltSize)
        return std::nullopt;
    parsed.params = {int(logN), int(r), int(p)};
    const qsizetype headerSize = qsizetype(stream.device()->pos());
    parsed.header = content.left(headerSize);
    parsed.sealed = content.mid(headerSize);
    return parsed;
}

} // namespace

EncryptedFileSecretStore::EncryptedFileSecretStore(const QString &path, QByteArray passphrase,
                                                   const QString &instanceId)
    : m_path(path), m_prefix(instanceId.isEmpty() ? QString() : instanceId + QLatin1Char('/'))
{
    open(std::move(passphrase));
}

EncryptedFileSecretStore::~EncryptedFileSecretStore()
{
    wipe(m_key);
}

bool EncryptedFileSecretStore::open(QByteArray passphrase)
{
    struct Wiper
    {
        QByteArray &data;
        ~Wiper() { wipe(data); }
    } wiper{passphrase};

    m_problem = SecretPassphrase::weakness(passphrase);
    if (!m_problem.isEmpty())
        return false;
    QFile file(m_path);
    if (!file.exists()) {
        m_salt = Crypto::randomBytes(kSaltSize);
        m_params = Crypto::recommendedScryptParams();
    } else {
        if (!file.open(QIODevice::ReadOnly)) {
            m_problem = QStringLiteral("Cannot read the secret file \"%1\": %2. Check that this "
                                       "user may read it.")
                            .arg(m_path, file.errorString());
            return false;
        }
        if (file.size() > kMaxFileSize) {
            m_problem = cannotDecrypt();
            return false;
        }
        const std::optional<ParsedFile> parsed = parse(file.readAll());
        if (parsed && parsed->version != kFormatVersion) {
            m_problem = QStringLiteral("The secret file \"%1\" has format version %2, which this "
                                       "version of BotBat cannot read. Upgrade BotBat, or point "
                                       "--data-dir at a different folder.")
                            .arg(m_path)
                            .arg(parsed->version);
            return false;
        }
        if (!parsed || !Crypto::isAcceptable(parsed->params)) {
            m_problem = cannotDecrypt();
            return false;
        }
        m_salt = parsed->salt;
        m_params = parsed->params;
    }
    const std::optional<QByteArray> key = Crypto::deriveKey(passphrase, m_salt, m_params);
    if (!key) {
        m_problem = QStringLiteral("Cannot derive the key of the secret file \"%1\" (OpenSSL "
                                   "scrypt failed, possibly out of memory). Free some memory "
                                   "and restart.")
                        .arg(m_path);
        return false;
    }
    m_key = *key;
    QString error;
    // An existing file is decrypted now, so a wrong passphrase is reported at start-up, not at
    // first use. A new file is written now, empty, so its salt is fixed before anyone else
    // (another store on the same file) can create it with a different one.
    const bool ok = file.exists() ? load(&error).has_value() : save({}, &error);
    if (!ok) {
        wipe(m_key);
        m_problem = error;
    }
    return ok;
}

bool EncryptedFileSecretStore::isAvailable() const
{
    return m_problem.isEmpty();
}

QString EncryptedFileSecretStore::problem() const
{
    return m_problem;
}

QString EncryptedFileSecretStore::cannotDecrypt() const
{
    return QStringLiteral("Cannot decrypt the secret file \"%1\": wrong passphrase or damaged "
                          "file. Check the passphrase ($BOTBAT_SECRETS_PASSPHRASE or the "
                          "passphrase file); if it is right, restore the file from a backup. The "
                          "file has not been changed.")
        .arg(m_path);
}

QByteArray EncryptedFileSecretStore::header() const
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream.setByteOrder(QDataStream::BigEndian);
    stream.writeRawData(kMagic, kMagicSize);
    stream << quint16(kFormatVersion) << kKdfScrypt << quint8(m_params.logN) << quint32(m_params.r)
           << quint32(m_params.p) << quint8(m_salt.size());
    stream.writeRawData(m_salt.constData(), int(m_salt.size()));
    return out;
}

std::optional<EncryptedFileSecretStore::SecretMap>
EncryptedFileSecretStore::load(QString *error) const
{
    QFile file(m_path);
    if (!file.exists())
        return SecretMap{};
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the secret file \"%1\": %2. Check that this user "
                                "may read it.")
                     .arg(m_path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxFileSize) {
        *error = cannotDecrypt();
        return std::nullopt;
    }
    const std::optional<ParsedFile> parsed = parse(file.readAll());
    if (!parsed) {
        *error = cannotDecrypt();
        return std::nullopt;
    }
    if (parsed->salt != m_salt || !(parsed->params == m_params)) {
        // Someone replaced the file since we derived our key from its salt.
        *error = QStringLiteral("The secret file \"%1\" was replaced by another program while "
                                "BotBat was running. Restart BotBat to open the new file.")
                     .arg(m_path);
        return std::nullopt;
    }
    std::optional<QByteArray> plain = Crypto::decrypt(m_key, parsed->sealed, parsed->header);
    if (!plain) {
        *error = cannotDecrypt();
        return std::nullopt;
    }
    QCborParserError cborError;
    const QCborValue value = QCborValue::fromCbor(*plain, &cborError);
    wipe(*plain);
    if (cborError.error != QCborError::NoError || !value.isMap()) {
        *error = cannotDecrypt();
        return std::nullopt;
    }
    SecretMap secrets;
    const QCborMap map = value.toMap();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.key().isString() || !it.value().isByteArray()) {
            *error = cannotDecrypt();
            return std::nullopt;
        }
        secrets.insert(it.key().toString(), it.value().toByteArray());
    }
    return secrets;
}

bool EncryptedFileSecretStore::save(const SecretMap &secrets, QString *error)
{
    QCborMap map;
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it)
        map.insert(it.key(), QCborValue(it.value()));
    QByteArray plain = map.toCborValue().toCbor();
    const QByteArray head = header();
    const std::optional<QByteArray> sealed = Crypto::encrypt(m_key, plain, head);
    wipe(plain);
    if (!sealed) {
        *error = QStringLiteral("Cannot encrypt the secret file \"%1\" (OpenSSL failed). Nothing "
                                "was written; try again, and report the problem if it persists.")
                     .arg(m_path);
        return false;
    }

    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("Cannot create the folder \"%1\" for the secret file. Choose a "
                                "writable folder with --data-dir.")
                     .arg(folder);
        return false;
    }
    QSaveFile file(m_path);
    const auto writeFailed = [&](const QString &what) {
        *error = QStringLiteral("Cannot write the secret file \"%1\": %2. Check that the folder "
                                "is writable and the disk is not full; the previous file is "
                                "unchanged.")
                     .arg(m_path, what);
        file.cancelWriting();
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return writeFailed(file.errorString());
    // Restrict the temporary file before any byte goes in; the rename keeps the mode.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return writeFailed(QStringLiteral("cannot restrict its permissions to the owner"));
    if (file.write(head) != head.size() || file.write(*sealed) != sealed->size())
        return writeFailed(file.errorString());
    if (!file.commit())
        return writeFailed(file.errorString());
    return true;
}

bool EncryptedFileSecretStore::write(const QString &ref, const QByteArray &secret, QString *error)
{
    QMutexLocker lock(&m_mutex);
    if (!m_problem.isEmpty()) {
        *error = m_problem;
        return false;
    }
    std::optional<SecretMap> secrets = load(error);
    if (!secrets)
        return false;
    secrets->insert(m_prefix + ref, secret);
    return save(*secrets, error);
}

std::optional<QByteArray> EncryptedFileSecretStore::read(const QString &ref, QString *error)
{
    QMutexLocker lock(&m_mutex);
    error->clear();
    if (!m_problem.isEmpty()) {
        *error = m_problem;
        return std::nullopt;
    }
    const std::optional<SecretMap> secrets = load(error);
    if (!secrets)
        return std::nullopt;
    const auto it = secrets->constFind(m_prefix + ref);
    if (it == secrets->constEnd())
        return std::nullopt;
    return *it;
}

bool EncryptedFileSecretStore::remove(const QString &ref, QString *error)
{
    QMutexLocker lock(&m_mutex);
    if (!m_problem.isEmpty()) {
        *error = m_problem;
        return false;
    }
    std::optional<SecretMap> secrets = load(error);
    if (!secrets)
        return false;
    if (!secrets->remove(m_prefix + ref))
        return true; // nothing to do: do not rewrite the file
    return save(*secrets, error);
}

} // namespace botbat
