#pragma once

#include "SecretStore.h"

namespace botbat {

// Stands in when no secret store can be used: refuses every operation with the reason, so a
// secret is never written anywhere it should not be.
class UnavailableSecretStore final : public SecretStore
{
public:
    explicit UnavailableSecretStore(QString problem) : m_problem(std::move(problem)) {}

    QString backendName() const override { return QStringLiteral("Unavailable"); }
    bool isAvailable() const override { return false; }
    QString problem() const override { return m_problem; }
    bool write(const QString &ref, const QByteArray &secret, QString *error) override;
    std::optional<QByteArray> read(const QString &ref, QString *error) override;
    bool remove(const QString &ref, QString *error) override;

private:
    QString m_problem;
};

} // namespace botbat
