#pragma once

#include "HttpRequestParser.h"
#include "ScriptedResponse.h"

#include <QElapsedTimer>
#include <QObject>
#include <QQueue>
#include <QTimer>

class QSslSocket;

namespace botbat::test {

class RequestLog;
class ResponseScript;

// One accepted TLS connection of an HttpsReceiver: records each request as it is parsed and
// answers in request order, as HTTP/1.1 requires of pipelined requests. A delayed answer holds
// back later answers on this connection only; other connections have their own timers.
class ReceiverConnection : public QObject
{
    Q_OBJECT
public:
    ReceiverConnection(QSslSocket *socket, quint64 id, RequestLog &log, ResponseScript &script,
                       QObject *parent);

private:
    struct PendingAnswer
    {
        ScriptedResponse response;
        qint64 dueMs = 0; // on m_clock
        bool close = false;
        bool omitBody = false; // HEAD
    };

    void readRequests();
    void sendDueAnswers();
    void closeConnection();

    QSslSocket *m_socket;
    const quint64 m_id;
    RequestLog &m_log;
    ResponseScript &m_script;
    HttpRequestParser m_parser;
    QByteArray m_buffer;
    QQueue<PendingAnswer> m_pending;
    QElapsedTimer m_clock;
    QTimer m_delayTimer;
    bool m_closing = false;
};

} // namespace botbat::test
