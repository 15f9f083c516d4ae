#pragma once

#include <QByteArray>
#include <QString>

namespace botbat {

// Runs QtKeychain jobs one at a time on a single, process-wide thread ("botbat-keychain") and
// waits for them with a deadline, from any thread, with or without an event loop.
//
// Why not a local QEventLoop in the calling thread: QtKeychain queues every job through one
// global JobExecutor, a QObject that is not thread-safe and belongs to the thread that ran the
// first job. Jobs from other threads then depend on that thread's event loop to be marked
// finished, and if that thread has ended, every later job waits forever. Keeping all jobs on
// one thread that lives as long as the application avoids both problems. The thread is started
// on first use and stopped when the QCoreApplication is destroyed.
class KeychainJobRunner
{
public:
    enum class Operation
    {
        Read,
        Write,
        Delete,
        WriteAndDelete // writes data, then deletes the entry again: proves the keyring can store
    };
    enum class Status
    {
        Ok,
        NotFound,
        Failed,   // the keyring answered with an error (message in errorString)
        TimedOut, // no answer before the deadline; the job keeps running in the background
        ShutDown  // the application is being destroyed
    };
    struct Outcome
    {
        Status status = Status::Failed;
        QString errorString; // from QtKeychain / the keyring daemon; never contains the secret
        QByteArray data;     // the secret, for a successful Read
    };

    // key is the keyring entry's name within service; data is written for Operation::Write.
    static Outcome run(Operation operation, const QString &service, const QString &key,
                       const QByteArray &data, int timeoutMs);
};

} // namespace botbat
