#include "WorkerThread.h"

#include "Service.h"

#include <QThread>

namespace botbat {

WorkerThread::WorkerThread(const QString &name, Service *service)
    : m_name(name), m_thread(std::make_unique<QThread>()), m_service(service)
{
    m_thread->setObjectName(name); // becomes the OS thread name, visible in top and gdb
    m_service->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_service, &QObject::deleteLater);
}

WorkerThread::~WorkerThread()
{
    stop();
    if (!m_started)
        delete m_service; // never ran: nobody else will delete it
}

bool WorkerThread::start(QString *error)
{
    m_thread->start();
    m_started = true;
    bool ok = false;
    QString reason;
    QMetaObject::invokeMethod(
        m_service, [&] { ok = m_service->start(&reason); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        *error = reason;
        stop();
    }
    return ok;
}

void WorkerThread::stop()
{
    if (!m_thread->isRunning())
        return;
    QMetaObject::invokeMethod(m_service, [this] { m_service->stop(); },
                              Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

bool WorkerThread::isRunning() const
{
    return m_thread->isRunning();
}

} // namespace botbat
