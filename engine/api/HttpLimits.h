#pragma once

#include <QtGlobal>

namespace botbat {

// Explicit limits of the engine's HTTP server. Requests past them get a JSON error (413, 431,
// 503, 408) and the connection is closed; nothing is silently dropped.
struct HttpLimits
{
    qint64 maxBodyBytes = 1024 * 1024;  // 413 past it
    int maxHeaderBytes = 16 * 1024;     // request line + headers; 431 past it
    int maxConnections = 512;           // open connections; 503 past it
    int idleTimeoutMs = 30 * 1000;      // keep-alive connections idle this long are closed
    int headerTimeoutMs = 10 * 1000;    // a request head must arrive within this (slowloris)
};

} // namespace botbat
