#include "AlertStore.h"

#include "core/Clock.h"
#include "security/SecretStore.h"
#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/SqlTime.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>
#include <QUrl>

namespace botbat {

namespace {

const QString kColumns = QStringLiteral(
    "id, raised_at, due_at, integration_kind, source_id, integration_id, integration_name, kind, "
    "reason, failures, first_at, last_at, burst_id, send_state, send_attempts, next_send_at, "
    "sent_at, send_error, acknowledged_at");
const QString kDesktopKey = QStringLiteral("alerts.desktop_notifications");
const QString kWindowKey = QStringLiteral("alerts.burst_window_ms");

QString webhookRef()
{
    return SecretStore::makeRef(QStringLiteral("alerts"), QStringLiteral("webhook"),
                                QStringLiteral("url"));
}

Alert fromRow(const QSqlQuery &query)
{
    Alert alert;
    alert.id = query.value(0).toLongLong();
    alert.raisedAt = timeFromSql(query.value(1));
    alert.dueAt = timeFromSql(query.value(2));
    alert.integrationKind = query.value(3).toString();
    alert.sourceId = query.value(4).toLongLong();
    alert.integrationId = query.value(5).toLongLong();
    alert.integrationName = query.value(6).toString();
    alert.kind = Alert::kindFromKey(query.value(7).toString()).value_or(Alert::Kind::Summary);
    alert.reason = query.value(8).toString();
    alert.failures = query.value(9).toInt();
    alert.firstAt = timeFromSql(query.value(10));
    alert.lastAt = timeFromSql(query.value(11));
    alert.burstId = query.value(12).toLongLong();
    alert.sendState =
        Alert::sendStateFromKey(query.value(13).toString()).value_or(Alert::SendState::Pending);
    alert.sendAttempts = query.value(14).toInt();
    alert.nextSendAt = timeFromSql(query.value(15));
    alert.sentAt = timeFromSql(query.value(16));
    alert.sendError = query.value(17).toString();
    alert.acknowledgedAt = timeFromSql(query.value(18));
    return alert;
}

QVariant optionalId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

} // namespace

AlertStore::AlertStore(Database &database, SecretStore &secrets, const Clock &clock,
                       QObject *parent)
    : QObject(parent), m_database(database), m_secrets(secrets), m_clock(clock)
{}

bool AlertStore::transact(const std::function<bool(QSqlDatabase &, QString *)> &work,
                          QString *error)
{
    // Writes go through WriteTransaction so they queue with the process's other SQLite writers.
    WriteTransaction tx(m_database, nullptr, m_clock);
    QString reason;
    if (!tx.begin(&reason) || !work(tx.db(), &reason) || !tx.commit(&reason)) {
        if (error)
            *error = reason;
        return false;
    }
    return true;
}

bool AlertStore::write(const QString &sql, const QVariantList &values, const QString &action,
                       QString *error, int *rowsAffected)
{
    return transact(
        [&](QSqlDatabase &db, QString *failure) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (!query.exec()) {
                *failure = QStringLiteral("Cannot %1: %2").arg(action, sqlErrorText(query));
                return false;
            }
            if (rowsAffected)
                *rowsAffected = query.numRowsAffected();
            return true;
        },
        error);
}

QList<Alert> AlertStore::select(const QString &where, const QVariantList &values,
                                const QString &action, QString *error)
{
    QList<Alert> rows;
    QSqlQuery query(m_database.connection(error));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM alerts ") + where);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("Cannot %1: %2").arg(action, sqlErrorText(query));
        return rows;
    }
    while (query.next())
        rows.append(fromRow(query));
    return rows;
}

std::optional<Alert> AlertStore::insert(const Alert &alert, QString *error)
{
    qint64 id = 0;
    const bool stored = transact(
        [&](QSqlDatabase &db, QString *failure) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral(
                "INSERT INTO alerts (raised_at, due_at, integration_kind, source_id, "
                "integration_id, integration_name, kind, reason, failures, first_at, last_at, "
                "burst_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
            query.addBindValue(sqlTime(alert.raisedAt));
            query.addBindValue(sqlTime(alert.dueAt.isValid() ? alert.dueAt : alert.raisedAt));
            query.addBindValue(alert.integrationKind);
            query.addBindValue(alert.sourceId);
            query.addBindValue(optionalId(alert.integrationId));
            query.addBindValue(notNull(alert.integrationName));
            query.addBindValue(Alert::kindKey(alert.kind));
            query.addBindValue(notNull(alert.reason));
            query.addBindValue(alert.failures);
            query.addBindValue(sqlTime(alert.firstAt.isValid() ? alert.firstAt : alert.raisedAt));
            query.addBindValue(sqlTime(alert.lastAt.isValid() ? alert.lastAt : alert.raisedAt));
            query.addBindValue(optionalId(alert.burstId));
            if (!query.exec() || !query.next()) {
                *failure = QStringLiteral("Cannot store the alert: ") + sqlErrorText(query);
                return false;
            }
            id = query.value(0).toLongLong();
            return true;
        },
        error);
    if (!stored)
        return std::nullopt;
    return get(id, error);
}

