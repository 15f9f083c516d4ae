#include "TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

namespace botbat::test {

EngineConfig engineConfig(const QTemporaryDir &dir)
{
    EngineConfig config;
    config.dataDir = dir.path();
    config.httpPort = 0;
    config.secrets.kind = SecretStoreConfig::Kind::File;
    config.secrets.filePath = QDir(dir.path()).filePath(QStringLiteral("secrets.enc"));
    const QString passphraseFile = QDir(dir.path()).filePath(QStringLiteral("passphrase"));
    QFile file(passphraseFile);
    if (!file.exists() && file.open(QIODevice::WriteOnly)) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write("test passphrase, not a real one");
    }
    config.secrets.passphraseFile = passphraseFile;
    return config;
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &header : headers)
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    return {};
}

HttpResult httpRequest(const QByteArray &method, const QUrl &url, const QByteArray &body,
                       const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    delete reply;
    return result;
}

QStringList threadNames(const QString &prefix)
{
    QStringList names;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    const QStringList ids = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &id : ids) {
        QFile comm(tasks.filePath(id + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly))
            continue;
        const QString name = QString::fromUtf8(comm.readAll()).trimmed();
        if (name.startsWith(prefix))
            names.append(name);
    }
    return names;
}

QString postgresUrl()
{
    return qEnvironmentVariable("BOTBAT_TEST_PG_URL");
}

namespace {
// Runs one statement on the server's maintenance database through a short-lived connection.
bool adminExec(const QString &sql, QString *error)
{
    const QUrl base(postgresUrl());
    const QString name =
        QStringLiteral("botbat-test-admin-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(base.host());
        db.setPort(base.port(5432));
        db.setUserName(base.userName());
        db.setDatabaseName(base.path().mid(1));
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                *error = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}
} // namespace

QString createPostgresDatabase(QString *error)
{
    if (postgresUrl().isEmpty()) {
        *error = QStringLiteral("BOTBAT_TEST_PG_URL is not set: run the tests through ctest, "
                                "which starts PostgreSQL.");
        return {};
    }
    const QString name =
        QStringLiteral("botbat_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    if (!adminExec(QStringLiteral("CREATE DATABASE ") + name, error))
        return {};
    QUrl url(postgresUrl());
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

void dropPostgresDatabase(const QString &url)
{
    QString error;
    const QString name = QUrl(url).path().mid(1);
    if (!name.startsWith(QLatin1String("botbat_test_")) ||
        !adminExec(QStringLiteral("DROP DATABASE IF EXISTS ") + name +
                       QStringLiteral(" WITH (FORCE)"),
                   &error))
        qWarning("Could not drop test database %s: %s", qPrintable(name), qPrintable(error));
}

quint16 startHeadless(QProcess &process, const QStringList &arguments)
{
    process.start(
        qEnvironmentVariable("BOTBAT_CONSOLE_BINARY"),
        QStringList{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0")} +
            arguments);
    process.waitForStarted(10000);
    const QRegularExpression address(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)"));
    QByteArray output;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && process.state() == QProcess::Running) {
        process.waitForReadyRead(200);
        output.append(process.readAllStandardError());
        const auto match = address.match(QString::fromUtf8(output));
        if (match.hasMatch())
            return static_cast<quint16>(match.captured(1).toUInt());
    }
    qWarning("%s", output.constData());
    return 0;
}

} // namespace botbat::test
