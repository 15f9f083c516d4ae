#pragma once

namespace botbat {

class ApiRoutes;
class Domain;
class WebhookStore;

// Every /v1 resource route of the REST API, in one list: the Engine installs it, and the OpenAPI
// test installs the same list to check that the document describes each route. A new route
// module is added here.
class ResourceRoutes
{
public:
    static void install(ApiRoutes &api, Domain &domain, WebhookStore &webhooks);
};

} // namespace botbat
