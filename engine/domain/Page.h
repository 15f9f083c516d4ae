#pragma once

#include <QList>
#include <optional>

namespace botbat {

// One page of a list. nextCursor is set when more rows follow: pass it as PageQuery::cursor.
template<typename T> struct Page
{
    QList<T> items;
    std::optional<qint64> nextCursor;
};

} // namespace botbat
