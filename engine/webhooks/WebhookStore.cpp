#include "WebhookStore.h"

#include "SamplePayloads.h"
#include "WebhookRows.h"
#include "WebhookSecret.h"
#include "core/Clock.h"
#include "core/Event.h"
#include "domain/DomainSql.h"
#include "domain/PageQuery.h"
#include "integrations/IntegrationRegistry.h"
#include "security/SecretStore.h"
#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/SqlTime.h"
#include "storage/WriteTransaction.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QUrl>
#include <cmath>
#include <functional>

namespace botbat {

namespace {

const QString kEndpointColumns = QStringLiteral(
    "id, url, description, events, enabled, disabled_reason, disabled_at, max_concurrency, "
    "rate_per_second, has_secret, secret_rotated_at, previous_secret_until, integration_id, "
    "starts_after_event, last_attempt_at, last_success_at, last_status, last_error_class, "
    "last_error, failing_since, created_at, updated_at");

const QString kCertificateColumns =
    QStringLiteral("id, pem, subject, issuer, fingerprint, expires_at, added_at");

const QString kEndpointEntity = QStringLiteral("webhook endpoint");
const QString kDeliveryEntity = QStringLiteral("webhook delivery");
const QString kAttemptEntity = QStringLiteral("webhook attempt");
const QString kCertificateEntity = QStringLiteral("trusted certificate");

const QString kDefaultDisabledReason = QStringLiteral("Disabled by an administrator.");
// The Overview's "last success" is refreshed at most this often while an endpoint stays healthy.
const qint64 kRegistrySuccessRefreshMs = 10000;

QString currentSecretRef(qint64 endpointId)
{
    return SecretStore::makeRef(QStringLiteral("webhook"), QString::number(endpointId),
                                QStringLiteral("signing-secret"));
}

QString previousSecretRef(qint64 endpointId)
{
    return SecretStore::makeRef(QStringLiteral("webhook"), QString::number(endpointId),
                                QStringLiteral("previous-signing-secret"));
}

QString eventsToSql(const QStringList &events)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(events)).toJson(QJsonDocument::Compact));
}

QStringList eventsFromSql(const QVariant &value)
{
    QStringList events;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &item : array)
        events.append(item.toString());
    return events;
}

WebhookEndpoint endpointFromRow(const QSqlQuery &query)
{
    WebhookEndpoint row;
    row.id = query.value(0).toLongLong();
    row.url = query.value(1).toString();
    row.description = query.value(2).toString();
    row.events = eventsFromSql(query.value(3));
    row.enabled = query.value(4).toInt() != 0;
    row.disabledReason = query.value(5).toString();
    row.disabledAt = timeFromSql(query.value(6));
    row.maxConcurrency = query.value(7).toInt();
    row.ratePerSecond = query.value(8).toDouble();
    row.hasSecret = query.value(9).toInt() != 0;
    row.secretRotatedAt = timeFromSql(query.value(10));
    row.previousSecretUntil = timeFromSql(query.value(11));
    row.integrationId = query.value(12).isNull() ? 0 : query.value(12).toLongLong();
    row.startsAfterEventId = query.value(13).toLongLong();
    row.lastAttemptAt = timeFromSql(query.value(14));
    row.lastSuccessAt = timeFromSql(query.value(15));
    row.lastStatus = query.value(16).toInt();
    row.lastErrorClass = query.value(17).toString();
    row.lastError = query.value(18).toString();
    row.failingSince = timeFromSql(query.value(19));
    row.createdAt = timeFromSql(query.value(20));
    row.updatedAt = timeFromSql(query.value(21));
    return row;
}

TrustedCertificate certificateFromRow(const QSqlQuery &query)
{
    TrustedCertificate row;
    row.id = query.value(0).toLongLong();
    row.pem = query.value(1).toString().toUtf8();
    row.subject = query.value(2).toString();
    row.issuer = query.value(3).toString();
    row.sha256Fingerprint = query.value(4).toString();
    row.expiresAt = timeFromSql(query.value(5));
    row.addedAt = timeFromSql(query.value(6));
    return row;
}

// The fields of an input once checked, in the form they are stored.
struct Checked
{
    std::optional<QString> url;
    std::optional<QString> description;
    std::optional<QStringList> events;
    QString secret; // with SecretAction::Set
};

FieldError fieldError(const QString &field, const QString &code, const QString &message)
{
    return FieldError{field, code, message};
}

QList<FieldError> checkUrl(const QString &text)
{
    const QString field = QStringLiteral("url");
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {fieldError(field, QStringLiteral("required"),
                           QStringLiteral("is required: the https:// address that should "
                                          "receive the events, e.g. "
                                          "https://hooks.example.com/botbat"))};
    if (trimmed.size() > WebhookStore::kMaxUrlLength)
        return {fieldError(field, QStringLiteral("too_long"),
                           QStringLiteral("is %1 characters long; the limit is %2")
                               .arg(trimmed.size())
                               .arg(WebhookStore::kMaxUrlLength))};
    // "hooks.example.com/botbat" would parse as a relative path, and "localhost:8443/x" as the
    // scheme "localhost": either way what is missing is the scheme.
    if (!trimmed.contains(QLatin1String("://")))
        return {fieldError(field, QStringLiteral("invalid_url"),
                           QStringLiteral("is not a full URL; write it with the scheme, e.g. "
                                          "https://%1")
                               .arg(trimmed))};
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return {fieldError(field, QStringLiteral("invalid_url"),
                           QStringLiteral("is not a valid URL; write it in full, e.g. "
                                          "https://hooks.example.com/botbat (spaces and other "
                                          "special characters must be percent-encoded)"))};
    QList<FieldError> errors;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        QUrl secure = url;
        secure.setScheme(QStringLiteral("https"));
        secure.setUserInfo(QString());
        if (secure.port() == 80)
            secure.setPort(-1);
        errors.append(fieldError(
            field, QStringLiteral("insecure_scheme"),
            QStringLiteral("uses http://, which is refused: the payloads (contact details, "
                           "messages) and their signatures would travel in clear text, readable "
                           "and replayable by anyone on the way. Use %1 instead; the receiver "
                           "needs a TLS certificate (a corporate CA can be added under trusted "
                           "certificates)")
                .arg(secure.toString())));
    } else if (scheme != QLatin1String("https")) {
        errors.append(fieldError(field, QStringLiteral("unsupported_scheme"),
                                 QStringLiteral("uses %1:, but webhooks are sent only over "
                                                "https://; give an https:// URL")
                                     .arg(scheme)));
    }
    if (!url.userInfo().isEmpty())
        errors.append(fieldError(
            field, QStringLiteral("credentials_in_url"),
            QStringLiteral("contains a user name or password; credentials in the URL would be "
                           "stored and shown in plain text. Remove them and set a signing secret "
                           "instead, so the receiver can verify that requests come from BotBat")));
    if (url.host().isEmpty())
        errors.append(fieldError(field, QStringLiteral("invalid_url"),
                                 QStringLiteral("has no host name; write it like "
                                                "https://hooks.example.com/botbat")));
    return errors;
}

