#pragma once

namespace botbat {

class Engine;

// Runs the engine without a window until SIGTERM/SIGINT/SIGHUP, then stops it cleanly.
class HeadlessRunner
{
public:
    static int run(Engine &engine);
};

} // namespace botbat
