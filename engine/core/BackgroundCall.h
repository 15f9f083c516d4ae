#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>

namespace botbat {

// Runs work() in worker's thread, then done(result) in context's thread, skipped if context is
// gone by then. How the console does database work without blocking its event loop.
template<typename Work, typename Done>
void runInThreadOf(QObject *worker, QObject *context, Work work, Done done)
{
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        worker,
        [guard, work = std::move(work), done = std::move(done)]() mutable {
            auto result = work();
            if (guard)
                QMetaObject::invokeMethod(
                    guard.data(),
                    [done = std::move(done), result = std::move(result)]() mutable {
                        done(std::move(result));
                    },
                    Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace botbat