QList<FieldError> check(const WebhookEndpointInput &input, bool creating, Checked *checked)
{
    QList<FieldError> errors;
    if (input.url) {
        const QList<FieldError> urlErrors = checkUrl(*input.url);
        if (urlErrors.isEmpty())
            checked->url = input.url->trimmed();
        errors += urlErrors;
    } else if (creating) {
        errors += checkUrl(QString());
    }

    if (input.description) {
        const QString description = input.description->trimmed();
        if (description.size() > WebhookStore::kMaxDescriptionLength)
            errors.append(fieldError(QStringLiteral("description"), QStringLiteral("too_long"),
                                     QStringLiteral("is %1 characters long; the limit is %2")
                                         .arg(description.size())
                                         .arg(WebhookStore::kMaxDescriptionLength)));
        else
            checked->description = description;
    }

    if (input.events || creating) {
        const QStringList known = EventType::all();
        QStringList events = input.events.value_or(QStringList());
        QStringList unknown;
        for (const QString &event : std::as_const(events)) {
            if (!known.contains(event) && !unknown.contains(event))
                unknown.append(event);
        }
        if (events.isEmpty()) {
            errors.append(fieldError(
                QStringLiteral("events"), QStringLiteral("required"),
                QStringLiteral("lists no events; subscribe to at least one of %1. Choose only "
                               "the events the receiver uses: each one becomes a request to it")
                    .arg(known.join(QStringLiteral(", ")))));
        } else if (!unknown.isEmpty()) {
            QStringList quoted;
            for (const QString &event : std::as_const(unknown))
                quoted.append(QLatin1Char('"') + event + QLatin1Char('"'));
            errors.append(fieldError(
                QStringLiteral("events"), QStringLiteral("invalid_event"),
                QStringLiteral("%1 %2 not an event type; choose from %3")
                    .arg(quoted.join(QStringLiteral(", ")),
                         unknown.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                         known.join(QStringLiteral(", ")))));
        } else {
            events.removeDuplicates();
            events.sort();
            checked->events = events;
        }
    }

    if (input.maxConcurrency &&
        (*input.maxConcurrency < 1 || *input.maxConcurrency > WebhookEndpoint::kMaxMaxConcurrency))
        errors.append(fieldError(QStringLiteral("max_concurrency"), QStringLiteral("out_of_range"),
                                 QStringLiteral("is %1; use a number from 1 to %2 (attempts in "
                                                "flight at once; the default is %3)")
                                     .arg(*input.maxConcurrency)
                                     .arg(WebhookEndpoint::kMaxMaxConcurrency)
                                     .arg(WebhookEndpoint::kDefaultMaxConcurrency)));

    if (input.ratePerSecond && (!std::isfinite(*input.ratePerSecond) || *input.ratePerSecond < 0 ||
                                *input.ratePerSecond > WebhookStore::kMaxRatePerSecond))
        errors.append(fieldError(QStringLiteral("rate_per_second"), QStringLiteral("out_of_range"),
                                 QStringLiteral("is %1; use 0 for no limit, or up to %2 "
                                                "deliveries per second")
                                     .arg(*input.ratePerSecond)
                                     .arg(WebhookStore::kMaxRatePerSecond)));

    if (input.secretAction == WebhookEndpointInput::SecretAction::Set) {
        // Pasting often brings a stray space or newline along; no valid secret has one.
        const QString secret = input.secret.trimmed();
        QString problem;
        if (WebhookSecret::decode(secret, &problem))
            checked->secret = secret;
        else
            errors.append(
                fieldError(QStringLiteral("secret"), QStringLiteral("invalid_secret"), problem));
    }
    return errors;
}

} // namespace

// Helpers with access to the store's members, kept out of the header.
struct WebhookStore::Impl
{
    using Reader = std::function<void(QSqlQuery &)>;

