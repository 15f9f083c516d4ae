#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace botbat {

// How a connection test resolves host names. The system's resolver by default; tests pass
// their own function, so a DNS failure is simulated without a query leaving the machine.
class DnsLookup
{
public:
    struct Answer
    {
        QList<QHostAddress> addresses;
        QString error; // set when the name did not resolve
    };
    using Done = std::function<void(const Answer &answer)>;
    // Resolves host and calls done once, in context's thread (at once or later). A done that
    // comes after the step's timeout is ignored.
    using Function = std::function<void(const QString &host, QObject *context, Done done)>;

    static Function system();
};

} // namespace botbat
