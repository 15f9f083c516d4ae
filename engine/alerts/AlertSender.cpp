#include "AlertSender.h"

#include "webhooks/HttpsConnection.h"

#include <QPointer>
#include <QTimer>
#include <memory>

namespace botbat {

namespace {
constexpr int kMaxStoredBody = 2048;
constexpr qint64 kMaxBody = 64 * 1024;

AlertSender::Result interpret(const HttpsConnection::Response &response)
{
    AlertSender::Result result;
    result.status = response.status;
    if (response.status >= 200 && response.status < 300) {
        result.ok = true;
        return result;
    }
    if (response.status > 0) {
        const QString body = QString::fromUtf8(response.body.left(200)).simplified();
        result.message =
            QStringLiteral("The alert webhook answered HTTP %1%2. Check that the webhook still "
                           "exists in the receiving service (e.g. Slack) and paste its current "
                           "URL in Alerts…")
                .arg(response.status)
                .arg(body.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(body));
        return result;
    }
    QString detail = response.errorString;
    if (!response.sslErrors.isEmpty())
        detail = response.sslErrors.constFirst().errorString();
    result.message = QStringLiteral("The alert webhook could not be reached: %1. Check the "
                                    "network and the URL in Alerts…")
                         .arg(detail.isEmpty() ? QStringLiteral("connection failed") : detail);
    return result;
}
} // namespace

AlertSender::AlertSender(QObject *parent) : QObject(parent) {}

void AlertSender::post(const QUrl &url, const QByteArray &json, const QSslConfiguration &ssl,
                       int timeoutMs, std::function<void(const Result &)> done)
{
    auto *connection = new HttpsConnection(url, ssl, kMaxStoredBody, kMaxBody, this);
    auto *timer = new QTimer(connection);
    timer->setSingleShot(true);
    // Shared so that whichever comes first (answer or timeout) answers, and only once.
    auto callback = std::make_shared<std::function<void(const Result &)>>(std::move(done));
    const auto finish = [connection, callback](const Result &result) {
        if (!*callback)
            return;
        const auto answer = std::move(*callback);
        *callback = nullptr;
        connection->deleteLater();
        answer(result);
    };
    connect(connection, &HttpsConnection::finished, this,
            [finish](const HttpsConnection::Response &response) { finish(interpret(response)); });
    connect(timer, &QTimer::timeout, this, [connection, finish, timeoutMs] {
        connection->cancel();
        Result result;
        result.message = QStringLiteral("The alert webhook did not answer within %1 s. It is "
                                        "tried again later; check that the receiving service "
                                        "is up.")
                             .arg(timeoutMs / 1000.0, 0, 'g', 3);
        finish(result);
    });
    timer->start(std::max(1, timeoutMs));
    const HeaderList headers{
        {QByteArrayLiteral("Host"), HttpsConnection::hostHeader(url)},
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("User-Agent"), QByteArrayLiteral("BotBat-Alerts/" BOTBAT_VERSION)},
        {QByteArrayLiteral("Content-Length"), QByteArray::number(json.size())}};
    connection->send(HttpsConnection::serialize(QByteArrayLiteral("POST"), url, headers, json));
}

} // namespace botbat