    // One statement of a write, values bound in order. On failure the transaction is rolled
    // back (before the query is destroyed: PostgreSQL insists) and the storage error returned.
    static std::optional<DomainError> exec(WriteTransaction &tx, const QString &action,
                                           const QString &sql, const QVariantList &values,
                                           const Reader &read = {}, int *affected = nullptr)
    {
        QSqlQuery query(tx.db());
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec()) {
            const QString detail = sqlErrorText(query);
            tx.rollback();
            return DomainError::storage(action, detail);
        }
        if (affected)
            *affected = query.numRowsAffected();
        if (read)
            read(query);
        return std::nullopt;
    }

    // Every engine sharing the database sees a new endpointsVersion(), even when the clock
    // has not moved between two edits.
    static std::optional<DomainError> bumpVersion(WriteTransaction &tx, const QString &action)
    {
        return exec(tx, action,
                    QStringLiteral("INSERT INTO meta (key, value) VALUES "
                                   "('webhook_endpoints_version', '1') ON CONFLICT (key) DO "
                                   "UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS "
                                   "TEXT)"),
                    {});
    }

    static std::optional<DomainError> commit(WriteTransaction &tx, const QString &action)
    {
        QString error;
        if (!tx.commit(&error))
            return DomainError::storage(action, error);
        return std::nullopt;
    }

    static DomainError secretStoreFailure(const WebhookStore &store, const QString &action,
                                          const QString &detail)
    {
        return DomainError::storage(
            action, QStringLiteral("the secret store (%1) failed: %2")
                        .arg(store.m_secrets.backendName(),
                             detail.isEmpty() ? store.m_secrets.problem() : detail));
    }

    static QString integrationName(const WebhookEndpoint &endpoint)
    {
        if (!endpoint.description.isEmpty())
            return endpoint.description;
        const QString host = QUrl(endpoint.url).host();
        return host.isEmpty() ? endpoint.url : host;
    }

    static IntegrationSummary summary(const WebhookEndpoint &endpoint)
    {
        IntegrationSummary entry;
        entry.category = IntegrationSummary::Category::WebhookOut;
        entry.kind = QStringLiteral("https");
        entry.name = integrationName(endpoint);
        entry.detail =
            endpoint.events.size() == 1
                ? QStringLiteral("%1 · 1 event").arg(endpoint.url)
                : QStringLiteral("%1 · %2 events").arg(endpoint.url).arg(endpoint.events.size());
        entry.lastSuccessAt = endpoint.lastSuccessAt;
        switch (endpoint.health()) {
        case WebhookEndpoint::Health::Inactive:
            entry.status = IntegrationSummary::Status::Inactive;
            entry.lastError = endpoint.disabledReason;
            break;
        case WebhookEndpoint::Health::Error:
            entry.status = IntegrationSummary::Status::Error;
            entry.lastError = endpoint.lastError;
            break;
        case WebhookEndpoint::Health::Waiting:
        case WebhookEndpoint::Health::Connected:
            entry.status = IntegrationSummary::Status::Connected;
            break;
        }
        return entry;
    }

    // A new Overview entry for the endpoint, linked to it; the old one (if any) goes. Used
    // when the registry has no way to change the entry in place (name, detail, or back to
    // connected without a new success).
    static void replaceIntegration(WebhookStore &store, const WebhookEndpoint &endpoint)
    {
        QString error;
        const auto added = store.m_registry->add(summary(endpoint), &error);
        if (!added) {
            qWarning("Could not list webhook endpoint %lld on the Overview: %s",
                     static_cast<long long>(endpoint.id), qPrintable(error));
            return;
        }
        WriteTransaction tx(store.m_database, nullptr, store.m_clock);
        if (!tx.begin(&error) ||
            exec(tx, QStringLiteral("link the endpoint to its Overview entry"),
                 QStringLiteral("UPDATE webhook_endpoints SET integration_id = ? WHERE id = ?"),
                 {added->id, endpoint.id}) ||
            !tx.commit(&error)) {
            qWarning("Could not link webhook endpoint %lld to its Overview entry",
                     static_cast<long long>(endpoint.id));
            store.m_registry->remove(added->id, &error);
            return;
        }
        if (endpoint.integrationId != 0)
            store.m_registry->remove(endpoint.integrationId, &error);
    }

    // Brings the endpoint's Overview entry in step. Writes only when something shown there
    // changed, or the last success moved on by more than kRegistrySuccessRefreshMs: the
    // dispatcher calls this after every batch of attempts.
    static void syncIntegration(WebhookStore &store, const WebhookEndpoint &endpoint)
    {
        if (!store.m_registry)
            return;
        std::optional<IntegrationSummary> current;
        if (endpoint.integrationId != 0)
            current = store.m_registry->get(endpoint.integrationId);
        const IntegrationSummary wanted = summary(endpoint);
        if (!current || current->name != wanted.name || current->detail != wanted.detail) {
            replaceIntegration(store, endpoint);
            return;
        }
        const qint64 id = endpoint.integrationId;
        const bool statusChanged = current->status != wanted.status ||
                                   (wanted.status != IntegrationSummary::Status::Connected &&
                                    current->lastError != wanted.lastError);
        switch (wanted.status) {
        case IntegrationSummary::Status::Inactive:
            if (statusChanged)
                store.m_registry->setInactive(id, wanted.lastError);
            return;
        case IntegrationSummary::Status::Error:
            if (statusChanged)
                store.m_registry->recordError(id, wanted.lastError);
            return;
        case IntegrationSummary::Status::Connected:
        case IntegrationSummary::Status::ReferenceOnly:
            break;
        }
        const bool newSuccess =
            wanted.lastSuccessAt.isValid() &&
            (!current->lastSuccessAt.isValid() ||
             current->lastSuccessAt.msecsTo(wanted.lastSuccessAt) > kRegistrySuccessRefreshMs ||
             (statusChanged && current->lastSuccessAt < wanted.lastSuccessAt));
        if (newSuccess)
            store.m_registry->recordSuccess(id);
        else if (statusChanged)
            replaceIntegration(store, endpoint); // recordSuccess would invent a success
    }

    // The configuration columns (not the health the dispatcher keeps), and the version bump.
    static std::optional<DomainError> writeConfig(WriteTransaction &tx, const QString &action,
                                                  const WebhookEndpoint &endpoint)
    {
        if (auto failure = exec(
                tx, action,
                QStringLiteral("UPDATE webhook_endpoints SET url = ?, description = ?, events = "
                               "?, enabled = ?, disabled_reason = ?, disabled_at = ?, "
                               "max_concurrency = ?, rate_per_second = ?, has_secret = ?, "
                               "secret_rotated_at = ?, previous_secret_until = ?, updated_at = ? "
                               "WHERE id = ?"),
                {endpoint.url, notNull(endpoint.description), eventsToSql(endpoint.events),
                 endpoint.enabled ? 1 : 0, notNull(endpoint.disabledReason),
                 sqlTime(endpoint.disabledAt), endpoint.maxConcurrency, endpoint.ratePerSecond,
                 endpoint.hasSecret ? 1 : 0, sqlTime(endpoint.secretRotatedAt),
                 sqlTime(endpoint.previousSecretUntil), sqlTime(endpoint.updatedAt), endpoint.id}))
            return failure;
        return bumpVersion(tx, action);
    }

    // Enabling starts a fresh streak: the reason, the failure streak and a failed last attempt
    // are forgotten, so the endpoint shows as waiting until its next attempt.
    static std::optional<DomainError> clearHealth(WriteTransaction &tx, const QString &action,
                                                  const WebhookEndpoint &endpoint)
    {
        const bool lastFailed =
            !endpoint.lastErrorClass.isEmpty() || endpoint.failingSince.isValid();
        QString sql = QStringLiteral("UPDATE webhook_endpoints SET failing_since = NULL, "
                                     "last_error = '', last_error_class = ''");
        if (lastFailed)
            sql += QStringLiteral(", last_attempt_at = NULL, last_status = 0");
        sql += QStringLiteral(" WHERE id = ?");
        return exec(tx, action, sql, {endpoint.id});
    }

    static void removeSecrets(WebhookStore &store, qint64 endpointId, bool current)
    {
        QStringList refs{previousSecretRef(endpointId)};
        if (current)
            refs.prepend(currentSecretRef(endpointId));
        for (const QString &ref : std::as_const(refs)) {
            QString error;
            if (!store.m_secrets.remove(ref, &error))
                qWarning("Could not remove %s from the secret store: %s", qPrintable(ref),
                         qPrintable(error));
        }
    }

    static DomainResult<WebhookEndpoint> finishChange(WebhookStore &store, qint64 id)
    {
        DomainResult<WebhookEndpoint> stored = store.get(id);
        if (stored) {
            syncIntegration(store, stored.value());
            // Re-read: the Overview link may have changed.
            stored = store.get(id);
            if (stored)
                emit store.endpointChanged(stored.value());
        }
        return stored;
    }

    static std::optional<DomainError> checkLimit(int limit, qint64 beforeId)
    {
        QList<FieldError> errors;
        if (limit < 1 || limit > PageQuery::kMaxLimit)
            errors.append(fieldError(QStringLiteral("limit"), QStringLiteral("out_of_range"),
                                     QStringLiteral("is %1; use a number from 1 to %2")
                                         .arg(limit)
                                         .arg(PageQuery::kMaxLimit)));
        if (beforeId < 0)
            errors.append(fieldError(QStringLiteral("cursor"), QStringLiteral("out_of_range"),
                                     QStringLiteral("is %1; use 0 for the first page or the "
                                                    "next_cursor of the previous page")
                                         .arg(beforeId)));
        if (errors.isEmpty())
            return std::nullopt;
        return DomainError::validation(errors);
    }

    // A read on this thread's connection: rows handed to read(), or the storage error.
    static std::optional<DomainError> select(WebhookStore &store, const QString &action,
                                             const QString &sql, const QVariantList &values,
                                             const Reader &read)
    {
        QString error;
        QSqlDatabase db = store.m_database.connection(&error);
        if (!db.isOpen())
            return DomainError::storage(action, error);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            return DomainError::storage(action, sqlErrorText(query));
        read(query);
        return std::nullopt;
    }
};

WebhookStore::WebhookStore(Database &database, SecretStore &secrets, const Clock &clock,
                           IntegrationRegistry *registry, QObject *parent)
    : QObject(parent), m_database(database), m_secrets(secrets), m_clock(clock),
      m_registry(registry)
{}

