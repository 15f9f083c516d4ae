#include "Migrations.h"

#include "SqlError.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QUuid>

namespace botbat {

namespace {

struct Migration
{
    int version;
    const char *name;
    QList<const char *> statements;
};

// Written once for both backends; tokens in braces are replaced per backend (see dialect()).
// Times are milliseconds since the Unix epoch (UTC) in BIGINT columns; JSON is TEXT.
const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        {1,
         "foundation: meta, events, domain, integrations",
         {
             "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
             "CREATE TABLE events ("
             " id {PK}, type TEXT NOT NULL, occurred_at BIGINT NOT NULL, data TEXT NOT NULL)",
             "CREATE INDEX events_type_id ON events (type, id)",
             "CREATE TABLE contacts ("
             " id {PK}, name TEXT NOT NULL, email TEXT, phone TEXT, company TEXT,"
             " attributes TEXT NOT NULL DEFAULT '{}',"
             " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
             "CREATE UNIQUE INDEX contacts_email ON contacts (email)",
             "CREATE INDEX contacts_updated ON contacts (updated_at, id)",
             "CREATE TABLE conversations ("
             " id {PK}, contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
             " channel TEXT NOT NULL, subject TEXT,"
             " status TEXT NOT NULL CHECK (status IN ('open', 'closed')),"
             " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, closed_at BIGINT)",
             "CREATE INDEX conversations_contact ON conversations (contact_id)",
             "CREATE INDEX conversations_updated ON conversations (updated_at, id)",
             "CREATE TABLE messages ("
             " id {PK},"
             " conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,"
             " direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),"
             " body TEXT NOT NULL,"
             " status TEXT NOT NULL CHECK (status IN ('received', 'queued', 'delivered', 'read')),"
             " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
             " delivered_at BIGINT, read_at BIGINT)",
             "CREATE INDEX messages_conversation ON messages (conversation_id, id)",
             "CREATE TABLE campaigns ("
             " id {PK}, name TEXT NOT NULL, message TEXT NOT NULL DEFAULT '',"
             " status TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'completed')),"
             " scheduled_at BIGINT, recipients BIGINT NOT NULL DEFAULT 0,"
             " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, completed_at BIGINT)",
             "CREATE INDEX campaigns_updated ON campaigns (updated_at, id)",
             "CREATE TABLE integrations ("
             " id {PK},"
             " category TEXT NOT NULL CHECK (category IN ('crm', 'webhook_out', 'webhook_in',"
             " 'api_key')),"
             " kind TEXT NOT NULL, name TEXT NOT NULL,"
             " status TEXT NOT NULL CHECK (status IN ('connected', 'error', 'inactive')),"
             " detail TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '',"
             " last_success_at BIGINT, secret_ref TEXT,"
             " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
             "CREATE INDEX integrations_category ON integrations (category, name)",
         }},
        {2,
         "API keys and the audit log",
         {
             // Only a SHA-256 of the key is kept (keys carry 190+ random bits, so a slow hash
             // adds nothing); prefix is the short, non-secret part shown to people and used to
             // find the row before the constant-time hash comparison.
             "CREATE TABLE api_keys ("
             " id {PK}, name TEXT NOT NULL, prefix TEXT NOT NULL, key_hash TEXT NOT NULL,"
             " scopes TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT,"
             " revoked_at BIGINT, last_used_at BIGINT, rotated_from BIGINT, expiry_audited_at "
             "BIGINT,"
             " integration_id BIGINT)",
             "CREATE INDEX api_keys_prefix ON api_keys (prefix)",
             "CREATE TABLE audit_log ("
             " id {PK}, at BIGINT NOT NULL, action TEXT NOT NULL, key_id BIGINT,"
             " key_prefix TEXT NOT NULL DEFAULT '', key_name TEXT NOT NULL DEFAULT '',"
             " client_address TEXT NOT NULL DEFAULT '', actor TEXT NOT NULL DEFAULT '',"
             " detail TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX audit_log_at ON audit_log (at, id)",
         }},
        {3,
         "outgoing webhooks: endpoints, deliveries, attempts, trusted CAs",
         {
             // events: JSON array of subscribed types. starts_after_event: the last event id
             // when the endpoint was created; it receives only later events.
             "CREATE TABLE webhook_endpoints ("
             " id {PK}, url TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
             " events TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1,"
             " disabled_reason TEXT NOT NULL DEFAULT '', disabled_at BIGINT,"
             " max_concurrency INTEGER NOT NULL, rate_per_second DOUBLE PRECISION NOT NULL DEFAULT "
             "0,"
             " has_secret INTEGER NOT NULL DEFAULT 0, secret_rotated_at BIGINT,"
             " previous_secret_until BIGINT, integration_id BIGINT,"
             " starts_after_event BIGINT NOT NULL DEFAULT 0,"
             " last_attempt_at BIGINT, last_success_at BIGINT, last_status INTEGER NOT NULL "
             "DEFAULT 0,"
             " last_error_class TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '',"
             " failing_since BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
             // One row per (endpoint, event) before any attempt; payload is the exact body.
             // claimed_by/claim_until: the engine sending it now (several engines may share a
             // PostgreSQL database).
             "CREATE TABLE webhook_deliveries ("
             " id {PK},"
             " endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,"
             " event_id BIGINT, event_type TEXT NOT NULL, payload TEXT NOT NULL,"
             " state TEXT NOT NULL CHECK (state IN ('pending', 'retrying', 'succeeded', 'failed')),"
             " is_test INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,"
             " next_attempt_at BIGINT, claimed_by TEXT, claim_until BIGINT,"
             " last_status INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',"
             " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
             "CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (endpoint_id, "
             "event_id)",
             // Only unclaimed rows that will be attempted again: taking due work stays cheap
             // however many deliveries are in flight or finished.
             "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)"
             " WHERE claim_until IS NULL AND next_attempt_at IS NOT NULL",
             "CREATE INDEX webhook_deliveries_claims ON webhook_deliveries (claim_until)"
             " WHERE claim_until IS NOT NULL",
             "CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, state, "
             "id)",
             "CREATE TABLE webhook_attempts ("
             " id {PK},"
             " delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,"
             " endpoint_id BIGINT NOT NULL, event_type TEXT NOT NULL, attempt INTEGER NOT NULL,"
             " is_test INTEGER NOT NULL DEFAULT 0, started_at BIGINT NOT NULL,"
             " duration_ms INTEGER NOT NULL, http_status INTEGER NOT NULL DEFAULT 0,"
             " succeeded INTEGER NOT NULL, error_class TEXT NOT NULL DEFAULT '',"
             " error_message TEXT NOT NULL DEFAULT '', next_retry_at BIGINT,"
             " request_url TEXT NOT NULL, request_headers TEXT NOT NULL,"
             " response_headers TEXT NOT NULL DEFAULT '[]', response_body {BLOB},"
             " response_truncated INTEGER NOT NULL DEFAULT 0)",
             "CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id)",
             "CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, id)",
             "CREATE TABLE trusted_certificates ("
             " id {PK}, pem TEXT NOT NULL, subject TEXT NOT NULL, issuer TEXT NOT NULL,"
             " fingerprint TEXT NOT NULL UNIQUE, expires_at BIGINT, added_at BIGINT NOT NULL)",
             // Where the dispatcher's fan-out of events to deliveries has reached: events up to
             // now predate every endpoint.
             "INSERT INTO meta (key, value) SELECT 'webhook_fanout_cursor',"
             " CAST(COALESCE(MAX(id), 0) AS TEXT) FROM events",
         }},
        {4,
         "delivery log: indexes for its filters",
         {
             // The Delivery Log pages newest first by id; these keep its filters on a log of
             // millions of attempts to the rows that match.
             "CREATE INDEX webhook_attempts_failed ON webhook_attempts (id) WHERE succeeded = 0",
             "CREATE INDEX webhook_attempts_event_type ON webhook_attempts (event_type, id)",
             "CREATE INDEX webhook_attempts_started ON webhook_attempts (started_at)",
         }},
        {5,
         "alerts: permanent failures and integrations entering Error",
         {
             // One row per alert shown and sent. A summary row counts a burst's further
             // failures and is due (shown, sent) when the burst window closes; burst_id names
             // the alert that opened the burst. Rows are written before they are sent, so a
             // crash between the two sends them after the restart (send_state 'pending').
             "CREATE TABLE alerts ("
             " id {PK}, raised_at BIGINT NOT NULL, due_at BIGINT NOT NULL,"
             " integration_kind TEXT NOT NULL, source_id BIGINT NOT NULL, integration_id BIGINT,"
             " integration_name TEXT NOT NULL,"
             " kind TEXT NOT NULL CHECK (kind IN ('permanent_failure', 'entered_error', "
             "'summary')),"
             " reason TEXT NOT NULL DEFAULT '', failures INTEGER NOT NULL DEFAULT 1,"
             " first_at BIGINT NOT NULL, last_at BIGINT NOT NULL, burst_id BIGINT,"
             " send_state TEXT NOT NULL DEFAULT 'pending'"
             " CHECK (send_state IN ('pending', 'sent', 'skipped', 'failed')),"
             " send_attempts INTEGER NOT NULL DEFAULT 0, next_send_at BIGINT, sent_at BIGINT,"
             " send_error TEXT NOT NULL DEFAULT '', acknowledged_at BIGINT)",
             "CREATE INDEX alerts_pending ON alerts (due_at) WHERE send_state = 'pending'",
             "CREATE INDEX alerts_unacknowledged ON alerts (id) WHERE acknowledged_at IS NULL",
             "CREATE INDEX alerts_source ON alerts (integration_kind, source_id, id)",
         }},
        {6,
         "delivery log: free-text search indexes (SQLite)",
         {
             // Trigram indexes, so a search for any substring of three or more characters in
             // the payloads and error messages reads the matching rows instead of every row.
             // External content: the text stays in its own table; triggers keep the index in
             // step. PostgreSQL searches with ILIKE (pg_trgm would need an extension the
             // database owner may not be allowed to create).
             "{SQLITE}CREATE VIRTUAL TABLE webhook_payload_search USING fts5(payload,"
             " content='webhook_deliveries', content_rowid='id', tokenize='unicode61')",
             "{SQLITE}CREATE TRIGGER webhook_payload_search_insert AFTER INSERT ON"
             " webhook_deliveries BEGIN INSERT INTO webhook_payload_search (rowid, payload)"
             " VALUES (new.id, new.payload); END",
             "{SQLITE}CREATE TRIGGER webhook_payload_search_delete AFTER DELETE ON"
             " webhook_deliveries BEGIN INSERT INTO webhook_payload_search"
             " (webhook_payload_search, rowid, payload) VALUES ('delete', old.id, old.payload);"
             " END",
             "{SQLITE}CREATE TRIGGER webhook_payload_search_update AFTER UPDATE OF payload ON"
             " webhook_deliveries BEGIN INSERT INTO webhook_payload_search"
             " (webhook_payload_search, rowid, payload) VALUES ('delete', old.id, old.payload);"
             " INSERT INTO webhook_payload_search (rowid, payload) VALUES (new.id, new.payload);"
             " END",
             "{SQLITE}INSERT INTO webhook_payload_search (webhook_payload_search) VALUES"
             " ('rebuild')",
             // Only failed attempts carry a message: only those are indexed, in a table of
             // their own (an external-content index must cover every row of its table).
             "{SQLITE}CREATE VIRTUAL TABLE webhook_error_search USING fts5(error_message,"
             " tokenize='trigram')",
             "{SQLITE}CREATE TRIGGER webhook_error_search_insert AFTER INSERT ON webhook_attempts"
             " WHEN new.error_message <> '' BEGIN INSERT INTO webhook_error_search"
             " (rowid, error_message) VALUES (new.id, new.error_message); END",
             "{SQLITE}CREATE TRIGGER webhook_error_search_delete AFTER DELETE ON webhook_attempts"
             " WHEN old.error_message <> '' BEGIN DELETE FROM webhook_error_search WHERE"
             " rowid = old.id; END",
             "{SQLITE}INSERT INTO webhook_error_search (rowid, error_message) SELECT id,"
             " error_message FROM webhook_attempts WHERE error_message <> ''",
         }},
    };
    return all;
}

