#pragma once

#include "Event.h"

#include <QObject>

namespace botbat {

// Announces events after their rows are committed. Emitting is thread-safe; consumers in
// other threads connect with a queued connection and, after a restart, catch up with
// EventStore::since(lastSeenId) instead of relying on these signals.
class EventBus : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void announce(const QList<Event> &committed);

signals:
    void eventsPersisted(const QList<botbat::Event> &events);
};

} // namespace botbat