DomainResult<WebhookStore::Saved> WebhookStore::create(const WebhookEndpointInput &input)
{
    const QString action = QStringLiteral("create the webhook endpoint");
    Checked checked;
    const QList<FieldError> errors = check(input, true, &checked);
    if (!errors.isEmpty())
        return DomainError::validation(errors);

    Saved saved;
    QString secret;
    if (input.secretAction == WebhookEndpointInput::SecretAction::Generate)
        secret = saved.generatedSecret = WebhookSecret::generate();
    else if (input.secretAction == WebhookEndpointInput::SecretAction::Set)
        secret = checked.secret;
    if (!secret.isEmpty() && !m_secrets.isAvailable())
        return Impl::secretStoreFailure(*this, action, m_secrets.problem());

    const QDateTime now = m_clock.now();
    WebhookEndpoint endpoint;
    endpoint.url = *checked.url;
    endpoint.description = checked.description.value_or(QString());
    endpoint.events = *checked.events;
    endpoint.enabled = input.enabled.value_or(true);
    if (!endpoint.enabled) {
        endpoint.disabledReason = kDefaultDisabledReason;
        endpoint.disabledAt = now;
    }
    endpoint.maxConcurrency =
        input.maxConcurrency.value_or(WebhookEndpoint::kDefaultMaxConcurrency);
    endpoint.ratePerSecond = input.ratePerSecond.value_or(0);
    endpoint.hasSecret = !secret.isEmpty();
    endpoint.createdAt = endpoint.updatedAt = now;

    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        if (auto failure = DomainSql::begin(tx, action))
            return *failure;
        // Save activates at once, for what happens from now on: the events already stored
        // predate the endpoint and are not sent to it.
        if (auto failure =
                Impl::exec(tx, action, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM events"),
                           {}, [&endpoint](QSqlQuery &query) {
                               if (query.next())
                                   endpoint.startsAfterEventId = query.value(0).toLongLong();
                           }))
            return *failure;
        if (auto failure = Impl::exec(
                tx, action,
                QStringLiteral(
                    "INSERT INTO webhook_endpoints (url, description, events, enabled, "
                    "disabled_reason, disabled_at, max_concurrency, rate_per_second, has_secret, "
                    "starts_after_event, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                {endpoint.url, notNull(endpoint.description), eventsToSql(endpoint.events),
                 endpoint.enabled ? 1 : 0, notNull(endpoint.disabledReason),
                 sqlTime(endpoint.disabledAt), endpoint.maxConcurrency, endpoint.ratePerSecond,
                 endpoint.hasSecret ? 1 : 0, endpoint.startsAfterEventId, now.toMSecsSinceEpoch(),
                 now.toMSecsSinceEpoch()},
                [&endpoint](QSqlQuery &query) {
                    if (query.next())
                        endpoint.id = query.value(0).toLongLong();
                }))
            return *failure;
        if (auto failure = Impl::bumpVersion(tx, action))
            return *failure;
        // The secret is stored before COMMIT, while the row is visible to no one: no dispatcher
        // ever sees the endpoint without its secret, and a refused secret leaves no endpoint
        // behind (it would send unsigned requests the receiver rejects).
        QString error;
        if (!secret.isEmpty() &&
            !m_secrets.write(currentSecretRef(endpoint.id), secret.toUtf8(), &error)) {
            tx.rollback();
            return Impl::secretStoreFailure(
                *this, action,
                error + QStringLiteral(" (the endpoint was not created; fix the secret store "
                                       "and save again)"));
        }
        if (auto failure = Impl::commit(tx, action)) {
            if (!secret.isEmpty() && !m_secrets.remove(currentSecretRef(endpoint.id), &error))
                qWarning("Could not remove the secret of an endpoint that was not created: %s",
                         qPrintable(error));
            return *failure;
        }
    }

    auto stored = Impl::finishChange(*this, endpoint.id);
    if (!stored)
        return stored.error();
    saved.endpoint = stored.value();
    return saved;
}

DomainResult<WebhookStore::Saved> WebhookStore::update(qint64 id, const WebhookEndpointInput &input)
{
    const QString action = QStringLiteral("update the webhook endpoint");
    DomainResult<WebhookEndpoint> existing = get(id);
    if (!existing)
        return existing.error();
    Checked checked;
    const QList<FieldError> errors = check(input, false, &checked);
    if (!errors.isEmpty())
        return DomainError::validation(errors);

    const QDateTime now = m_clock.now();
    const WebhookEndpoint &before = existing.value();
    WebhookEndpoint endpoint = before;
    if (checked.url)
        endpoint.url = *checked.url;
    if (checked.description)
        endpoint.description = *checked.description;
    if (checked.events)
        endpoint.events = *checked.events;
    if (input.maxConcurrency)
        endpoint.maxConcurrency = *input.maxConcurrency;
    if (input.ratePerSecond)
        endpoint.ratePerSecond = *input.ratePerSecond;
    const bool enabling = input.enabled && *input.enabled && !before.enabled;
    if (input.enabled && !*input.enabled && before.enabled) {
        endpoint.enabled = false;
        endpoint.disabledReason = kDefaultDisabledReason;
        endpoint.disabledAt = now;
    } else if (enabling) {
        endpoint.enabled = true;
        endpoint.disabledReason.clear();
        endpoint.disabledAt = QDateTime();
    }

    Saved saved;
    QString secret;
    using Action = WebhookEndpointInput::SecretAction;
    if (input.secretAction == Action::Generate)
        secret = saved.generatedSecret = WebhookSecret::generate();
    else if (input.secretAction == Action::Set)
        secret = checked.secret;
    if (!secret.isEmpty()) {
        // A replacement, not a rotation: the old secret stops signing at once.
        endpoint.hasSecret = true;
        endpoint.secretRotatedAt = now;
        endpoint.previousSecretUntil = QDateTime();
    } else if (input.secretAction == Action::Remove) {
        endpoint.hasSecret = false;
        endpoint.secretRotatedAt = QDateTime();
        endpoint.previousSecretUntil = QDateTime();
    }
    endpoint.updatedAt = now;

    // The secret store first, so that its failure changes nothing; if the database then
    // refuses, the old secret is put back.
    std::optional<QByteArray> oldSecret;
    if (!secret.isEmpty()) {
        if (!m_secrets.isAvailable())
            return Impl::secretStoreFailure(*this, action, m_secrets.problem());
        QString error;
        if (before.hasSecret) {
            oldSecret = m_secrets.read(currentSecretRef(id), &error);
            if (!oldSecret && !error.isEmpty())
                return Impl::secretStoreFailure(*this, action, error);
        }
        if (!m_secrets.write(currentSecretRef(id), secret.toUtf8(), &error))
            return Impl::secretStoreFailure(*this, action, error);
    }
    const auto restoreSecret = [this, id, &secret, &oldSecret]() {
        if (secret.isEmpty())
            return;
        QString error;
        const bool restored = oldSecret ? m_secrets.write(currentSecretRef(id), *oldSecret, &error)
                                        : m_secrets.remove(currentSecretRef(id), &error);
        if (!restored)
            qWarning("Could not restore the signing secret of webhook endpoint %lld: %s",
                     static_cast<long long>(id), qPrintable(error));
    };

    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        if (!failure)
            failure = Impl::writeConfig(tx, action, endpoint);
        if (!failure && enabling)
            failure = Impl::clearHealth(tx, action, before);
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure) {
            restoreSecret();
            return *failure;
        }
    }
    if (!secret.isEmpty() || input.secretAction == Action::Remove)
        Impl::removeSecrets(*this, id, input.secretAction == Action::Remove);

    auto stored = Impl::finishChange(*this, id);
    if (!stored)
        return stored.error();
    saved.endpoint = stored.value();
    return saved;
}

