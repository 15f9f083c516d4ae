#pragma once

#include "WebhookStoreCall.h"
#include "core/BackgroundCall.h"
#include "core/Engine.h"
#include "deliverylog/DeliveryLogStore.h"

#include <QObject>
#include <QThread>
#include <memory>
#include <type_traits>

namespace botbat {

// The Delivery Log's own reader thread (botbat-log-reader) with its own database connection, so
// paging and live rows never wait behind exports, summaries or other console work on the
// engine's worker. Started on first use; stopped (joined) when the engine stops, before the
// database goes away, and started again when it runs again.
class DeliveryLogReader : public QObject
{
    Q_OBJECT
public:
    explicit DeliveryLogReader(Engine &engine, QObject *parent = nullptr);
    ~DeliveryLogReader() override;

    // work(store) on the reader thread, then done(result) in context's thread (skipped when
    // context is gone). When the engine is not running, done gets the reason at once.
    template<typename Work, typename Done> void run(QObject *context, Work work, Done done);

    void stop();
    bool isRunning() const { return m_thread != nullptr; }

private:
    bool ensureStarted();

    Engine &m_engine;
    std::unique_ptr<QThread> m_thread;
    QObject *m_worker = nullptr; // lives in m_thread
    std::unique_ptr<DeliveryLogStore> m_store;
};

template<typename Work, typename Done>
void DeliveryLogReader::run(QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work, DeliveryLogStore &>;
    if (!ensureStarted()) {
        done(Result(WebhookStoreCall::notRunning()));
        return;
    }
    DeliveryLogStore *store = m_store.get();
    runInThreadOf(
        m_worker, context, [store, work = std::move(work)]() mutable { return work(*store); },
        std::move(done));
}

} // namespace botbat
