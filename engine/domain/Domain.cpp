#include "Domain.h"

namespace botbat {

Domain::Domain(Database &database, EventBus &bus, const Clock &clock, QString defaultPhoneRegion)
    : m_database(database), m_bus(bus), m_clock(clock),
      m_defaultPhoneRegion(std::move(defaultPhoneRegion))
{
}

} // namespace botbat