DomainResult<qint64> WebhookStore::remove(qint64 id)
{
    const QString action = QStringLiteral("delete the webhook endpoint");
    DomainResult<WebhookEndpoint> existing = get(id);
    if (!existing)
        return existing.error();
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        // Explicit rather than relying on ON DELETE CASCADE, which SQLite applies only with
        // foreign keys switched on for the connection.
        for (const QString &sql :
             {QStringLiteral("DELETE FROM webhook_attempts WHERE endpoint_id = ?"),
              QStringLiteral("DELETE FROM webhook_deliveries WHERE endpoint_id = ?"),
              QStringLiteral("DELETE FROM webhook_endpoints WHERE id = ?")}) {
            if (!failure)
                failure = Impl::exec(tx, action, sql, {id});
        }
        if (!failure)
            failure = Impl::bumpVersion(tx, action);
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    Impl::removeSecrets(*this, id, true);
    if (m_registry && existing->integrationId != 0) {
        QString error;
        if (!m_registry->remove(existing->integrationId, &error))
            qWarning("Could not remove webhook endpoint %lld from the Overview: %s",
                     static_cast<long long>(id), qPrintable(error));
    }
    emit endpointRemoved(id);
    return id;
}

DomainResult<WebhookEndpoint> WebhookStore::get(qint64 id)
{
    std::optional<WebhookEndpoint> found;
    if (auto failure = Impl::select(*this, QStringLiteral("read the webhook endpoint"),
                                    QStringLiteral("SELECT ") + kEndpointColumns +
                                        QStringLiteral(" FROM webhook_endpoints WHERE id = ?"),
                                    {id}, [&found](QSqlQuery &query) {
                                        if (query.next())
                                            found = endpointFromRow(query);
                                    }))
        return *failure;
    if (!found)
        return DomainError::notFound(kEndpointEntity, id);
    return *found;
}

DomainResult<QList<WebhookEndpoint>> WebhookStore::list()
{
    QList<WebhookEndpoint> endpoints;
    if (auto failure = Impl::select(*this, QStringLiteral("list the webhook endpoints"),
                                    QStringLiteral("SELECT ") + kEndpointColumns +
                                        QStringLiteral(" FROM webhook_endpoints ORDER BY id"),
                                    {}, [&endpoints](QSqlQuery &query) {
                                        while (query.next())
                                            endpoints.append(endpointFromRow(query));
                                    }))
        return *failure;
    return endpoints;
}

DomainResult<WebhookEndpoint> WebhookStore::setEnabled(qint64 id, bool enabled,
                                                       const QString &reason)
{
    const QString action = enabled ? QStringLiteral("enable the webhook endpoint")
                                   : QStringLiteral("disable the webhook endpoint");
    DomainResult<WebhookEndpoint> existing = get(id);
    if (!existing)
        return existing.error();
    const WebhookEndpoint &before = existing.value();
    // Nothing to do; in particular a second disable keeps the first reason and time.
    if (before.enabled == enabled)
        return existing;
    WebhookEndpoint endpoint = before;
    const QDateTime now = m_clock.now();
    endpoint.enabled = enabled;
    endpoint.disabledReason = enabled                      ? QString()
                              : reason.trimmed().isEmpty() ? kDefaultDisabledReason
                                                           : reason.trimmed();
    endpoint.disabledAt = enabled ? QDateTime() : now;
    endpoint.updatedAt = now;
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        if (!failure)
            failure = Impl::writeConfig(tx, action, endpoint);
        if (!failure && enabled)
            failure = Impl::clearHealth(tx, action, before);
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    return Impl::finishChange(*this, id);
}

DomainResult<WebhookStore::Saved> WebhookStore::rotateSecret(qint64 id, qint64 overlapMs)
{
    const QString action = QStringLiteral("rotate the signing secret");
    if (overlapMs < 0)
        return DomainError::validation(
            {fieldError(QStringLiteral("overlap_ms"), QStringLiteral("out_of_range"),
                        QStringLiteral("is %1; use 0 to stop the old secret at once, or how "
                                       "long (in milliseconds) both secrets should sign")
                            .arg(overlapMs))});
    DomainResult<WebhookEndpoint> existing = get(id);
    if (!existing)
        return existing.error();
    const WebhookEndpoint &before = existing.value();
    if (!before.hasSecret)
        return DomainError::invalidState(
            QStringLiteral("Webhook endpoint %1 has no signing secret, so there is nothing to "
                           "rotate; generate one instead (secret: \"generate\" in an update).")
                .arg(id));
    if (!m_secrets.isAvailable())
        return Impl::secretStoreFailure(*this, action, m_secrets.problem());
    QString error;
    const std::optional<QByteArray> current = m_secrets.read(currentSecretRef(id), &error);
    if (!current && !error.isEmpty())
        return Impl::secretStoreFailure(*this, action, error);
    if (!current)
        return DomainError::invalidState(
            QStringLiteral("The signing secret of webhook endpoint %1 is missing from the secret "
                           "store (%2), so it cannot be rotated; generate a new one instead "
                           "(secret: \"generate\" in an update) and give it to the receiver.")
                .arg(id)
                .arg(m_secrets.backendName()));

    // The order keeps every request verifiable: the old secret becomes the previous one (still
    // signing alone), the overlap is recorded (old signs twice), and only then does the new
    // secret take over beside the old.
    if (!m_secrets.write(previousSecretRef(id), *current, &error))
        return Impl::secretStoreFailure(*this, action, error);

    const QDateTime now = m_clock.now();
    WebhookEndpoint endpoint = before;
    endpoint.secretRotatedAt = now;
    endpoint.previousSecretUntil = overlapMs > 0 ? now.addMSecs(overlapMs) : QDateTime();
    endpoint.updatedAt = now;
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        if (!failure)
            failure = Impl::writeConfig(tx, action, endpoint);
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    Saved saved;
    saved.generatedSecret = WebhookSecret::generate();
    if (!m_secrets.write(currentSecretRef(id), saved.generatedSecret.toUtf8(), &error)) {
        WriteTransaction tx(m_database, nullptr, m_clock);
        if (DomainSql::begin(tx, action) || Impl::writeConfig(tx, action, before) ||
            Impl::commit(tx, action))
            qWarning("Could not undo the rotation of webhook endpoint %lld",
                     static_cast<long long>(id));
        return Impl::secretStoreFailure(*this, action, error);
    }
    if (overlapMs == 0 && !m_secrets.remove(previousSecretRef(id), &error))
        qWarning("Could not remove the previous signing secret of webhook endpoint %lld: %s",
                 static_cast<long long>(id), qPrintable(error));

    auto stored = Impl::finishChange(*this, id);
    if (!stored)
        return stored.error();
    saved.endpoint = stored.value();
    return saved;
}

