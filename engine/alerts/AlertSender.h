#pragma once

#include <QByteArray>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <functional>

namespace botbat {

// Posts one JSON body to the alert webhook over HTTPS/1.1 in the calling thread, and answers
// exactly once, within timeoutMs. Alerts are rare, so each post has a connection of its own.
// Results never contain the URL: it is a credential (Slack-style webhook URLs are the secret).
class AlertSender : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool ok = false;
        int status = 0;  // 0 when no HTTP answer arrived
        QString message; // what happened and what to do, when not ok
    };

    explicit AlertSender(QObject *parent = nullptr);

    void post(const QUrl &url, const QByteArray &json, const QSslConfiguration &ssl, int timeoutMs,
              std::function<void(const Result &)> done);
};

} // namespace botbat
