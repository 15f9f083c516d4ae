#include "DnsLookup.h"

#include <QHostInfo>

namespace botbat {

DnsLookup::Function DnsLookup::system()
{
    return [](const QString &host, QObject *context, Done done) {
        QHostInfo::lookupHost(host, context, [done = std::move(done)](const QHostInfo &info) {
            Answer answer;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
                answer.error = info.errorString();
            else
                answer.addresses = info.addresses();
            done(answer);
        });
    };
}

} // namespace botbat