DomainResult<QString> WebhookStore::secret(qint64 id)
{
    DomainResult<WebhookEndpoint> endpoint = get(id);
    if (!endpoint)
        return endpoint.error();
    if (!endpoint->hasSecret)
        return QString();
    QString error;
    const std::optional<QByteArray> stored = m_secrets.read(currentSecretRef(id), &error);
    if (!stored && !error.isEmpty())
        return Impl::secretStoreFailure(*this, QStringLiteral("read the signing secret"), error);
    if (!stored)
        return DomainError::invalidState(
            QStringLiteral("The signing secret of webhook endpoint %1 is missing from the secret "
                           "store (%2); generate a new one and give it to the receiver.")
                .arg(id)
                .arg(m_secrets.backendName()));
    return QString::fromUtf8(*stored);
}

QList<QString> WebhookStore::signingSecrets(const WebhookEndpoint &endpoint, QString *error)
{
    QList<QString> secrets;
    if (!endpoint.hasSecret)
        return secrets;
    QString problem;
    const std::optional<QByteArray> current =
        m_secrets.read(currentSecretRef(endpoint.id), &problem);
    if (!current) {
        if (error)
            *error = problem.isEmpty()
                         ? QStringLiteral("The signing secret of webhook endpoint %1 is missing "
                                          "from the secret store (%2); generate a new one and "
                                          "give it to the receiver.")
                               .arg(endpoint.id)
                               .arg(m_secrets.backendName())
                         : QStringLiteral("Cannot read the signing secret of webhook endpoint "
                                          "%1 from the secret store (%2): %3")
                               .arg(endpoint.id)
                               .arg(m_secrets.backendName(), problem);
        return secrets;
    }
    secrets.append(QString::fromUtf8(*current));
    if (endpoint.inRotationOverlapAt(m_clock.now())) {
        const std::optional<QByteArray> previous =
            m_secrets.read(previousSecretRef(endpoint.id), &problem);
        // Without it the current secret still signs; receivers not yet switched will complain,
        // which is the most that can happen.
        if (previous)
            secrets.append(QString::fromUtf8(*previous));
        else
            qWarning("The previous signing secret of webhook endpoint %lld is unavailable: %s",
                     static_cast<long long>(endpoint.id),
                     qPrintable(problem.isEmpty() ? QStringLiteral("missing") : problem));
    }
    return secrets;
}

