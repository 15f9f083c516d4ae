#include "ThreadedHttpsReceiver.h"

#include "HttpsReceiver.h"

#include <QThread>

namespace botbat::test {

ThreadedHttpsReceiver::ThreadedHttpsReceiver()
    : m_thread(std::make_unique<QThread>()), m_receiver(new HttpsReceiver)
{
    // Not "botbat-": engine tests count the engine's threads by that prefix.
    m_thread->setObjectName(QStringLiteral("test-receiver"));
    m_receiver->moveToThread(m_thread.get());
}

ThreadedHttpsReceiver::~ThreadedHttpsReceiver()
{
    stop();
    // The thread has ended and close() released every socket and timer there, so nothing of
    // the receiver is bound to a running thread any more.
    delete m_receiver;
}

void ThreadedHttpsReceiver::setCertificate(const IssuedCertificate &certificate)
{
    m_certificate = certificate;
}

bool ThreadedHttpsReceiver::start(quint16 port)
{
    if (m_thread->isRunning()) {
        m_error = QStringLiteral("Already started.");
        return false;
    }
    m_thread->start();
    bool ok = false;
    QMetaObject::invokeMethod(
        m_receiver,
        [&] {
            m_receiver->setCertificate(m_certificate);
            ok = m_receiver->listen(port);
            m_port = m_receiver->port();
            m_error = m_receiver->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void ThreadedHttpsReceiver::stop()
{
    if (!m_thread->isRunning())
        return;
    QMetaObject::invokeMethod(
        m_receiver, [this] { m_receiver->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_port = 0;
}

QUrl ThreadedHttpsReceiver::url(const QString &path) const
{
    return QUrl(QStringLiteral("https://localhost:") + QString::number(m_port) + path);
}

void ThreadedHttpsReceiver::setDefaultResponse(const ScriptedResponse &response)
{
    m_receiver->setDefaultResponse(response);
}

void ThreadedHttpsReceiver::enqueueResponse(const ScriptedResponse &response)
{
    m_receiver->enqueueResponse(response);
}

QList<ReceivedRequest> ThreadedHttpsReceiver::requests() const
{
    return m_receiver->requests();
}

qsizetype ThreadedHttpsReceiver::count() const
{
    return m_receiver->count();
}

QSet<QByteArray> ThreadedHttpsReceiver::distinctHeaderValues(const QByteArray &name) const
{
    return m_receiver->distinctHeaderValues(name);
}

void ThreadedHttpsReceiver::clear()
{
    m_receiver->clear();
}

void ThreadedHttpsReceiver::setCountOnly(const QByteArray &distinctHeader)
{
    m_receiver->setCountOnly(distinctHeader);
}

bool ThreadedHttpsReceiver::waitForCount(qsizetype n, int timeoutMs) const
{
    return m_receiver->waitForCount(n, timeoutMs);
}

} // namespace botbat::test