bool AlertStore::countInSummary(qint64 summaryId, const QDateTime &at, const QString &reason,
                                QString *error)
{
    return write(QStringLiteral("UPDATE alerts SET failures = failures + 1, last_at = ?, "
                                "reason = ? WHERE id = ? AND kind = 'summary'"),
                 {sqlTime(at), notNull(reason), summaryId}, QStringLiteral("count the failure"),
                 error);
}

std::optional<Alert> AlertStore::get(qint64 id, QString *error)
{
    const QList<Alert> rows = select(QStringLiteral("WHERE id = ?"), {id},
                                     QStringLiteral("read alert %1").arg(id), error);
    if (rows.isEmpty()) {
        if (error && error->isEmpty())
            *error = QStringLiteral("There is no alert %1.").arg(id);
        return std::nullopt;
    }
    return rows.constFirst();
}

QList<Alert> AlertStore::recent(int limit, QString *error)
{
    return select(QStringLiteral("WHERE due_at <= ? ORDER BY id DESC LIMIT ?"),
                  {m_clock.nowMs(), std::max(1, limit)}, QStringLiteral("list the alerts"), error);
}

int AlertStore::unacknowledgedCount(QString *error)
{
    QSqlQuery query(m_database.connection(error));
    query.prepare(QStringLiteral(
        "SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL AND due_at <= ?"));
    query.addBindValue(m_clock.nowMs());
    if (!query.exec() || !query.next()) {
        if (error)
            *error = QStringLiteral("Cannot count the unread alerts: ") + sqlErrorText(query);
        return 0;
    }
    return query.value(0).toInt();
}

bool AlertStore::acknowledgeAll(QString *error)
{
    const qint64 now = m_clock.nowMs();
    if (!write(QStringLiteral("UPDATE alerts SET acknowledged_at = ? WHERE acknowledged_at IS "
                              "NULL AND due_at <= ?"),
               {now, now}, QStringLiteral("mark the alerts as read"), error))
        return false;
    emit alertsAcknowledged();
    return true;
}

QList<Alert> AlertStore::dueForSending(int limit, QString *error)
{
    const qint64 now = m_clock.nowMs();
    return select(QStringLiteral("WHERE send_state = 'pending' AND due_at <= ? AND "
                                 "(next_send_at IS NULL OR next_send_at <= ?) ORDER BY id LIMIT ?"),
                  {now, now, std::max(1, limit)}, QStringLiteral("read the alerts to send"), error);
}

bool AlertStore::claimForSending(qint64 id, const QDateTime &leaseUntil, QString *error)
{
    const qint64 now = m_clock.nowMs();
    int claimed = 0;
    if (!write(QStringLiteral("UPDATE alerts SET next_send_at = ? WHERE id = ? AND send_state = "
                              "'pending' AND due_at <= ? AND (next_send_at IS NULL OR "
                              "next_send_at <= ?)"),
               {sqlTime(leaseUntil), id, now, now},
               QStringLiteral("take alert %1 for sending").arg(id), error, &claimed))
        return false;
    return claimed == 1;
}

bool AlertStore::recordSend(qint64 id, Alert::SendState state, int attempts,
                            const QDateTime &nextSendAt, const QString &sendError, QString *error)
{
    const bool done = state == Alert::SendState::Sent;
    return write(QStringLiteral("UPDATE alerts SET send_state = ?, send_attempts = ?, "
                                "next_send_at = ?, sent_at = ?, send_error = ? WHERE id = ?"),
                 {Alert::sendStateKey(state), attempts, sqlTime(nextSendAt),
                  sqlTime(done ? m_clock.now() : QDateTime()), notNull(sendError), id},
                 QStringLiteral("record how sending alert %1 went").arg(id), error);
}

QList<Alert> AlertStore::openBursts(const QDateTime &since, QString *error)
{
    // Newest first, so the first row of each integration is the burst that may still be open.
    return select(QStringLiteral("WHERE raised_at >= ? ORDER BY id DESC"), {sqlTime(since)},
                  QStringLiteral("read the open alert bursts"), error);
}

