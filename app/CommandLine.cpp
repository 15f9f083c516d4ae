#include "CommandLine.h"

#include "alerts/AlertStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace botbat {

QString CommandLine::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

std::variant<CommandLine, CommandLine::Exit> CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "BotBat Integrations Console: API keys, outgoing and incoming webhooks and CRM sync for "
        "the BotBat platform. Without --headless it opens the console window; with it (or when "
        "there is no display) it runs the same engine as a service.\n"
        "API keys from the command line (same database): botbat-console keys --help"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        QStringLiteral("Run the engine without a window (for servers). SIGTERM or Ctrl+C stops "
                       "it cleanly."));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("The database: a SQLite file path (default <data-dir>/botbat.db) or "
                       "postgresql://user@host:port/dbname for a shared PostgreSQL database."),
        QStringLiteral("url"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Port of the engine's HTTP server on 127.0.0.1 (REST API, incoming "
                       "webhooks, /healthz). Default %1; 0 picks a free port.")
            .arg(EngineConfig::kDefaultPort),
        QStringLiteral("port"));
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QStringLiteral("Address the HTTP server listens on. Default 127.0.0.1 (this machine "
                       "only); 0.0.0.0 or :: listen on every interface: then use --tls-cert."),
        QStringLiteral("address"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QStringLiteral("PEM certificate (chain) for HTTPS."),
                                     QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("PEM private key for HTTPS (RSA or EC, not "
                                                   "encrypted)."),
                                    QStringLiteral("file"));
    const QCommandLineOption rateLimit(
        QStringLiteral("api-rate-limit"),
        QStringLiteral("Requests per second each API key may make (token bucket). Default %1.")
            .arg(ApiSettings().keyRequestsPerSecond),
        QStringLiteral("rps"));
    const QCommandLineOption rateBurst(
        QStringLiteral("api-burst"),
        QStringLiteral("Requests an API key may make at once before the rate applies. Default %1.")
            .arg(ApiSettings().keyBurst),
        QStringLiteral("n"));
    const QCommandLineOption httpThreads(
        QStringLiteral("http-threads"),
        QStringLiteral("Threads serving HTTP, each with its own socket on the port; rate and "
                       "connection limits are shared by all. Default %1.")
            .arg(EngineConfig().httpThreads),
        QStringLiteral("n"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Folder for the SQLite database, the encrypted secret file and the log. "
                       "Default: %1.")
            .arg(QDir::toNativeSeparators(defaultDataDir())),
        QStringLiteral("dir"));
    const QCommandLineOption secretStore(
        QStringLiteral("secret-store"),
        QStringLiteral("Where secrets live: keyring (the system keyring), file (an AES-256-GCM "
                       "file in the data directory, passphrase from $BOTBAT_SECRETS_PASSPHRASE or "
                       "--secrets-passphrase-file), or auto (keyring, else file when a passphrase "
                       "is given). Default auto."),
        QStringLiteral("kind"), QStringLiteral("auto"));
    const QCommandLineOption passphraseFile(
        QStringLiteral("secrets-passphrase-file"),
        QStringLiteral("File holding the passphrase of the encrypted secret file."),
        QStringLiteral("file"));
    const QCommandLineOption trustedCa(
        QStringLiteral("trusted-ca"),
        QStringLiteral("PEM file of extra CA certificates (e.g. a corporate CA) that webhook "
                       "endpoints' certificates may chain to, besides the system's. Repeatable; "
                       "the console's Trusted certificates apply too."),
        QStringLiteral("file"));
    const QCommandLineOption autoDisable(
        QStringLiteral("webhook-auto-disable-days"),
        QStringLiteral(
            "Disable a webhook endpoint whose every delivery attempt has failed for this "
            "many days (the Overview warns a day before). Default %1.")
            .arg(WebhookSettings().autoDisableAfterMs / WebhookSettings::kDay),
        QStringLiteral("days"));
    const QCommandLineOption alertWebhookFile(
        QStringLiteral("alert-webhook-url-file"),
        QStringLiteral("File holding the https:// URL of an alert webhook (e.g. a Slack incoming "
                       "webhook) that receives a JSON summary of each alert, for this run, "
                       "instead of the one set in the console. Read from a file so that the "
                       "URL, a credential, never shows in the process list."),
        QStringLiteral("file"));
    parser.addOptions({help, version, headless, database, port, bind, tlsCert, tlsKey, rateLimit,
                       rateBurst, httpThreads, dataDir, secretStore, passphraseFile, trustedCa,
                       autoDisable, alertWebhookFile});

    if (!parser.parse(arguments))
        return Exit{2, parser.errorText() + QStringLiteral("\nTry --help.")};
    if (parser.isSet(help))
        return Exit{0, parser.helpText().replace(QLatin1String("<executable_name>"),
                                                 QLatin1String("botbat-console"))};
    if (parser.isSet(version))
        return Exit{0, QStringLiteral("botbat-console ") + QStringLiteral(BOTBAT_VERSION)};
    if (!parser.positionalArguments().isEmpty())
        return Exit{2, QStringLiteral("Unexpected argument \"%1\". Try --help.")
                           .arg(parser.positionalArguments().constFirst())};

    CommandLine result;
    result.headless = parser.isSet(headless);
    result.engine.dataDir =
        parser.isSet(dataDir) ? QDir(parser.value(dataDir)).absolutePath() : defaultDataDir();
    result.engine.databaseSpec = parser.value(database);
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return Exit{2, QStringLiteral("--port must be a number from 0 to 65535, not \"%1\".")
                               .arg(parser.value(port))};
        result.engine.httpPort = static_cast<quint16>(value);
    }
    if (parser.isSet(bind)) {
        const QHostAddress address(parser.value(bind));
        if (address.isNull())
            return Exit{2, QStringLiteral("--bind must be an IP address such as 127.0.0.1 or "
                                          "0.0.0.0, not \"%1\".")
                               .arg(parser.value(bind))};
        result.engine.httpAddress = address;
    }
    for (const auto &[option, target] :
         {std::pair{&rateLimit, &result.engine.api.keyRequestsPerSecond},
          std::pair{&rateBurst, &result.engine.api.keyBurst}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        const double value = parser.value(*option).toDouble(&ok);
        if (!ok || value <= 0)
            return Exit{2, QStringLiteral("--%1 must be a positive number, not \"%2\".")
                               .arg(option->names().constFirst(), parser.value(*option))};
        *target = value;
    }
    if (parser.isSet(httpThreads)) {
        bool ok = false;
        const int value = parser.value(httpThreads).toInt(&ok);
        if (!ok || value < 1 || value > 64)
            return Exit{2, QStringLiteral("--http-threads must be a number from 1 to 64, not "
                                          "\"%1\".")
                               .arg(parser.value(httpThreads))};
        result.engine.httpThreads = value;
    }
    if (parser.isSet(autoDisable)) {
        bool ok = false;
        const double days = parser.value(autoDisable).toDouble(&ok);
        if (!ok || days < 1 || days > 365)
            return Exit{2,
                        QStringLiteral("--webhook-auto-disable-days must be a number of days from "
                                       "1 to 365, not \"%1\".")
                            .arg(parser.value(autoDisable))};
        auto &webhooks = result.engine.webhooks;
        webhooks.autoDisableAfterMs = qRound64(days * static_cast<double>(WebhookSettings::kDay));
        webhooks.warnBeforeDisableMs = std::max<qint64>(
            webhooks.autoDisableAfterMs - WebhookSettings::kDay, webhooks.autoDisableAfterMs / 2);
    }
    for (const QString &file : parser.values(trustedCa)) {
        if (!QFileInfo(file).isReadable())
            return Exit{2, QStringLiteral("--trusted-ca: cannot read \"%1\"; give a readable PEM "
                                          "file of CA certificates.")
                               .arg(file)};
        result.engine.webhooks.trustedCaFiles.append(QFileInfo(file).absoluteFilePath());
    }
    if (parser.isSet(alertWebhookFile)) {
        QFile file(parser.value(alertWebhookFile));
        if (!file.open(QIODevice::ReadOnly))
            return Exit{2, QStringLiteral("--alert-webhook-url-file: cannot read \"%1\" (%2); "
                                          "give a readable file holding the https:// URL.")
                               .arg(file.fileName(), file.errorString())};
        const QString url = QString::fromUtf8(file.read(AlertStore::kMaxUrlLength + 1)).trimmed();
        if (const auto problem = AlertStore::validateWebhookUrl(url))
            return Exit{2, QStringLiteral("--alert-webhook-url-file: %1").arg(*problem)};
        result.engine.alerts.webhookUrl = url;
    }
    result.engine.tlsCertificateFile = parser.value(tlsCert);
    result.engine.tlsKeyFile = parser.value(tlsKey);
    const QString kind = parser.value(secretStore);
    if (kind == QLatin1String("auto"))
        result.engine.secrets.kind = SecretStoreConfig::Kind::Auto;
    else if (kind == QLatin1String("keyring"))
        result.engine.secrets.kind = SecretStoreConfig::Kind::Keyring;
    else if (kind == QLatin1String("file"))
        result.engine.secrets.kind = SecretStoreConfig::Kind::File;
    else
        return Exit{
            2,
            QStringLiteral("--secret-store must be auto, keyring or file, not \"%1\".").arg(kind)};
    result.engine.secrets.passphraseFile =
        parser.isSet(passphraseFile) ? parser.value(passphraseFile)
                                     : qEnvironmentVariable("BOTBAT_SECRETS_PASSPHRASE_FILE");
    return result;
}

} // namespace botbat
