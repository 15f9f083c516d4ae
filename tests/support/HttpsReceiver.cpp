#include "HttpsReceiver.h"

#include "ReceiverConnection.h"

#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>

namespace botbat::test {

HttpsReceiver::HttpsReceiver(QObject *parent) : QObject(parent) {}

HttpsReceiver::~HttpsReceiver()
{
    close(); // connections hold references to m_log and m_script: they go first
}

void HttpsReceiver::setCertificate(const IssuedCertificate &certificate)
{
    m_certificate = certificate;
}

bool HttpsReceiver::listen(quint16 port)
{
    if (m_certificate.certificate.isNull() || m_certificate.key.isNull()) {
        m_error =
            QStringLiteral("No certificate: call setCertificate() with one from TestCa first.");
        return false;
    }
    close();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(m_certificate.certificate);
    configuration.setPrivateKey(m_certificate.key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);

    m_server = new QSslServer(this);
    m_server->setSslConfiguration(configuration);
    // Bursts of concurrent clients (benchmarks) must queue, not be refused.
    m_server->setListenBacklogSize(1024);
    m_server->setMaxPendingConnections(1024);
    // QSslServer queues a socket once its handshake is done and then emits only
    // pendingConnectionAvailable; newConnection fires at accept time, when the queue can still
    // be empty, and waiting for it alone leaves a client hanging until another one connects.
    connect(m_server, &QSslServer::pendingConnectionAvailable, this,
            &HttpsReceiver::acceptConnections);
    if (!m_server->listen(QHostAddress(QHostAddress::LocalHost), port)) {
        m_error = QStringLiteral("Cannot listen on 127.0.0.1:%1: %2")
                      .arg(port)
                      .arg(m_server->errorString());
        close();
        return false;
    }
    m_port = m_server->serverPort();
    m_error.clear();
    return true;
}

void HttpsReceiver::close()
{
    const QList<ReceiverConnection *> connections =
        findChildren<ReceiverConnection *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(connections);
    // Deleting the server also deletes sockets still in their handshake, in this thread.
    delete m_server;
    m_server = nullptr;
    m_port = 0;
}

QUrl HttpsReceiver::url(const QString &path) const
{
    return QUrl(QStringLiteral("https://localhost:") + QString::number(m_port) + path);
}

void HttpsReceiver::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection())
        new ReceiverConnection(static_cast<QSslSocket *>(socket), m_nextConnectionId++, m_log,
                               m_script, this);
}

void HttpsReceiver::setDefaultResponse(const ScriptedResponse &response)
{
    m_script.setDefault(response);
}

void HttpsReceiver::enqueueResponse(const ScriptedResponse &response)
{
    m_script.enqueue(response);
}

QList<ReceivedRequest> HttpsReceiver::requests() const
{
    return m_log.requests();
}

qsizetype HttpsReceiver::count() const
{
    return m_log.count();
}

QSet<QByteArray> HttpsReceiver::distinctHeaderValues(const QByteArray &name) const
{
    return m_log.distinctHeaderValues(name);
}

void HttpsReceiver::clear()
{
    m_log.clear();
}

void HttpsReceiver::setCountOnly(const QByteArray &distinctHeader)
{
    m_log.setCountOnly(distinctHeader);
}

bool HttpsReceiver::waitForCount(qsizetype n, int timeoutMs) const
{
    return m_log.waitForCount(n, timeoutMs);
}

} // namespace botbat::test
