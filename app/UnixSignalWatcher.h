#pragma once

#include <QObject>

class QSocketNotifier;

namespace botbat {

// Turns SIGTERM/SIGINT/SIGHUP into a Qt signal in the main thread (self-pipe), so the engine
// stops through its normal path instead of dying mid-write.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void stopRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace botbat
