#pragma once

namespace botbat {

// What the rules of a change decided about the row they were shown (see DomainTable::change).
enum class RowChange
{
    Changed,  // the rules changed the row: store it and record the event
    Unchanged // the change has already happened: return the row as it is, no write, no event
};

} // namespace botbat
