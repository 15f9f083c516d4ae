#pragma once

#include <QString>
#include <memory>

class QThread;

namespace botbat {

class Service;

// Owns one named QThread and the service living in it. stop() (also run by the destructor)
// stops the service in its thread, quits and joins the thread, and deletes the service there.
class WorkerThread
{
public:
    WorkerThread(const QString &name, Service *service);
    ~WorkerThread();
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    bool start(QString *error);
    void stop();
    bool isRunning() const;
    Service *service() const { return m_service; }
    QString name() const { return m_name; }

private:
    QString m_name;
    std::unique_ptr<QThread> m_thread;
    Service *m_service;
    bool m_started = false;
};

} // namespace botbat
