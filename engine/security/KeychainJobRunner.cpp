#include "KeychainJobRunner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <memory>
#include <qt6keychain/keychain.h>

namespace botbat {

namespace {

// Shared between the caller, who may give up, and the job, which may finish later.
struct PendingJob
{
    QMutex mutex;
    QWaitCondition finished;
    bool done = false;
    KeychainJobRunner::Outcome outcome;
};

struct Runner
{
    QMutex mutex;
    QThread *thread = nullptr;
    QObject *context = nullptr; // lives in thread; jobs are created through it
    bool shutDown = false;
};

Runner &runner()
{
    static Runner instance;
    return instance;
}

void stopRunner()
{
    Runner &r = runner();
    QMutexLocker lock(&r.mutex);
    r.shutDown = true;
    if (!r.thread)
        return;
    r.thread->quit();
    // Jobs are asynchronous, so the thread's event loop is never blocked and quits at once.
    r.thread->wait();
    delete r.thread;
    r.thread = nullptr;
    r.context = nullptr; // deleted in its thread when the thread finished
}

// The thread's context object, starting the thread on first use; null after shutdown.
QObject *context()
{
    Runner &r = runner();
    QMutexLocker lock(&r.mutex);
    if (r.shutDown)
        return nullptr;
    if (!r.thread) {
        r.thread = new QThread;
        r.thread->setObjectName(QStringLiteral("botbat-keychain"));
        r.context = new QObject;
        r.context->moveToThread(r.thread);
        QObject::connect(r.thread, &QThread::finished, r.context, &QObject::deleteLater);
        r.thread->start();
        qAddPostRoutine(stopRunner);
    }
    return r.context;
}

KeychainJobRunner::Outcome outcomeOf(QKeychain::Job *job, KeychainJobRunner::Operation operation)
{
    KeychainJobRunner::Outcome outcome;
    switch (job->error()) {
    case QKeychain::NoError:
        outcome.status = KeychainJobRunner::Status::Ok;
        if (operation == KeychainJobRunner::Operation::Read)
            outcome.data = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
        break;
    case QKeychain::EntryNotFound:
        outcome.status = KeychainJobRunner::Status::NotFound;
        break;
    default:
        outcome.status = KeychainJobRunner::Status::Failed;
        outcome.errorString = job->errorString();
        if (outcome.errorString.isEmpty())
            outcome.errorString = QStringLiteral("QtKeychain error %1").arg(int(job->error()));
        break;
    }
    return outcome;
}

void startJob(const std::shared_ptr<PendingJob> &pending, KeychainJobRunner::Operation operation,
              const QString &service, const QString &key, const QByteArray &data)
{
    QKeychain::Job *job = nullptr;
    switch (operation) {
    case KeychainJobRunner::Operation::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case KeychainJobRunner::Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(service);
        write->setBinaryData(data);
        job = write;
        break;
    }
    case KeychainJobRunner::Operation::Delete:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    // Never fall back to QSettings in plain text; we delete the job ourselves, after its
    // result has been copied out.
    job->setInsecureFallback(false);
    job->setAutoDelete(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [pending, operation](QKeychain::Job *finishedJob) {
                         KeychainJobRunner::Outcome outcome = outcomeOf(finishedJob, operation);
                         {
                             QMutexLocker lock(&pending->mutex);
                             pending->outcome = std::move(outcome);
                             pending->done = true;
                         }
                         pending->finished.wakeAll();
                         finishedJob->deleteLater();
                     });
    job->start();
}

} // namespace

KeychainJobRunner::Outcome KeychainJobRunner::run(Operation operation, const QString &service,
                                                  const QString &key, const QByteArray &data,
                                                  int timeoutMs)
{
    QObject *target = context();
    if (!target)
        return {Status::ShutDown, QStringLiteral("the application is shutting down"), {}};
    auto pending = std::make_shared<PendingJob>();
    QDeadlineTimer deadline(timeoutMs);
    QMetaObject::invokeMethod(
        target, [=] { startJob(pending, operation, service, key, data); }, Qt::QueuedConnection);
    QMutexLocker lock(&pending->mutex);
    while (!pending->done) {
        if (!pending->finished.wait(&pending->mutex, deadline))
            break;
    }
    if (!pending->done)
        return {Status::TimedOut, {}, {}};
    return std::move(pending->outcome);
}

} // namespace botbat
