#pragma once

#include <QHttpServerResponse>

namespace botbat {

class ApiRoutes;
class Domain;
struct ApiCall;

// /v1/campaigns: create, get, list, start (scheduled -> sending) and complete, all with
// campaigns:write. There is no campaigns:read scope, and campaigns hold no customer data, so the
// scope that manages campaigns also lists them.
class CampaignRoutes
{
public:
    static void install(ApiRoutes &api, Domain &domain);

private:
    static QHttpServerResponse create(Domain &domain, const ApiCall &call);
    static QHttpServerResponse get(Domain &domain, const ApiCall &call);
    static QHttpServerResponse list(Domain &domain, const ApiCall &call);
    static QHttpServerResponse start(Domain &domain, const ApiCall &call);
    static QHttpServerResponse complete(Domain &domain, const ApiCall &call);
};

} // namespace botbat
