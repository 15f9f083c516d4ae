#include "HttpRequestParser.h"

namespace botbat::test {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// Whether a comma-separated header value such as "keep-alive, Upgrade" holds token.
bool hasToken(const QByteArray &value, const QByteArray &token)
{
    for (const QByteArray &part : value.split(','))
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

HttpRequestParser::Status HttpRequestParser::parse(const QByteArray &buffer, qsizetype offset)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n", offset);
    if (headerEnd < 0 ? buffer.size() - offset > kMaxHeaderBytes
                      : headerEnd - offset > kMaxHeaderBytes)
        return malformed(431, QByteArrayLiteral("request header block too large"));
    if (headerEnd < 0)
        return Status::Incomplete;

    ReceivedRequest request;
    const qsizetype lineEnd = buffer.indexOf("\r\n", offset);
    const qsizetype firstSpace = buffer.indexOf(' ', offset);
    const qsizetype lastSpace = buffer.lastIndexOf(' ', lineEnd);
    if (firstSpace <= offset || lastSpace <= firstSpace + 1 || lastSpace >= lineEnd)
        return malformed(400, QByteArrayLiteral("malformed request line"));
    request.method = buffer.mid(offset, firstSpace - offset);
    request.path = buffer.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArray version = buffer.mid(lastSpace + 1, lineEnd - lastSpace - 1);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return malformed(400, QByteArrayLiteral("unsupported HTTP version"));

    qsizetype contentLength = 0;
    bool sawContentLength = false;
    QByteArray connection;
    for (qsizetype position = lineEnd + 2; position < headerEnd + 2;) {
        const qsizetype end = buffer.indexOf("\r\n", position);
        const qsizetype colon = buffer.indexOf(':', position);
        if (colon <= position || colon > end || isSpace(buffer.at(position)) ||
            isSpace(buffer.at(colon - 1)))
            return malformed(400, QByteArrayLiteral("malformed header line"));
        qsizetype valueStart = colon + 1;
        qsizetype valueEnd = end;
        while (valueStart < valueEnd && isSpace(buffer.at(valueStart)))
            ++valueStart;
        while (valueEnd > valueStart && isSpace(buffer.at(valueEnd - 1)))
            --valueEnd;
        QByteArray name = buffer.mid(position, colon - position);
        QByteArray value = buffer.mid(valueStart, valueEnd - valueStart);

        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qlonglong length = value.toLongLong(&ok);
            if (!ok || length < 0 || (sawContentLength && length != contentLength))
                return malformed(400, QByteArrayLiteral("invalid Content-Length"));
            if (length > kMaxBodyBytes)
                return malformed(413, QByteArrayLiteral("body too large"));
            contentLength = qsizetype(length);
            sawContentLength = true;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            return malformed(501, QByteArrayLiteral("Transfer-Encoding is not supported"));
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            connection = value;
        }
        request.headers.append({std::move(name), std::move(value)});
        position = end + 2;
    }

    const qsizetype bodyStart = headerEnd + 4;
    if (buffer.size() - bodyStart < contentLength)
        return Status::Incomplete;
    request.body = buffer.mid(bodyStart, contentLength);

    m_keepAlive = version == "HTTP/1.1" ? !hasToken(connection, QByteArrayLiteral("close"))
                                        : hasToken(connection, QByteArrayLiteral("keep-alive"));
    m_consumed = bodyStart + contentLength - offset;
    m_request = std::move(request);
    return Status::Complete;
}

HttpRequestParser::Status HttpRequestParser::malformed(int status, const QByteArray &reason)
{
    m_errorStatus = status;
    m_errorReason = reason;
    return Status::Malformed;
}

} // namespace botbat::test
