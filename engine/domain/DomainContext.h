#pragma once

#include <QString>

namespace botbat {

class Clock;
class Database;
class EventBus;

// What every part of the domain works with; owned by Domain, shared by reference.
struct DomainContext
{
    Database &database;
    EventBus &bus;
    const Clock &clock;
    QString defaultPhoneRegion;
};

} // namespace botbat
