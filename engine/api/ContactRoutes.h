#pragma once

#include <QHttpServerResponse>

namespace botbat {

class ApiRoutes;
class Domain;
struct ApiCall;

// /v1/contacts: create, get, update (PATCH: absent fields stay, null clears), delete, list, and
// upsert by email (PUT /v1/contacts/by-email/{email}: 201 created, 200 updated or unchanged).
// Reading needs contacts:read, every change contacts:write.
class ContactRoutes
{
public:
    static void install(ApiRoutes &api, Domain &domain);

private:
    static QHttpServerResponse create(Domain &domain, const ApiCall &call);
    static QHttpServerResponse get(Domain &domain, const ApiCall &call);
    static QHttpServerResponse update(Domain &domain, const ApiCall &call);
    static QHttpServerResponse remove(Domain &domain, const ApiCall &call);
    static QHttpServerResponse list(Domain &domain, const ApiCall &call);
    static QHttpServerResponse upsert(Domain &domain, const ApiCall &call);
};

} // namespace botbat