QString dialect(const char *statement, DatabaseConfig::Backend backend)
{
    QString sql = QString::fromLatin1(statement);
    const bool sqlite = backend == DatabaseConfig::Backend::Sqlite;
    sql.replace(QLatin1String("{PK}"),
                sqlite ? QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT")
                       : QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    sql.replace(QLatin1String("{BLOB}"), sqlite ? QLatin1String("BLOB") : QLatin1String("BYTEA"));
    return sql;
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error =
        QStringLiteral("Schema migration failed (%1): %2").arg(sql.left(60), sqlErrorText(query));
    return false;
}

bool applyOne(QSqlDatabase &db, const Migration &migration, DatabaseConfig::Backend backend,
              QString *error)
{
    for (const char *statement : migration.statements) {
        // "{SQLITE}" and "{POSTGRES}" mark a statement for one backend only.
        QString sql = dialect(statement, backend);
        const bool sqlite = backend == DatabaseConfig::Backend::Sqlite;
        if (sql.startsWith(QLatin1String("{SQLITE}"))) {
            if (!sqlite)
                continue;
            sql.remove(0, 8);
        } else if (sql.startsWith(QLatin1String("{POSTGRES}"))) {
            if (sqlite)
                continue;
            sql.remove(0, 10);
        }
        if (!exec(db, sql, error))
            return false;
    }
    QSqlQuery record(db);
    record.prepare(QStringLiteral(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
    record.addBindValue(migration.version);
    record.addBindValue(QString::fromLatin1(migration.name));
    record.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!record.exec()) {
        *error = QStringLiteral("Cannot record schema version %1: %2")
                     .arg(migration.version)
                     .arg(sqlErrorText(record));
        return false;
    }
    if (migration.version == 1) {
        QSqlQuery meta(db);
        meta.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('instance_id', ?)"));
        meta.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (!meta.exec()) {
            *error = QStringLiteral("Cannot write the instance id: ") + sqlErrorText(meta);
            return false;
        }
    }
    return true;
}

} // namespace

int Migrations::latestVersion()
{
    return migrations().constLast().version;
}

int Migrations::currentVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) ||
        !query.next())
        return 0;
    return query.value(0).toInt();
}