AlertSettings AlertStore::settings(QString *error)
{
    AlertSettings settings;
    QSqlQuery query(m_database.connection(error));
    query.prepare(QStringLiteral("SELECT key, value FROM meta WHERE key IN (?, ?)"));
    query.addBindValue(kDesktopKey);
    query.addBindValue(kWindowKey);
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("Cannot read the alert settings: ") + sqlErrorText(query);
        return settings;
    }
    while (query.next()) {
        const QString value = query.value(1).toString();
        if (query.value(0).toString() == kDesktopKey)
            settings.desktopNotifications = value != QLatin1String("0");
        else if (const qint64 ms = value.toLongLong(); ms > 0)
            settings.burstWindowMs = ms;
    }
    QString secretError;
    settings.webhookConfigured = !webhookUrl(&secretError).isEmpty();
    return settings;
}

bool AlertStore::setSettings(const AlertSettings &settings, QString *error)
{
    if (settings.burstWindowMs < AlertSettings::kMinBurstWindowMs ||
        settings.burstWindowMs > AlertSettings::kMaxBurstWindowMs) {
        if (error)
            *error = QStringLiteral("The burst window must be between 1 minute and 24 hours; "
                                    "10 minutes is a good start.");
        return false;
    }
    const QList<std::pair<QString, QString>> values{
        {kDesktopKey, settings.desktopNotifications ? QStringLiteral("1") : QStringLiteral("0")},
        {kWindowKey, QString::number(settings.burstWindowMs)}};
    const bool saved = transact(
        [&values](QSqlDatabase &db, QString *failure) {
            for (const auto &[key, value] : values) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON "
                                             "CONFLICT (key) DO UPDATE SET value = "
                                             "excluded.value"));
                query.addBindValue(key);
                query.addBindValue(value);
                if (!query.exec()) {
                    *failure =
                        QStringLiteral("Cannot save the alert settings: ") + sqlErrorText(query);
                    return false;
                }
            }
            return true;
        },
        error);
    if (!saved)
        return false;
    AlertSettings stored = settings;
    QString secretError;
    stored.webhookConfigured = !webhookUrl(&secretError).isEmpty();
    emit settingsChanged(stored);
    return true;
}

std::optional<QString> AlertStore::validateWebhookUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QString example = QStringLiteral("https://hooks.slack.com/services/…");
    if (trimmed.isEmpty())
        return QStringLiteral("Give the https:// address of the alert webhook, e.g. %1")
            .arg(example);
    if (trimmed.size() > kMaxUrlLength)
        return QStringLiteral("The alert webhook URL is longer than %1 characters; give the "
                              "address the receiving service shows.")
            .arg(kMaxUrlLength);
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http"))
        return QStringLiteral("The alert webhook URL uses http://, which is refused: the URL "
                              "is a credential and alerts name your integrations and their "
                              "errors, so they are sent over HTTPS only. Give the https:// "
                              "address, e.g. %1")
            .arg(example);
    if (!url.isValid() || scheme != QLatin1String("https") || url.host().isEmpty())
        return QStringLiteral("This is not a usable alert webhook URL. Give a full https:// "
                              "address, e.g. %1")
            .arg(example);
    if (!url.userInfo().isEmpty())
        return QStringLiteral("The alert webhook URL must not contain a user name or password; "
                              "give the address without them.");
    return std::nullopt;
}

bool AlertStore::setWebhookUrl(const QString &url, QString *error)
{
    QString reason;
    const bool ok = [&] {
        if (url.trimmed().isEmpty())
            return m_secrets.remove(webhookRef(), &reason);
        if (const auto invalid = validateWebhookUrl(url)) {
            reason = *invalid;
            return false;
        }
        if (!m_secrets.isAvailable()) {
            reason = QStringLiteral("The alert webhook URL cannot be saved: %1")
                         .arg(m_secrets.problem());
            return false;
        }
        return m_secrets.write(webhookRef(), url.trimmed().toUtf8(), &reason);
    }();
    if (!ok) {
        if (error)
            *error = reason;
        return false;
    }
    QString ignored;
    AlertSettings current = settings(&ignored);
    emit settingsChanged(current);
    return true;
}

QString AlertStore::webhookUrl(QString *error)
{
    if (!m_secrets.isAvailable())
        return {};
    const auto stored = m_secrets.read(webhookRef(), error);
    return stored ? QString::fromUtf8(*stored) : QString();
}

} // namespace botbat