DomainResult<Page<WebhookDelivery>> WebhookStore::deliveries(const DeliveryFilter &filter)
{
    if (auto invalid = Impl::checkLimit(filter.limit, filter.beforeId))
        return *invalid;
    if (!filter.since.isNull() && !filter.since.isValid())
        return DomainError::validation(
            {fieldError(QStringLiteral("since"), QStringLiteral("invalid_time"),
                        QStringLiteral("is not a valid time"))});
    QString sql = QStringLiteral("SELECT ") + WebhookRows::deliveryColumns() +
                  QStringLiteral(" FROM webhook_deliveries WHERE 1 = 1");
    QVariantList values;
    if (filter.endpointId != 0) {
        sql += QStringLiteral(" AND endpoint_id = ?");
        values.append(filter.endpointId);
    }
    if (filter.state) {
        sql += QStringLiteral(" AND state = ?");
        values.append(WebhookDelivery::stateKey(*filter.state));
    }
    if (filter.isTest) {
        sql += QStringLiteral(" AND is_test = ?");
        values.append(*filter.isTest ? 1 : 0);
    }
    if (!filter.eventType.isEmpty()) {
        sql += QStringLiteral(" AND event_type = ?");
        values.append(filter.eventType);
    }
    if (filter.since.isValid()) {
        sql += QStringLiteral(" AND created_at >= ?");
        values.append(filter.since.toMSecsSinceEpoch());
    }
    if (filter.beforeId > 0) {
        sql += QStringLiteral(" AND id < ?");
        values.append(filter.beforeId);
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values.append(filter.limit + 1);

    Page<WebhookDelivery> page;
    if (auto failure = Impl::select(*this, QStringLiteral("list the webhook deliveries"), sql,
                                    values, [&page](QSqlQuery &query) {
                                        while (query.next())
                                            page.items.append(WebhookRows::delivery(query));
                                    }))
        return *failure;
    if (page.items.size() > filter.limit) {
        page.items.removeLast();
        page.nextCursor = page.items.constLast().id;
    }
    return page;
}

DomainResult<WebhookDelivery> WebhookStore::delivery(qint64 id)
{
    std::optional<WebhookDelivery> found;
    if (auto failure = Impl::select(*this, QStringLiteral("read the webhook delivery"),
                                    QStringLiteral("SELECT ") + WebhookRows::deliveryColumns() +
                                        QStringLiteral(" FROM webhook_deliveries WHERE id = ?"),
                                    {id}, [&found](QSqlQuery &query) {
                                        if (query.next())
                                            found = WebhookRows::delivery(query);
                                    }))
        return *failure;
    if (!found)
        return DomainError::notFound(kDeliveryEntity, id);
    return *found;
}

DomainResult<QList<WebhookAttempt>> WebhookStore::attempts(qint64 deliveryId)
{
    DomainResult<WebhookDelivery> owner = delivery(deliveryId);
    if (!owner)
        return owner.error();
    QList<WebhookAttempt> rows;
    if (auto failure = Impl::select(
            *this, QStringLiteral("read the delivery's attempts"),
            QStringLiteral("SELECT ") + WebhookRows::attemptColumns(true) +
                QStringLiteral(" FROM webhook_attempts WHERE delivery_id = ? ORDER BY id"),
            {deliveryId}, [&rows](QSqlQuery &query) {
                while (query.next())
                    rows.append(WebhookRows::attempt(query, true));
            }))
        return *failure;
    return rows;
}

DomainResult<WebhookAttempt> WebhookStore::attempt(qint64 attemptId)
{
    std::optional<WebhookAttempt> found;
    if (auto failure = Impl::select(*this, QStringLiteral("read the webhook attempt"),
                                    QStringLiteral("SELECT ") + WebhookRows::attemptColumns(true) +
                                        QStringLiteral(" FROM webhook_attempts WHERE id = ?"),
                                    {attemptId}, [&found](QSqlQuery &query) {
                                        if (query.next())
                                            found = WebhookRows::attempt(query, true);
                                    }))
        return *failure;
    if (!found)
        return DomainError::notFound(kAttemptEntity, attemptId);
    return *found;
}

DomainResult<QList<WebhookAttempt>> WebhookStore::recentAttempts(const AttemptFilter &filter)
{
    if (auto invalid = Impl::checkLimit(filter.limit, filter.beforeId))
        return *invalid;
    QString sql = QStringLiteral("SELECT ") + WebhookRows::attemptColumns(false) +
                  QStringLiteral(" FROM webhook_attempts WHERE 1 = 1");
    QVariantList values;
    if (filter.endpointId != 0) {
        sql += QStringLiteral(" AND endpoint_id = ?");
        values.append(filter.endpointId);
    }
    if (filter.outcome != AttemptFilter::Outcome::Any) {
        sql += QStringLiteral(" AND succeeded = ?");
        values.append(filter.outcome == AttemptFilter::Outcome::Succeeded ? 1 : 0);
    }
    if (filter.beforeId > 0) {
        sql += QStringLiteral(" AND id < ?");
        values.append(filter.beforeId);
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values.append(filter.limit);
    QList<WebhookAttempt> rows;
    if (auto failure = Impl::select(*this, QStringLiteral("list the webhook attempts"), sql, values,
                                    [&rows](QSqlQuery &query) {
                                        while (query.next())
                                            rows.append(WebhookRows::attempt(query, false));
                                    }))
        return *failure;
    return rows;
}

DomainResult<WebhookDelivery> WebhookStore::createTest(qint64 endpointId, const QString &eventType)
{
    const QString action = QStringLiteral("queue the test delivery");
    DomainResult<WebhookEndpoint> endpoint = get(endpointId);
    if (!endpoint)
        return endpoint.error();
    const QStringList known = EventType::all();
    if (!known.contains(eventType))
        return DomainError::validation(
            {fieldError(QStringLiteral("event_type"), QStringLiteral("invalid_event"),
                        QStringLiteral("\"%1\" is not an event type; choose from %2")
                            .arg(eventType, known.join(QStringLiteral(", "))))});
    const QDateTime now = m_clock.now();
    qint64 id = 0;
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        // The body names the delivery's own id, known only after the insert; the row is not
        // visible to the dispatcher before COMMIT, so it never sees the placeholder.
        if (!failure)
            failure = Impl::exec(
                tx, action,
                QStringLiteral("INSERT INTO webhook_deliveries (endpoint_id, event_id, "
                               "event_type, payload, state, is_test, attempts, next_attempt_at, "
                               "last_status, last_error, created_at, updated_at) VALUES (?, NULL, "
                               "?, '', 'pending', 1, 0, ?, 0, '', ?, ?) RETURNING id"),
                {endpointId, eventType, now.toMSecsSinceEpoch(), now.toMSecsSinceEpoch(),
                 now.toMSecsSinceEpoch()},
                [&id](QSqlQuery &query) {
                    if (query.next())
                        id = query.value(0).toLongLong();
                });
        if (!failure) {
            WebhookDelivery draft;
            draft.id = id;
            draft.isTest = true;
            const QByteArray payload = WebhookDelivery::payloadFor(
                draft.messageId(), eventType, now, SamplePayloads::data(eventType));
            failure = Impl::exec(tx, action,
                                 QStringLiteral("UPDATE webhook_deliveries SET payload = ? "
                                                "WHERE id = ?"),
                                 {QString::fromUtf8(payload), id});
        }
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    emit deliveriesQueued();
    return delivery(id);
}

DomainResult<WebhookDelivery> WebhookStore::resend(qint64 deliveryId)
{
    const QString action = QStringLiteral("resend the webhook delivery");
    const qint64 now = m_clock.nowMs();
    int affected = 0;
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        if (!failure)
            failure = Impl::exec(tx, action,
                                 QStringLiteral("UPDATE webhook_deliveries SET state = "
                                                "'retrying', next_attempt_at = ?, claimed_by = "
                                                "NULL, claim_until = NULL, updated_at = ? WHERE "
                                                "id = ?"),
                                 {now, now, deliveryId}, {}, &affected);
        if (!failure && affected == 0)
            return DomainError::notFound(kDeliveryEntity, deliveryId);
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    emit deliveriesQueued();
    return delivery(deliveryId);
}

DomainResult<int> WebhookStore::retryFailedSince(qint64 endpointId, const QDateTime &since)
{
    const QString action = QStringLiteral("requeue the failed deliveries");
    if (!since.isValid())
        return DomainError::validation(
            {fieldError(QStringLiteral("since"), QStringLiteral("invalid_time"),
                        QStringLiteral("is not a valid time; give the time from which failed "
                                       "deliveries should be retried, e.g. "
                                       "2024-03-01T12:00:00Z"))});
    DomainResult<WebhookEndpoint> endpoint = get(endpointId);
    if (!endpoint)
        return endpoint.error();
    const qint64 now = m_clock.nowMs();
    int affected = 0;
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        if (!failure)
            failure = Impl::exec(
                tx, action,
                QStringLiteral("UPDATE webhook_deliveries SET state = 'retrying', "
                               "next_attempt_at = ?, claimed_by = NULL, claim_until = NULL, "
                               "updated_at = ? WHERE endpoint_id = ? AND state = 'failed' AND "
                               "is_test = 0 AND updated_at >= ?"),
                {now, now, endpointId, since.toMSecsSinceEpoch()}, {}, &affected);
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    if (affected > 0)
        emit deliveriesQueued();
    return affected;
}

DomainResult<int> WebhookStore::retryFailedDeliveries(const QList<qint64> &deliveryIds)
{
    const QString action = QStringLiteral("requeue the failed deliveries");
    const qint64 now = m_clock.nowMs();
    int affected = 0;
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        // In chunks: SQLite allows a limited number of bound values per statement.
        constexpr int kChunk = 500;
        for (qsizetype i = 0; !failure && i < deliveryIds.size(); i += kChunk) {
            const QList<qint64> chunk = deliveryIds.mid(i, kChunk);
            QStringList marks;
            QVariantList values{now, now};
            for (qint64 id : chunk) {
                marks.append(QStringLiteral("?"));
                values.append(id);
            }
            int changed = 0;
            failure = Impl::exec(
                tx, action,
                QStringLiteral("UPDATE webhook_deliveries SET state = 'retrying', "
                               "next_attempt_at = ?, claimed_by = NULL, claim_until = NULL, "
                               "updated_at = ? WHERE state = 'failed' AND is_test = 0 AND id IN (") +
                    marks.join(QLatin1Char(',')) + QLatin1Char(')'),
                values, {}, &changed);
            affected += changed;
        }
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    if (affected > 0)
        emit deliveriesQueued();
    return affected;
}

DomainResult<TrustedCertificate> WebhookStore::addTrustedCertificate(const QByteArray &pem)
{
    const QString action = QStringLiteral("add the trusted certificate");
    const QString field = QStringLiteral("pem");
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty() || certificates.first().isNull())
        return DomainError::validation(
            {fieldError(field, QStringLiteral("invalid_certificate"),
                        QStringLiteral("is not a PEM certificate; paste the CA certificate "
                                       "including its -----BEGIN CERTIFICATE----- and -----END "
                                       "CERTIFICATE----- lines"))});
    if (certificates.size() > 1)
        return DomainError::validation(
            {fieldError(field, QStringLiteral("multiple_certificates"),
                        QStringLiteral("holds %1 certificates; add them one at a time, so each "
                                       "can be recognised and removed on its own")
                            .arg(certificates.size()))});
    const QSslCertificate &certificate = certificates.first();
    const QDateTime now = m_clock.now();
    TrustedCertificate row;
    row.pem = certificate.toPem();
    row.subject = certificate.subjectDisplayName();
    row.issuer = certificate.issuerDisplayName();
    row.sha256Fingerprint =
        QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    row.expiresAt = certificate.expiryDate().toUTC();
    row.addedAt = now;
    if (row.expiresAt.isValid() && row.expiresAt <= now)
        return DomainError::validation(
            {fieldError(field, QStringLiteral("expired"),
                        QStringLiteral("is a certificate that expired on %1, so it cannot "
                                       "vouch for any endpoint; add the renewed CA certificate")
                            .arg(row.expiresAt.toString(Qt::ISODate)))});

    qint64 existingId = 0;
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        if (!failure)
            failure = Impl::exec(tx, action,
                                 QStringLiteral("SELECT id FROM trusted_certificates WHERE "
                                                "fingerprint = ?"),
                                 {row.sha256Fingerprint}, [&existingId](QSqlQuery &query) {
                                     if (query.next())
                                         existingId = query.value(0).toLongLong();
                                 });
        if (!failure && existingId != 0)
            return DomainError::conflict(
                QStringLiteral("This certificate (%1, SHA-256 %2) is already trusted as "
                               "certificate %3; nothing was added.")
                    .arg(row.subject, row.sha256Fingerprint)
                    .arg(existingId),
                existingId);
        if (!failure)
            failure =
                Impl::exec(tx, action,
                           QStringLiteral("INSERT INTO trusted_certificates (pem, subject, "
                                          "issuer, fingerprint, expires_at, added_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                           {QString::fromLatin1(row.pem), notNull(row.subject), notNull(row.issuer),
                            row.sha256Fingerprint, sqlTime(row.expiresAt), now.toMSecsSinceEpoch()},
                           [&row](QSqlQuery &query) {
                               if (query.next())
                                   row.id = query.value(0).toLongLong();
                           });
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    emit trustedCertificatesChanged();
    return row;
}

DomainResult<QList<TrustedCertificate>> WebhookStore::trustedCertificates()
{
    QList<TrustedCertificate> rows;
    if (auto failure = Impl::select(*this, QStringLiteral("list the trusted certificates"),
                                    QStringLiteral("SELECT ") + kCertificateColumns +
                                        QStringLiteral(" FROM trusted_certificates ORDER BY id"),
                                    {}, [&rows](QSqlQuery &query) {
                                        while (query.next())
                                            rows.append(certificateFromRow(query));
                                    }))
        return *failure;
    return rows;
}

DomainResult<qint64> WebhookStore::removeTrustedCertificate(qint64 id)
{
    const QString action = QStringLiteral("remove the trusted certificate");
    int affected = 0;
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        if (!failure)
            failure = Impl::exec(tx, action,
                                 QStringLiteral("DELETE FROM trusted_certificates WHERE id = ?"),
                                 {id}, {}, &affected);
        if (!failure && affected == 0)
            return DomainError::notFound(kCertificateEntity, id);
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return *failure;
    }
    emit trustedCertificatesChanged();
    return id;
}

