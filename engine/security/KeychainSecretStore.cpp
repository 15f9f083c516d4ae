#include "KeychainSecretStore.h"

#include "KeychainJobRunner.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace botbat {

KeychainSecretStore::KeychainSecretStore(QString service, QString instanceId, int timeoutMs)
    : m_service(std::move(service)), m_instanceId(std::move(instanceId)), m_timeoutMs(timeoutMs)
{}

QString KeychainSecretStore::entryName(const QString &ref) const
{
    return m_instanceId + QLatin1Char('/') + ref;
}

QString KeychainSecretStore::failure(const QString &action, const QString &ref,
                                     const QString &detail) const
{
    return QStringLiteral("Cannot %1 the secret \"%2\" in the system keyring: %3. Make sure the "
                          "keyring is running and unlocked, or start BotBat with --secret-store "
                          "file.")
        .arg(action, ref, detail);
}

namespace {
QString timedOut(int timeoutMs)
{
    return QStringLiteral("the keyring did not answer within %1 s (if it asked to be unlocked, "
                          "unlock it and try again)")
        .arg(timeoutMs / 1000.0, 0, 'g', 3);
}
} // namespace

bool KeychainSecretStore::write(const QString &ref, const QByteArray &secret, QString *error)
{
    const auto outcome = KeychainJobRunner::run(KeychainJobRunner::Operation::Write, m_service,
                                                entryName(ref), secret, m_timeoutMs);
    switch (outcome.status) {
    case KeychainJobRunner::Status::Ok:
        return true;
    case KeychainJobRunner::Status::TimedOut:
        *error = failure(QStringLiteral("save"), ref, timedOut(m_timeoutMs));
        return false;
    default:
        *error = failure(QStringLiteral("save"), ref, outcome.errorString);
        return false;
    }
}

std::optional<QByteArray> KeychainSecretStore::read(const QString &ref, QString *error)
{
    error->clear();
    auto outcome = KeychainJobRunner::run(KeychainJobRunner::Operation::Read, m_service,
                                          entryName(ref), {}, m_timeoutMs);
    switch (outcome.status) {
    case KeychainJobRunner::Status::Ok:
        return std::move(outcome.data);
    case KeychainJobRunner::Status::NotFound:
        return std::nullopt;
    case KeychainJobRunner::Status::TimedOut:
        *error = failure(QStringLiteral("read"), ref, timedOut(m_timeoutMs));
        return std::nullopt;
    default:
        *error = failure(QStringLiteral("read"), ref, outcome.errorString);
        return std::nullopt;
    }
}

bool KeychainSecretStore::remove(const QString &ref, QString *error)
{
    const auto outcome = KeychainJobRunner::run(KeychainJobRunner::Operation::Delete, m_service,
                                                entryName(ref), {}, m_timeoutMs);
    switch (outcome.status) {
    case KeychainJobRunner::Status::Ok:
    case KeychainJobRunner::Status::NotFound:
        return true;
    case KeychainJobRunner::Status::TimedOut:
        *error = failure(QStringLiteral("remove"), ref, timedOut(m_timeoutMs));
        return false;
    default:
        *error = failure(QStringLiteral("remove"), ref, outcome.errorString);
        return false;
    }
}

QString KeychainSecretStore::missingSessionBus()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return {};
    // D-Bus libraries also find a systemd user bus at $XDG_RUNTIME_DIR/bus without the variable.
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtimeDir.isEmpty() && QFileInfo::exists(runtimeDir + QStringLiteral("/bus")))
        return {};
    return QStringLiteral(
        "there is no D-Bus session bus to reach it through "
        "(DBUS_SESSION_BUS_ADDRESS is not set, as usual on servers, in containers "
        "and over SSH)");
}

KeychainSecretStore::Probe KeychainSecretStore::probe(const QString &service, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    Probe result;
    result.reason = missingSessionBus();
    if (result.reason.isEmpty()) {
        const auto outcome = KeychainJobRunner::run(KeychainJobRunner::Operation::WriteAndDelete,
                                                    service, QStringLiteral("botbat-keyring-probe"),
                                                    QByteArrayLiteral("probe"), timeoutMs);
        switch (outcome.status) {
        case KeychainJobRunner::Status::Ok:
            result.reachable = true;
            break;
        case KeychainJobRunner::Status::TimedOut:
            result.reason = QStringLiteral("the keyring did not answer within %1 s (if it asked "
                                           "to be unlocked, unlock it and restart BotBat)")
                                .arg(timeoutMs / 1000.0, 0, 'g', 3);
            break;
        default:
            result.reason = QStringLiteral("the keyring could not store a test entry (%1)")
                                .arg(outcome.errorString);
            break;
        }
    }
    result.elapsedMs = timer.elapsed();
    return result;
}

} // namespace botbat
