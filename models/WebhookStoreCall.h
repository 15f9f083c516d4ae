#pragma once

#include "core/Engine.h"
#include "domain/DomainResult.h"
#include "webhooks/WebhookStore.h"

#include <type_traits>

namespace botbat {

// How the console's webhook models call the WebhookStore: work(store) runs on the engine's
// worker thread (never the GUI thread), done(result) back in context's thread, skipped if
// context is gone. When the engine is not running, done gets the reason at once instead.
class WebhookStoreCall
{
public:
    template<typename Work, typename Done>
    static void run(Engine &engine, QObject *context, Work work, Done done)
    {
        using Result = std::invoke_result_t<Work, WebhookStore &>;
        if (engine.status().state != EngineState::Running) {
            done(Result(notRunning()));
            return;
        }
        WebhookStore *store = &engine.webhooks();
        engine.runInBackground(
            context, [store, work = std::move(work)]() mutable { return work(*store); },
            std::move(done));
    }

    // "The engine is not running…", with what to do.
    static DomainError notRunning();
};

} // namespace botbat