bool WebhookStore::storeHealth(const WebhookEndpoint &endpoint, QString *error)
{
    const QString action = QStringLiteral("store the webhook endpoint's health");
    const auto fail = [error](const DomainError &failure) {
        if (error)
            *error = failure.message();
        return false;
    };
    {
        WriteTransaction tx(m_database, nullptr, m_clock);
        std::optional<DomainError> failure = DomainSql::begin(tx, action);
        std::optional<bool> wasEnabled;
        if (!failure)
            failure = Impl::exec(tx, action,
                                 QStringLiteral("SELECT enabled FROM webhook_endpoints WHERE "
                                                "id = ?") +
                                     DomainSql::forUpdate(m_database.isSqlite()),
                                 {endpoint.id}, [&wasEnabled](QSqlQuery &query) {
                                     if (query.next())
                                         wasEnabled = query.value(0).toInt() != 0;
                                 });
        if (failure)
            return fail(*failure);
        if (!wasEnabled)
            return fail(DomainError::notFound(kEndpointEntity, endpoint.id));
        // The dispatcher may disable (410 Gone, sustained failure) but never enables, and its
        // copy of the endpoint can be older than an admin's change: so enabled only ever goes
        // from 1 to 0 here, and an admin's disable (reason, time) is never overwritten.
        const bool disabling = *wasEnabled && !endpoint.enabled;
        QString sql = QStringLiteral(
            "UPDATE webhook_endpoints SET last_attempt_at = ?, last_success_at = ?, "
            "last_status = ?, last_error_class = ?, last_error = ?, failing_since = ?");
        QVariantList values{sqlTime(endpoint.lastAttemptAt),
                            sqlTime(endpoint.lastSuccessAt),
                            endpoint.lastStatus,
                            notNull(endpoint.lastErrorClass),
                            notNull(endpoint.lastError),
                            sqlTime(endpoint.failingSince)};
        // Health alone is not configuration: only a disable moves updated_at and the version
        // that makes every dispatcher reload.
        if (disabling) {
            const QDateTime now = m_clock.now();
            sql += QStringLiteral(", enabled = 0, disabled_reason = ?, disabled_at = ?, "
                                  "updated_at = ?");
            values
                << (endpoint.disabledReason.trimmed().isEmpty() ? kDefaultDisabledReason
                                                                : endpoint.disabledReason)
                << (endpoint.disabledAt.isValid() ? endpoint.disabledAt : now).toMSecsSinceEpoch()
                << now.toMSecsSinceEpoch();
        }
        sql += QStringLiteral(" WHERE id = ?");
        values.append(endpoint.id);
        failure = Impl::exec(tx, action, sql, values);
        if (!failure && disabling)
            failure = Impl::bumpVersion(tx, action);
        if (!failure)
            failure = Impl::commit(tx, action);
        if (failure)
            return fail(*failure);
    }
    DomainResult<WebhookEndpoint> stored = get(endpoint.id);
    if (!stored)
        return fail(stored.error());
    Impl::syncIntegration(*this, stored.value());
    emit endpointChanged(stored.value());
    return true;
}

QString WebhookStore::endpointsVersion(QString *error)
{
    QString version;
    const auto failure = Impl::select(
        *this, QStringLiteral("read the webhook endpoints' version"),
        QStringLiteral("SELECT (SELECT value FROM meta WHERE key = 'webhook_endpoints_version'), "
                       "COUNT(*), COALESCE(MAX(updated_at), 0) FROM webhook_endpoints"),
        {}, [&version](QSqlQuery &query) {
            if (query.next())
                version = QStringLiteral("%1:%2:%3")
                              .arg(query.value(0).isNull() ? QStringLiteral("0")
                                                           : query.value(0).toString(),
                                   query.value(1).toString(), query.value(2).toString());
        });
    if (failure) {
        if (error)
            *error = failure->message();
        return QString();
    }
    return version;
}

} // namespace botbat
