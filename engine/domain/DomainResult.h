#pragma once

#include "DomainError.h"

#include <QtGlobal>
#include <optional>

namespace botbat {

// The outcome of a domain operation: a value, or the DomainError that says why there is none.
// Check ok() before value(); error() is only meaningful when ok() is false.
template<typename T> class DomainResult
{
public:
    DomainResult(T value) : m_value(std::move(value)) {}
    DomainResult(DomainError error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const &
    {
        Q_ASSERT(m_value);
        return *m_value;
    }
    T &&value() &&
    {
        Q_ASSERT(m_value);
        return std::move(*m_value);
    }
    const T *operator->() const { return &value(); }
    const DomainError &error() const
    {
        Q_ASSERT(m_error);
        return *m_error;
    }

private:
    std::optional<T> m_value;
    std::optional<DomainError> m_error;
};

} // namespace botbat
