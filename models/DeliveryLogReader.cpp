#include "DeliveryLogReader.h"

namespace botbat {

DeliveryLogReader::DeliveryLogReader(Engine &engine, QObject *parent)
    : QObject(parent), m_engine(engine)
{
    // Direct: the engine announces Stopping before it closes the database.
    connect(&engine, &Engine::statusChanged, this, [this](const EngineStatus &status) {
        if (status.state != EngineState::Running)
            stop();
    });
}

DeliveryLogReader::~DeliveryLogReader()
{
    stop();
}

bool DeliveryLogReader::ensureStarted()
{
    if (m_thread)
        return true;
    if (m_engine.status().state != EngineState::Running)
        return false;
    m_store = std::make_unique<DeliveryLogStore>(m_engine.database());
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("botbat-log-reader"));
    m_worker = new QObject;
    m_worker->moveToThread(m_thread.get());
    m_thread->start();
    return true;
}

void DeliveryLogReader::stop()
{
    if (!m_thread)
        return;
    // Work already queued is dropped with the worker; its callers get no answer and are reset
    // when the engine runs again.
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    m_worker = nullptr;
    m_thread.reset(); // its connection was closed as the thread finished
    m_store.reset();
}

} // namespace botbat
