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

// Queues task on the runner thread, starting the thread on first use. Holds the lock while
// posting, so a concurrent shutdown cannot delete the target in between. False after shutdown.
template<typename Task> bool post(Task task)
{
    Runner &r = runner();
    QMutexLocker lock(&r.mutex);
    if (r.shutDown)
        return false;
    if (!r.thread) {
        r.thread = new QThread;
        r.thread->setObjectName(QStringLiteral("botbat-keychain"));
        r.context = new QObject;
        r.context->moveToThread(r.thread);
        QObject::connect(r.thread, &QThread::finished, r.context, &QObject::deleteLater);
        r.thread->start();
        qAddPostRoutine(stopRunner);
    }
    return QMetaObject::invokeMethod(r.context, std::move(task), Qt::QueuedConnection);
}

KeychainJobRunner::Outcome outcomeOf(QKeychain::Job *job)
{
    KeychainJobRunner::Outcome outcome;
    switch (job->error()) {
    case QKeychain::NoError:
        outcome.status = KeychainJobRunner::Status::Ok;
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            outcome.data = read->binaryData();
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

void finish(const std::shared_ptr<PendingJob> &pending, KeychainJobRunner::Outcome outcome)
{
    {
        QMutexLocker lock(&pending->mutex);
        pending->outcome = std::move(outcome);
        pending->done = true;
    }
    pending->finished.wakeAll();
}

// Starts job in the runner thread and hands its outcome to then, in the same thread.
template<typename Then> void launch(QKeychain::Job *job, const QString &key, Then then)
{
    // Never fall back to QSettings in plain text; we delete the job ourselves, after its
    // result has been copied out.
    job->setInsecureFallback(false);
    job->setAutoDelete(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [then = std::move(then)](QKeychain::Job *finishedJob) {
                         then(outcomeOf(finishedJob));
                         finishedJob->deleteLater();
                     });
    job->start();
}

void startJob(const std::shared_ptr<PendingJob> &pending, KeychainJobRunner::Operation operation,
              const QString &service, const QString &key, const QByteArray &data)
{
    using Operation = KeychainJobRunner::Operation;
    const auto done = [pending](KeychainJobRunner::Outcome outcome) {
        finish(pending, std::move(outcome));
    };
    switch (operation) {
    case Operation::Read:
        launch(new QKeychain::ReadPasswordJob(service), key, done);
        break;
    case Operation::Write:
    case Operation::WriteAndDelete: {
        auto *write = new QKeychain::WritePasswordJob(service);
        write->setBinaryData(data);
        if (operation == Operation::Write) {
            launch(write, key, done);
            break;
        }
        // The delete is chained here, not by the caller, so it still runs when the caller has
        // given up waiting (say, while the keyring waited to be unlocked).
        launch(write, key, [done, service, key](KeychainJobRunner::Outcome written) {
            if (written.status != KeychainJobRunner::Status::Ok) {
                done(std::move(written));
                return;
            }
            launch(new QKeychain::DeletePasswordJob(service), key, done);
        });
        break;
    }
    case Operation::Delete:
        launch(new QKeychain::DeletePasswordJob(service), key, done);
        break;
    }
}

} // namespace

KeychainJobRunner::Outcome KeychainJobRunner::run(Operation operation, const QString &service,
                                                  const QString &key, const QByteArray &data,
                                                  int timeoutMs)
{
    auto pending = std::make_shared<PendingJob>();
    const QDeadlineTimer deadline(timeoutMs);
    if (!post([=] { startJob(pending, operation, service, key, data); }))
        return {Status::ShutDown, QStringLiteral("the application is shutting down"), {}};
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
