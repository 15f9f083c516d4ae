#pragma once

#include "Alert.h"
#include "AlertSettings.h"

#include <QList>
#include <QObject>
#include <functional>
#include <optional>

class QSqlDatabase;

namespace botbat {

class Clock;
class Database;
class SecretStore;

// Alerts in the database, the admin's alert settings (table meta) and the alert webhook URL
// (secret store only: it is a credential). Callable from any thread (it uses that thread's
// connection), like the other stores; changes are announced in the calling thread after COMMIT.
class AlertStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxUrlLength = 2048;

    AlertStore(Database &database, SecretStore &secrets, const Clock &clock,
               QObject *parent = nullptr);

    // Stores a new alert (its id, send state and acknowledgement are set here).
    std::optional<Alert> insert(const Alert &alert, QString *error);
    // One more failure at `at` counted in a summary that is not yet due.
    bool countInSummary(qint64 summaryId, const QDateTime &at, const QString &reason,
                        QString *error);
    std::optional<Alert> get(qint64 id, QString *error = nullptr);
    // Alerts already due (summaries of open bursts are not), newest first.
    QList<Alert> recent(int limit, QString *error = nullptr);
    int unacknowledgedCount(QString *error = nullptr);
    // Marks every due alert as read.
    bool acknowledgeAll(QString *error);

    // Due alerts waiting to be sent (or to be sent again), oldest first.
    QList<Alert> dueForSending(int limit, QString *error = nullptr);
    // Takes a due alert for sending until leaseUntil, so that engines sharing the database do
    // not both send it; false when another took it first. A crash leaves the lease to run out,
    // after which the alert is due again (at-least-once).
    bool claimForSending(qint64 id, const QDateTime &leaseUntil, QString *error);
    // The outcome of one try of sending alert id.
    bool recordSend(qint64 id, Alert::SendState state, int attempts, const QDateTime &nextSendAt,
                    const QString &sendError, QString *error);
    // The newest alert that opened a burst of each integration, raised at or after since, and
    // the summary of that burst if there is one: what a restarted engine goes on counting in.
    QList<Alert> openBursts(const QDateTime &since, QString *error = nullptr);

    AlertSettings settings(QString *error = nullptr);
    bool setSettings(const AlertSettings &settings, QString *error);

    // nullopt when url is a usable alert webhook; else what is wrong and what to give instead.
    static std::optional<QString> validateWebhookUrl(const QString &url);
    // Validates, then stores url in the secret store; an empty url removes it.
    bool setWebhookUrl(const QString &url, QString *error);
    // The stored URL; empty when none (or, with *error set, when the secret store failed).
    QString webhookUrl(QString *error);

signals:
    void alertsAcknowledged();
    void settingsChanged(const botbat::AlertSettings &settings);

private:
    // Runs work in one write transaction; work's failure (or BEGIN's, or COMMIT's) goes to *error.
    bool transact(const std::function<bool(QSqlDatabase &, QString *)> &work, QString *error);
    bool write(const QString &sql, const QVariantList &values, const QString &action,
               QString *error, int *rowsAffected = nullptr);
    QList<Alert> select(const QString &where, const QVariantList &values, const QString &action,
                        QString *error);

    Database &m_database;
    SecretStore &m_secrets;
    const Clock &m_clock;
};

} // namespace botbat
