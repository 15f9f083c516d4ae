#include "EventBus.h"

namespace botbat {

void EventBus::announce(const QList<Event> &committed)
{
    if (!committed.isEmpty())
        emit eventsPersisted(committed);
}

} // namespace botbat
