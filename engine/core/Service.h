#pragma once

#include <QObject>
#include <QString>

namespace botbat {

// A long-lived engine service. WorkerThread calls start() and stop() inside the service's own
// thread, so everything the service creates there (sockets, timers, database connections)
// belongs to that thread.
class Service : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual bool start(QString *error) = 0;
    virtual void stop() = 0;
};

} // namespace botbat
