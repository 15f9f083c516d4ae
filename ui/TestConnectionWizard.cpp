#include "TestConnectionWizard.h"

#include "ClipboardGuard.h"
#include "Icons.h"
#include "TestConnectionAuthPage.h"
#include "TestConnectionHeadersPage.h"
#include "TestConnectionPayloadPage.h"
#include "TestConnectionResultPage.h"
#include "TestConnectionRunPage.h"
#include "TestConnectionTargetPage.h"
#include "core/Engine.h"
#include "probe/ProbeSession.h"

#include <QAbstractButton>

namespace botbat {

TestConnectionWizard::TestConnectionWizard(Engine &engine, qint64 endpointId, QWidget *parent)
    : QWizard(parent),
      m_session(new ProbeSession(engine.webhooks(), engine.config().webhooks.trustedCaFiles, this)),
      m_clipboard(new ClipboardGuard(this)),
      m_target(new TestConnectionTargetPage(engine, endpointId, this)),
      m_auth(new TestConnectionAuthPage(engine, this)),
      m_headers(new TestConnectionHeadersPage(this)),
      m_payload(new TestConnectionPayloadPage(this)),
      m_run(new TestConnectionRunPage(*m_session, this)),
      m_result(new TestConnectionResultPage(engine, *m_clipboard, this))
{
    setObjectName(QStringLiteral("testConnectionWizard"));
    setWindowTitle(tr("Test Connection"));
    setWindowIcon(Icons::send());
    // The classic style on every platform: the same pages and buttons people see in the docs.
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setMinimumSize(760, 600);
    resize(860, 720);

    setPage(TargetPageId, m_target);
    setPage(AuthPageId, m_auth);
    setPage(HeadersPageId, m_headers);
    setPage(PayloadPageId, m_payload);
    setPage(RunPageId, m_run);
    setPage(ResultPageId, m_result);
    setStartId(TargetPageId);

    setButtonText(QWizard::NextButton, tr("&Next >"));
    setButtonText(QWizard::FinishButton, tr("&Close"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBackButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("wizardCancelButton"));
    button(QWizard::NextButton)->setToolTip(tr("Go on to the next page (Alt+N)"));
    button(QWizard::BackButton)->setToolTip(tr("Go back and change the settings (Alt+B)"));
    button(QWizard::CancelButton)->setToolTip(tr("Stop and close; nothing is saved (Esc)"));
    // On the payload page Next starts the test, so it says so.
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        setButtonText(QWizard::NextButton, id == PayloadPageId ? tr("&Test >") : tr("&Next >"));
        if (id == RunPageId)
            m_auth->persist(m_target->url());
    });
    connect(m_result, &TestConnectionResultPage::webhookSaved, this,
            &TestConnectionWizard::webhookSaved);
}

TestConnectionWizard::~TestConnectionWizard() = default;

ProbeRequest TestConnectionWizard::request() const
{
    ProbeRequest request;
    request.endpointId = m_target->endpointId();
    request.url = m_target->url();
    m_auth->apply(request);
    request.headers = m_headers->headers();
    request.eventType = m_payload->eventType();
    request.freeJson = m_payload->freeJson();
    return request;
}

void TestConnectionWizard::done(int result)
{
    m_session->cancel();
    QWizard::done(result);
}

} // namespace botbat
