#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace botbat::test {

// One HTTP request as a receiver saw it: headers keep their original case and order.
struct ReceivedRequest
{
    QByteArray method;
    QByteArray path; // the request target as sent, query included
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QDateTime receivedAt;
    quint64 connectionId = 0; // the same for requests that shared a keep-alive connection

    // The first header of that name, compared case-insensitively; empty if absent.
    QByteArray header(const QByteArray &name) const;
};

} // namespace botbat::test