bool Migrations::apply(QSqlDatabase &db, DatabaseConfig::Backend backend, QString *error)
{
    const bool sqlite = backend == DatabaseConfig::Backend::Sqlite;
    // The locks are held until COMMIT/ROLLBACK, so concurrent starters apply each version once.
    const QString begin = sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    const QString lock = QStringLiteral("SELECT pg_advisory_xact_lock(726621)");
    const QString createTable =
        QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    QString ignored;
    for (const Migration &migration : migrations()) {
        if (!exec(db, begin, error) || (!sqlite && !exec(db, lock, error)) ||
            !exec(db, createTable, error)) {
            exec(db, QStringLiteral("ROLLBACK"), &ignored);
            return false;
        }
        const int current = currentVersion(db);
        if (current > latestVersion()) {
            exec(db, QStringLiteral("ROLLBACK"), &ignored);
            *error = QStringLiteral("The database uses schema version %1, newer than this "
                                    "program knows (%2). Upgrade botbat-console before using "
                                    "this database.")
                         .arg(current)
                         .arg(latestVersion());
            return false;
        }
        if (current >= migration.version) {
            exec(db, QStringLiteral("ROLLBACK"), &ignored);
            continue;
        }
        if (!applyOne(db, migration, backend, error) ||
            !exec(db, QStringLiteral("COMMIT"), error)) {
            exec(db, QStringLiteral("ROLLBACK"), &ignored);
            return false;
        }
    }
    return true;
}

} // namespace botbat
