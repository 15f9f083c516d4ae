#pragma once

namespace botbat {

class Engine;
class Router;

// GET /healthz: the engine's state, database reachability, secret store and event log head.
// 200 while running with a reachable database, 503 otherwise. Needs no authentication and
// reveals no secrets or paths.
class HealthRoutes
{
public:
    static void install(Router &router, Engine &engine);
};

} // namespace botbat
