#pragma once

#include "HttpLimits.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>

class QTcpSocket;
class QTimer;

namespace botbat {

// Watches one connection's bytes before Qt's HTTP parser sees them (it is connected to
// readyRead first) and enforces HttpLimits: it frames requests itself (Content-Length and
// chunked bodies), answers 431/413/400/408 in JSON and closes the connection, and closes idle
// keep-alive connections. Qt 6.4's QAbstractHttpServer has none of these limits and would
// buffer any body in memory.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits);

    static QByteArray errorResponse(int status, const QByteArray &reason, const QString &code,
                                    const QString &message);

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Rejected };

    void onReadyRead();
    void scan(const QByteArray &data);
    bool finishHead();
    void reject(int status, const QByteArray &reason, const QString &code, const QString &message);
    void onIdle();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    QTimer *m_idle; // checks now and then; restarting a timer on every read would cost more
    QElapsedTimer m_sinceActivity;
    QElapsedTimer m_sinceRequestStart; // valid while a request is arriving
    State m_state = State::Head;
    QByteArray m_line; // head bytes, or the current chunk-size / trailer line
    qint64 m_remaining = 0; // body or chunk bytes still to come
    qint64 m_bodyBytes = 0; // body bytes of the current request so far
};

} // namespace botbat
