#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>

namespace botbat {

// The figures over every row a Delivery Log filter matches: counts, success rate, p95 response
// time, and successes and failures per time bucket for the chart.
struct DeliveryLogSummary
{
    struct Bucket
    {
        QDateTime start;
        qint64 succeeded = 0;
        qint64 failed = 0;
    };

    qint64 attempts = 0;
    qint64 deliveries = 0; // distinct deliveries among them
    qint64 succeeded = 0;
    int p95Ms = 0;
    QDateTime first;
    QDateTime last;
    qint64 bucketMs = 0;
    QList<Bucket> buckets; // oldest first, evenly spaced from first

    double successRate() const { return attempts > 0 ? double(succeeded) / double(attempts) : 0; }
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::DeliveryLogSummary)
