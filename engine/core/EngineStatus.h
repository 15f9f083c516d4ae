#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace botbat {

enum class EngineState { Stopped, Starting, Running, Stopping, Failed };

// What the status bar, /healthz and --headless report. A value type: safe to copy across threads.
struct EngineStatus
{
    EngineState state = EngineState::Stopped;
    QString message; // why it failed, or what it is doing
    QString httpAddress; // "127.0.0.1:8420" once listening
    QString httpUrl;     // "http://127.0.0.1:8420" or "https://..." with TLS
    QString databaseBackend; // "SQLite" / "PostgreSQL"
    QString databaseLocation; // path or user@host:port/db, never a password
    QString secretStoreBackend;
    bool secretStoreAvailable = false;
    QString secretStoreProblem;
    QDateTime startedAt;

    static QString stateKey(EngineState state); // "running", ...
    static QString stateTitle(EngineState state); // "Running", ...
};

} // namespace botbat

Q_DECLARE_METATYPE(botbat::EngineStatus)
