#pragma once

#include <QString>

namespace botbat {

class Clock;
class Database;
class EventBus;

// The BotBat domain: contacts, conversations, messages, campaigns. Validates input, writes the
// change and its event in one transaction. Callable from any thread.
class Domain
{
public:
    Domain(Database &database, EventBus &bus, const Clock &clock, QString defaultPhoneRegion);

private:
    Database &m_database;
    EventBus &m_bus;
    const Clock &m_clock;
    QString m_defaultPhoneRegion;
};

} // namespace botbat
