#pragma once

#include <QHttpServerResponse>

namespace botbat {

class ApiRoutes;
class Domain;
struct ApiCall;

// Messages: send an outbound message (202, status "queued": accepted, not yet delivered), record
// an inbound one (201), mark outbound messages delivered or read (receipts arriving late or
// twice change nothing), all with messages:write; list a conversation's messages and get one
// with contacts:read (message bodies are customer data; write scopes never grant reading).
class MessageRoutes
{
public:
    static void install(ApiRoutes &api, Domain &domain);

private:
    static QHttpServerResponse send(Domain &domain, const ApiCall &call);
    static QHttpServerResponse inbound(Domain &domain, const ApiCall &call);
    static QHttpServerResponse list(Domain &domain, const ApiCall &call);
    static QHttpServerResponse get(Domain &domain, const ApiCall &call);
    static QHttpServerResponse delivered(Domain &domain, const ApiCall &call);
    static QHttpServerResponse read(Domain &domain, const ApiCall &call);
};

} // namespace botbat
