#pragma once

#include <QJsonObject>
#include <QString>

namespace botbat {

// Realistic example entity snapshots for Send Test, one per event type, in the same shape the
// real events carry.
class SamplePayloads
{
public:
    static QJsonObject data(const QString &eventType);
};

} // namespace botbat
