#pragma once

#include <QDateTime>
#include <optional>

namespace botbat {

// One page of a list, in ascending id order: the rows after cursor (0 = from the start).
struct PageQuery
{
    static constexpr int kDefaultLimit = 50;
    static constexpr int kMaxLimit = 500;

    qint64 cursor = 0;                     // Page::nextCursor of the previous page
    int limit = kDefaultLimit;             // 1..kMaxLimit
    std::optional<QDateTime> updatedSince; // only rows with updated_at >= this
};

} // namespace botbat
