#pragma once

#include "IssuedCertificate.h"
#include "ReceivedRequest.h"
#include "ScriptedResponse.h"

#include <QSet>
#include <QString>
#include <QUrl>
#include <memory>

class QThread;

namespace botbat::test {

class HttpsReceiver;

// An HttpsReceiver in its own thread ("test-receiver"), for tests whose own thread blocks (on a
// subprocess, or on the engine). Call it from the thread that made it; the script and
// the log are mutex-protected, so changes apply to the very next request and reads are current.
// The log stays readable after stop().
class ThreadedHttpsReceiver
{
public:
    ThreadedHttpsReceiver();
    ~ThreadedHttpsReceiver();
    ThreadedHttpsReceiver(const ThreadedHttpsReceiver &) = delete;
    ThreadedHttpsReceiver &operator=(const ThreadedHttpsReceiver &) = delete;

    void setCertificate(const IssuedCertificate &certificate); // before start()
    bool start(quint16 port = 0);
    QString errorString() const { return m_error; }
    void stop(); // also run by the destructor
    quint16 port() const { return m_port; }
    QUrl url(const QString &path = QStringLiteral("/")) const;

    void setDefaultResponse(const ScriptedResponse &response);
    void enqueueResponse(const ScriptedResponse &response);
    QList<ReceivedRequest> requests() const;
    qsizetype count() const;
    QSet<QByteArray> distinctHeaderValues(const QByteArray &name) const;
    void clear();
    void setCountOnly(const QByteArray &distinctHeader);
    bool waitForCount(qsizetype n, int timeoutMs = 10000) const;

private:
    std::unique_ptr<QThread> m_thread;
    HttpsReceiver *m_receiver; // lives in m_thread while it runs
    IssuedCertificate m_certificate;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace botbat::test
