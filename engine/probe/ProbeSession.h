#pragma once

#include "DnsLookup.h"
#include "ProbeReport.h"
#include "ProbeRequest.h"
#include "ProbeSettings.h"
#include "ProbeStep.h"

#include <QObject>
#include <QStringList>

class QThread;

namespace botbat {

class ConnectionProbe;
class WebhookStore;

// Runs connection tests for the console without a socket or a query in the caller's thread: a
// ConnectionProbe in a thread of its own ("botbat-probe"), which first reads what the test
// needs from the store there (the trusted certificates, and for an existing endpoint its URL
// and signing secrets) and then probes. The caller sees the probe's signals, queued, as
// values. One test at a time; start() again drops the running one.
class ProbeSession : public QObject
{
    Q_OBJECT
public:
    // trustedCaFiles: the engine's --trusted-ca files, trusted like the stored certificates.
    ProbeSession(WebhookStore &store, QStringList trustedCaFiles, QObject *parent = nullptr);
    ~ProbeSession() override;

    // Take effect from the next start().
    void setSettings(const ProbeSettings &settings) { m_settings = settings; }
    const ProbeSettings &settings() const { return m_settings; }
    void setDnsLookup(DnsLookup::Function lookup) { m_lookup = std::move(lookup); }

    // Begins a test; a running one is cancelled first, and nothing more is heard from it.
    void start(ProbeRequest request);
    // Ends the running test; nothing more is heard from it.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void stepStarted(const botbat::ProbeStep &step);
    void stepFinished(const botbat::ProbeStep &step);
    void finished(const botbat::ProbeReport &report);

private:
    WebhookStore &m_store;
    QStringList m_trustedCaFiles;
    ProbeSettings m_settings;
    DnsLookup::Function m_lookup;
    QThread *m_thread;
    ConnectionProbe *m_probe; // lives in m_thread
    bool m_running = false;
    // The run whose signals are passed on; a cancelled run's late ones carry an older number.
    quint64 m_run = 0;
};

} // namespace botbat
