#include "ProbeCredentials.h"

#include "security/SecretStore.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace botbat {

namespace {
const QString kAuth = QStringLiteral("auth");
const QString kToken = QStringLiteral("token");
const QString kHeader = QStringLiteral("api_key_header");
const QString kKey = QStringLiteral("api_key");
const QString kUser = QStringLiteral("username");
const QString kPassword = QStringLiteral("password");
} // namespace

QString ProbeCredentials::ref(const QString &url)
{
    const QByteArray hash =
        QCryptographicHash::hash(url.trimmed().toUtf8(), QCryptographicHash::Sha256).toHex();
    return SecretStore::makeRef(QStringLiteral("connection-test"),
                                QString::fromLatin1(hash.left(24)), QStringLiteral("credentials"));
}

bool ProbeCredentials::save(SecretStore &secrets, const ProbeRequest &request, QString *error)
{
    QJsonObject json{{kAuth, int(request.auth)}};
    switch (request.auth) {
    case ProbeRequest::Auth::None:
        return forget(secrets, request.url, error);
    case ProbeRequest::Auth::Bearer:
        json.insert(kToken, request.token);
        break;
    case ProbeRequest::Auth::ApiKey:
        json.insert(kHeader, request.apiKeyHeader);
        json.insert(kKey, request.apiKey);
        break;
    case ProbeRequest::Auth::Basic:
        json.insert(kUser, request.username);
        json.insert(kPassword, request.password);
        break;
    }
    return secrets.write(ref(request.url), QJsonDocument(json).toJson(QJsonDocument::Compact),
                         error);
}

std::optional<ProbeRequest> ProbeCredentials::load(SecretStore &secrets, const QString &url,
                                                   QString *error)
{
    const auto stored = secrets.read(ref(url), error);
    if (!stored)
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(*stored).object();
    const int auth = json.value(kAuth).toInt(-1);
    if (auth < int(ProbeRequest::Auth::None) || auth > int(ProbeRequest::Auth::Basic)) {
        if (error)
            *error = QStringLiteral("The remembered credentials are unreadable; enter them again.");
        return std::nullopt;
    }
    ProbeRequest request;
    request.url = url;
    request.auth = ProbeRequest::Auth(auth);
    request.token = json.value(kToken).toString();
    request.apiKeyHeader = json.value(kHeader).toString(request.apiKeyHeader);
    request.apiKey = json.value(kKey).toString();
    request.username = json.value(kUser).toString();
    request.password = json.value(kPassword).toString();
    return request;
}

bool ProbeCredentials::forget(SecretStore &secrets, const QString &url, QString *error)
{
    return secrets.remove(ref(url), error);
}

} // namespace botbat
