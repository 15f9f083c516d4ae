#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace botbat::test {

// What a receiver answers to one request. The receiver adds Content-Length (except for 1xx, 204
// and 304) and Connection: close when it closes; anything else, such as Retry-After or
// Location, goes in headers.
struct ScriptedResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0;                 // counted from when the request arrived
    bool closeWithoutAnswer = false; // after delayMs, close the connection instead of answering
};

} // namespace botbat::test
