#pragma once

#include "ReceivedRequest.h"

#include <QByteArray>

namespace botbat::test {

// Cuts HTTP/1.x requests with Content-Length bodies out of a connection's byte stream, one at a
// time, so keep-alive and pipelined requests come out in order. Chunked bodies are refused:
// nothing the tests drive sends them.
class HttpRequestParser
{
public:
    enum class Status
    {
        Incomplete,
        Complete,
        Malformed
    };

    // Looks for one request starting at buffer[offset]. After Complete, request(), consumed() and
    // keepAlive() describe it; after Malformed, errorStatus() and errorReason() say why.
    Status parse(const QByteArray &buffer, qsizetype offset);

    ReceivedRequest takeRequest() { return std::move(m_request); }
    qsizetype consumed() const { return m_consumed; }
    bool keepAlive() const { return m_keepAlive; }
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorReason() const { return m_errorReason; }

    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;

private:
    Status malformed(int status, const QByteArray &reason);

    ReceivedRequest m_request;
    qsizetype m_consumed = 0;
    bool m_keepAlive = true;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};

} // namespace botbat::test
