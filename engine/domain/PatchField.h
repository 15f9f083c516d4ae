#pragma once

#include <cstddef>
#include <utility>

namespace botbat {

// One field of an update: absent (leave it unchanged), null (clear it) or a new value.
// std::optional cannot tell "not sent" from "sent as null", and a patch needs both.
template<typename T> class PatchField
{
public:
    PatchField() = default;
    PatchField(T value) : m_state(State::Value), m_value(std::move(value)) {}
    PatchField(std::nullptr_t) : m_state(State::Null) {}

    bool isPresent() const { return m_state != State::Absent; }
    bool isNull() const { return m_state == State::Null; }
    bool hasValue() const { return m_state == State::Value; }
    const T &value() const { return m_value; }

private:
    enum class State
    {
        Absent,
        Null,
        Value
    };
    State m_state = State::Absent;
    T m_value{};
};

} // namespace botbat
