#pragma once

#include <QByteArray>

namespace botbat {

class ApiRoutes;

// GET /v1/openapi.json: the OpenAPI 3.0 document of the REST API (engine/api/openapi.json,
// compiled in as a Qt resource). Like every /v1 endpoint it needs a valid API key, though no
// particular scope: API docs are often public, but the API's rule is simpler to state and to
// audit when nothing under /v1 answers without a key.
class OpenApiRoutes
{
public:
    static void install(ApiRoutes &api);
    // The document's bytes exactly as served.
    static QByteArray document();
};

} // namespace botbat
