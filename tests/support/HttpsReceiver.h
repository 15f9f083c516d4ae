#pragma once

#include "IssuedCertificate.h"
#include "ReceivedRequest.h"
#include "RequestLog.h"
#include "ResponseScript.h"
#include "ScriptedResponse.h"

#include <QObject>
#include <QSet>
#include <QUrl>

class QSslServer;

namespace botbat::test {

// A real HTTPS/1.1 endpoint on 127.0.0.1 for outgoing-webhook tests: records every request and
// answers from a script. Give it a certificate from TestCa before listen(); url() names host
// "localhost" so clients verify the SAN DNS:localhost as a real webhook client would.
// Lives in one thread (normally the test's); the script and log methods marked thread-safe may
// be called from anywhere (ThreadedHttpsReceiver relies on that).
class HttpsReceiver : public QObject
{
    Q_OBJECT
public:
    explicit HttpsReceiver(QObject *parent = nullptr);
    ~HttpsReceiver() override;

    void setCertificate(const IssuedCertificate &certificate); // takes effect at listen()
    bool listen(quint16 port = 0);                             // 0: an ephemeral port
    QString errorString() const { return m_error; }
    void close(); // stops listening and drops every connection
    quint16 port() const { return m_port; }
    QUrl url(const QString &path = QStringLiteral("/")) const;

    // Thread-safe.
    void setDefaultResponse(const ScriptedResponse &response);
    void enqueueResponse(const ScriptedResponse &response); // FIFO, one per request, then default
    QList<ReceivedRequest> requests() const;
    qsizetype count() const;
    QSet<QByteArray> distinctHeaderValues(const QByteArray &name) const;
    void clear();
    void setCountOnly(const QByteArray &distinctHeader); // see RequestLog::setCountOnly
    bool waitForCount(qsizetype n, int timeoutMs = 10000) const;

private:
    void acceptConnections();

    RequestLog m_log;
    ResponseScript m_script;
    IssuedCertificate m_certificate;
    QSslServer *m_server = nullptr; // exists only while listening
    quint16 m_port = 0;
    quint64 m_nextConnectionId = 1;
    QString m_error;
};

} // namespace botbat::test
