#include "ProbeSession.h"

#include "ConnectionProbe.h"
#include "webhooks/WebhookStore.h"
#include "webhooks/WebhookTrust.h"

#include <QSslCertificate>
#include <QThread>

namespace botbat {

namespace {

void loadEndpoint(WebhookStore &store, ProbeRequest &request)
{
    const auto endpoint = store.get(request.endpointId);
    if (!endpoint) {
        request.signingError = endpoint.error().message();
        return;
    }
    // The stored URL, so the test is of what deliveries use.
    request.url = endpoint->url;
    if (!endpoint->hasSecret)
        return;
    QString error;
    request.signingSecrets = store.signingSecrets(endpoint.value(), &error);
    if (request.signingSecrets.isEmpty())
        request.signingError =
            error.isEmpty() ? QStringLiteral("the secret store has no secret for it") : error;
}

} // namespace

ProbeSession::ProbeSession(WebhookStore &store, QStringList trustedCaFiles, QObject *parent)
    : QObject(parent), m_store(store), m_trustedCaFiles(std::move(trustedCaFiles)),
      m_thread(new QThread), m_probe(new ConnectionProbe)
{
    qRegisterMetaType<botbat::ProbeStep>();
    qRegisterMetaType<botbat::ProbeReport>();
    qRegisterMetaType<botbat::ProbeRequest>();
    m_thread->setObjectName(QStringLiteral("botbat-probe"));
    m_probe->moveToThread(m_thread);
    connect(m_probe, &ConnectionProbe::stepStarted, this, [this](const ProbeStep &step) {
        if (m_running && step.run == m_run)
            emit stepStarted(step);
    });
    connect(m_probe, &ConnectionProbe::stepFinished, this, [this](const ProbeStep &step) {
        if (m_running && step.run == m_run)
            emit stepFinished(step);
    });
    connect(m_probe, &ConnectionProbe::finished, this, [this](const ProbeReport &report) {
        if (!m_running || report.run != m_run)
            return;
        m_running = false;
        emit finished(report);
    });
    m_thread->start();
}

ProbeSession::~ProbeSession()
{
    m_probe->disconnect(this);
    // Deleted in its own thread, which then ends; the thread's database connection closes with it.
    m_probe->deleteLater();
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void ProbeSession::start(ProbeRequest request)
{
    cancel();
    m_running = true;
    const quint64 run = ++m_run;
    ConnectionProbe *probe = m_probe;
    WebhookStore *store = &m_store;
    QMetaObject::invokeMethod(
        m_probe,
        [probe, store, run, files = m_trustedCaFiles, settings = m_settings, lookup = m_lookup,
         request = std::move(request)]() mutable {
            probe->setSettings(settings);
            probe->setDnsLookup(lookup);
            probe->setTrustedCertificates(WebhookTrust::extraAuthorities(*store, files));
            if (request.endpointId != 0)
                loadEndpoint(*store, request);
            probe->start(request, run);
        },
        Qt::QueuedConnection);
}

void ProbeSession::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    QMetaObject::invokeMethod(m_probe, &ConnectionProbe::cancel, Qt::QueuedConnection);
}

} // namespace botbat
