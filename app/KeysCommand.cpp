#include "KeysCommand.h"

#include "CommandLine.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Clock.h"
#include "integrations/IntegrationRegistry.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

namespace botbat {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message, int code = 1)
{
    err() << "botbat-console keys: " << message << Qt::endl;
    return code;
}

QString usage()
{
    return QStringLiteral(
        "Usage: botbat-console keys <command> [options]\n\n"
        "Commands:\n"
        "  create --name NAME [--scopes LIST] [--expires WHEN]\n"
        "        Create a key and print it on stdout (only then is it ever shown).\n"
        "        LIST: comma separated scopes, or all (default): %1\n"
        "        WHEN: a date (2027-01-31), a date and time in UTC, or a duration (90d, 12h)\n"
        "  list [--json]                     List keys (never the keys themselves).\n"
        "  rotate KEY [--overlap DURATION]   New key with the same name and scopes, printed on\n"
        "        stdout; the old one keeps working for the overlap (default 24h), then expires.\n"
        "  revoke KEY                        Revoke at once; the next request with it gets 401.\n"
        "  audit [--limit N]                 Show the audit log, newest first.\n"
        "KEY is the key's id, display prefix (bbk_xxxxxxxx) or name.\n\n"
        "Options for every command: --database URL, --data-dir DIR (as for the console).")
        .arg(ApiKeyScopes::all().join(QStringLiteral(", ")));
}

QString time(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QLatin1Char('Z')
                        : QStringLiteral("-");
}

std::optional<QDateTime> parseExpiry(const QString &text, const QDateTime &now)
{
    if (const auto duration = KeysCommand::parseDuration(text); duration && *duration > 0)
        return now.addMSecs(*duration);
    QDateTime at = QDateTime::fromString(text, Qt::ISODate);
    if (!at.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            at = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    if (!at.isValid())
        return std::nullopt;
    if (at.timeSpec() == Qt::LocalTime)
        at.setTimeSpec(Qt::UTC); // a time without zone is read as UTC
    return at.toUTC();
}

} // namespace

std::optional<qint64> KeysCommand::parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)\\s*([smhd]?)$"));
    const auto match = pattern.match(text.trimmed().toLower());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 value = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 factor = unit == QLatin1String("s")   ? 1000
                          : unit == QLatin1String("m") ? 60'000
                          : unit == QLatin1String("d") ? 86'400'000
                                                       : 3'600'000; // hours by default
    return value * factor;
}

int KeysCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Help."));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database."), QStringLiteral("url"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("dir"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Key name."), QStringLiteral("name"));
    const QCommandLineOption scopes(QStringLiteral("scopes"), QStringLiteral("Scopes."), QStringLiteral("list"), QStringLiteral("all"));
    const QCommandLineOption expires(QStringLiteral("expires"), QStringLiteral("Expiry."), QStringLiteral("when"));
    const QCommandLineOption overlap(QStringLiteral("overlap"), QStringLiteral("Overlap."), QStringLiteral("duration"), QStringLiteral("24h"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON output."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Rows."), QStringLiteral("n"), QStringLiteral("50"));
    parser.addOptions({help, database, dataDir, name, scopes, expires, overlap, json, limit});
    QStringList argv = arguments;
    argv.removeFirst(); // "keys"
    argv.prepend(QStringLiteral("botbat-console keys"));
    if (!parser.parse(argv))
        return fail(parser.errorText() + QStringLiteral("\n\n") + usage(), 2);
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(help) || positional.isEmpty()) {
        (parser.isSet(help) ? out() : err()) << usage() << Qt::endl;
        return parser.isSet(help) ? 0 : 2;
    }
    const QString command = positional.first();

    const QString dir = parser.isSet(dataDir) ? QDir(parser.value(dataDir)).absolutePath()
                                              : CommandLine::defaultDataDir();
    QString error;
    const auto config = DatabaseConfig::parse(
        parser.value(database), QDir(dir).filePath(QStringLiteral("botbat.db")), &error);
    if (!config)
        return fail(error, 2);
    Database db(*config);
    if (!db.open(&error))
        return fail(error);
    SystemClock clock;
    IntegrationRegistry registry(db, clock);
    ApiKeyStore store(db, clock, &registry);
    const QString actor = QStringLiteral("cli");
    int code = 0;

    if (command == QLatin1String("create")) {
        if (!parser.isSet(name))
            return fail(QStringLiteral("create needs --name, e.g. --name \"Nightly export\"."), 2);
        const auto scopeList = ApiKeyScopes::parse(parser.value(scopes), &error);
        if (!scopeList)
            return fail(error, 2);
        QDateTime expiry;
        if (parser.isSet(expires)) {
            const auto parsed = parseExpiry(parser.value(expires), clock.now());
            if (!parsed)
                return fail(QStringLiteral("--expires \"%1\" is neither a date (2027-01-31), a "
                                           "date and time, nor a duration (90d, 12h).")
                                .arg(parser.value(expires)),
                            2);
            expiry = *parsed;
        }
        const auto created = store.create(parser.value(name), *scopeList, expiry, actor, &error);
        if (!created)
            return fail(error);
        out() << created->token << Qt::endl;
        err() << "Created key " << created->key.prefix << " (\"" << created->key.name
              << "\", id " << created->key.id << "). Store it now: it cannot be shown again."
              << Qt::endl;
    } else if (command == QLatin1String("list")) {
        const QList<ApiKey> keys = store.list(&error);
        if (!error.isEmpty())
            return fail(error);
        const QDateTime now = clock.now();
        if (parser.isSet(json)) {
            QJsonArray array;
            for (const ApiKey &key : keys)
                array.append(key.toJson(now));
            out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        } else if (keys.isEmpty()) {
            err() << "No API keys. Create one with: botbat-console keys create --name NAME" << Qt::endl;
        } else {
            out() << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                         .arg(QStringLiteral("ID"), 4)
                         .arg(QStringLiteral("PREFIX"), -12)
                         .arg(QStringLiteral("STATE"), -8)
                         .arg(QStringLiteral("CREATED"), -17)
                         .arg(QStringLiteral("LAST USED"), -17)
                         .arg(QStringLiteral("EXPIRES"), -17)
                         .arg(QStringLiteral("NAME"), -24)
                         .arg(QStringLiteral("SCOPES"));
            for (const ApiKey &key : keys) {
                QString state = ApiKey::stateKey(key.stateAt(now));
                if (key.isStaleAt(now))
                    state = QStringLiteral("stale");
                out() << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                             .arg(key.id, 4)
                             .arg(key.prefix, -12)
                             .arg(state, -8)
                             .arg(time(key.createdAt), -17)
                             .arg(time(key.lastUsedAt), -17)
                             .arg(time(key.expiresAt), -17)
                             .arg(key.name.left(24), -24)
                             .arg(key.scopes.join(QLatin1Char(',')));
            }
        }
    } else if (command == QLatin1String("rotate") || command == QLatin1String("revoke")) {
        if (positional.size() != 2)
            return fail(QStringLiteral("%1 needs the key's id, prefix or name.").arg(command), 2);
        const auto key = store.find(positional.at(1), &error);
        if (!key)
            return fail(error);
        if (command == QLatin1String("revoke")) {
            if (!store.revoke(key->id, actor, &error))
                return fail(error);
            err() << "Revoked key " << key->prefix << " (\"" << key->name
                  << "\"). Requests with it now get 401." << Qt::endl;
        } else {
            const auto overlapMs = parseDuration(parser.value(overlap));
            if (!overlapMs)
                return fail(QStringLiteral("--overlap \"%1\" is not a duration (e.g. 24h, 90m, 7d, 0).")
                                .arg(parser.value(overlap)),
                            2);
            const auto created = store.rotate(key->id, *overlapMs, actor, &error);
            if (!created)
                return fail(error);
            out() << created->token << Qt::endl;
            const auto old = store.get(key->id, &error);
            err() << "Rotated " << key->prefix << " to " << created->key.prefix
                  << ". The old key works until " << (old ? time(old->expiresAt) : QStringLiteral("?"))
                  << "." << Qt::endl;
        }
    } else if (command == QLatin1String("audit")) {
        bool ok = false;
        const int rows = parser.value(limit).toInt(&ok);
        if (!ok || rows < 1 || rows > 100000)
            return fail(QStringLiteral("--limit must be a number from 1 to 100000."), 2);
        const QList<AuditEntry> entries = store.audit(rows, 0, &error);
        if (!error.isEmpty())
            return fail(error);
        for (const AuditEntry &entry : entries)
            out() << time(entry.at) << "  " << entry.action << "  " << entry.keyPrefix << "  "
                  << entry.keyName << "  " << entry.clientAddress << "  " << entry.actor << "  "
                  << entry.detail << '\n';
        out().flush();
    } else {
        code = fail(QStringLiteral("Unknown command \"%1\".\n\n").arg(command) + usage(), 2);
    }
    db.closeThreadConnection();
    return code;
}

} // namespace botbat
