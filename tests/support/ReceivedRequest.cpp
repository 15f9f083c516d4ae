#include "ReceivedRequest.h"

namespace botbat::test {

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &header : headers)
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    return {};
}

} // namespace botbat::test
