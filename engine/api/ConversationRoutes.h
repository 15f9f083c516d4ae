#pragma once

#include <QHttpServerResponse>

namespace botbat {

class ApiRoutes;
class Domain;
struct ApiCall;

// /v1/conversations: open (conversations:write), close (conversations:write; closing a closed
// conversation answers 200 without a second event), get and list with an optional contact_id
// filter (contacts:read: a conversation is customer data, and write scopes never grant reading).
class ConversationRoutes
{
public:
    static void install(ApiRoutes &api, Domain &domain);

private:
    static QHttpServerResponse create(Domain &domain, const ApiCall &call);
    static QHttpServerResponse get(Domain &domain, const ApiCall &call);
    static QHttpServerResponse close(Domain &domain, const ApiCall &call);
    static QHttpServerResponse list(Domain &domain, const ApiCall &call);
};

} // namespace botbat
