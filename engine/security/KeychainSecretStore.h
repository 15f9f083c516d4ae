#pragma once

#include "SecretStore.h"

namespace botbat {

// Secrets in the system keyring through QtKeychain (the Secret Service, e.g. gnome-keyring, or
// KWallet on Linux), with the insecure plain-text fallback off. Entries are named
// "<instanceId>/<ref>" under one service, so two databases never see each other's secrets.
// With the libsecret backend an entry carries the attributes server=<service>, user=<name>,
// type=base64 (the secret is stored base64-encoded so any bytes survive).
class KeychainSecretStore final : public SecretStore
{
public:
    // Long enough for a person to answer an unlock prompt, short enough that a hung keyring
    // daemon does not freeze a service thread indefinitely.
    static constexpr int kDefaultTimeoutMs = 20000;
    // Starting an activatable keyring daemon takes well under a second; a probe that needs
    // longer means the keyring is hung or waiting for a person.
    static constexpr int kProbeTimeoutMs = 5000;

    struct Probe
    {
        bool reachable = false;
        QString reason; // why not, in plain words; empty when reachable
        qint64 elapsedMs = 0;
    };

    KeychainSecretStore(QString service, QString instanceId, int timeoutMs = kDefaultTimeoutMs);

    QString backendName() const override { return QStringLiteral("System keyring"); }
    bool write(const QString &ref, const QByteArray &secret, QString *error) override;
    std::optional<QByteArray> read(const QString &ref, QString *error) override;
    bool remove(const QString &ref, QString *error) override;

    QString service() const { return m_service; }
    // The keyring entry name for ref: "<instanceId>/<ref>".
    QString entryName(const QString &ref) const;

    // Whether the keyring can store secrets for service, by writing and deleting a test entry
    // ("botbat-keyring-probe"). A lookup alone is not enough: on a server with a D-Bus session,
    // gnome-keyring is started on demand and answers lookups, but has no keyring to write to.
    // A locked keyring may show its unlock prompt here. Without a D-Bus session bus the probe
    // answers at once, without trying D-Bus autolaunch: an autolaunched bus would start a fresh
    // keyring daemon that nobody has unlocked.
    static Probe probe(const QString &service, int timeoutMs = kProbeTimeoutMs);
    // Empty when a session bus is configured; else why there is none.
    static QString missingSessionBus();

private:
    QString failure(const QString &action, const QString &ref, const QString &detail) const;

    QString m_service;
    QString m_instanceId;
    int m_timeoutMs;
};

} // namespace botbat
