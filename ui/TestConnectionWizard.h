#pragma once

#include "probe/ProbeRequest.h"

#include <QWizard>

namespace botbat {

class ClipboardGuard;
class Engine;
class ProbeSession;
class TestConnectionAuthPage;
class TestConnectionHeadersPage;
class TestConnectionPayloadPage;
class TestConnectionResultPage;
class TestConnectionRunPage;
class TestConnectionTargetPage;

// Test Connection: checks in one pass whether an endpoint (an existing webhook, or a new URL)
// can receive BotBat's requests, and if not, why: choose the target, the authentication, extra
// headers and a sample payload, then watch each step run (URL, DNS, TCP, TLS, signature, HTTP)
// with the diagnosis and fix of the one that fails. A new URL that passes can be saved as a
// webhook in one click. The probing runs in the engine's ProbeSession thread, never here, and
// credentials typed in the wizard are kept only in its fields.
class TestConnectionWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        TargetPageId,
        AuthPageId,
        HeadersPageId,
        PayloadPageId,
        RunPageId,
        ResultPageId
    };

    // endpointId: an existing webhook to preselect; 0 starts with a new URL (or the first
    // endpoint, when there are some).
    explicit TestConnectionWizard(Engine &engine, qint64 endpointId = 0, QWidget *parent = nullptr);
    ~TestConnectionWizard() override;

    // The request the pages describe.
    ProbeRequest request() const;

    ProbeSession &session() const { return *m_session; }
    ClipboardGuard &clipboardGuard() const { return *m_clipboard; }
    TestConnectionTargetPage *targetPage() const { return m_target; }
    TestConnectionAuthPage *authPage() const { return m_auth; }
    TestConnectionHeadersPage *headersPage() const { return m_headers; }
    TestConnectionPayloadPage *payloadPage() const { return m_payload; }
    TestConnectionRunPage *runPage() const { return m_run; }
    TestConnectionResultPage *resultPage() const { return m_result; }

signals:
    // Save as Webhook created this endpoint.
    void webhookSaved(qint64 endpointId);

protected:
    void done(int result) override;

private:
    ProbeSession *m_session;
    ClipboardGuard *m_clipboard;
    TestConnectionTargetPage *m_target;
    TestConnectionAuthPage *m_auth;
    TestConnectionHeadersPage *m_headers;
    TestConnectionPayloadPage *m_payload;
    TestConnectionRunPage *m_run;
    TestConnectionResultPage *m_result;
};

} // namespace botbat
