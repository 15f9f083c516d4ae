#include "TestConnectionTargetPage.h"

#include "PageLabels.h"
#include "StatusColors.h"
#include "core/Engine.h"
#include "models/WebhookEventTexts.h"
#include "models/WebhookStoreCall.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QUrl>
#include <QVBoxLayout>

namespace botbat {

TestConnectionTargetPage::TestConnectionTargetPage(Engine &engine, qint64 endpointId,
                                                   QWidget *parent)
    : QWizardPage(parent), m_engine(engine), m_preselect(endpointId)
{
    setObjectName(QStringLiteral("targetPage"));
    setTitle(tr("What to test"));
    setSubTitle(tr("An endpoint that already receives webhooks, or the address of a new "
                   "receiver. Nothing is saved until you choose to at the end."));

    m_existing = new QRadioButton(tr("An &existing webhook endpoint"), this);
    m_existing->setObjectName(QStringLiteral("targetEndpointRadio"));
    m_existing->setToolTip(tr("Test an endpoint on the Webhooks tab, with its URL and signed with "
                              "its secret, exactly as its deliveries are sent"));
    m_endpoint = new QComboBox(this);
    m_endpoint->setObjectName(QStringLiteral("targetEndpointCombo"));
    m_endpoint->setToolTip(tr("The webhook endpoint to test"));
    m_endpoint->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_endpoint->setMinimumContentsLength(40);
    m_endpointInfo = PageLabels::wrapped(QStringLiteral("targetEndpointInfo"),
                                         tr("Loading webhooks\u2026"), StatusColors::muted(), this);

    m_new = new QRadioButton(tr("A &new URL"), this);
    m_new->setObjectName(QStringLiteral("targetUrlRadio"));
    m_new->setToolTip(tr("Test a receiver that is not set up as a webhook yet; a passing test "
                         "can be saved as one"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("targetUrlEdit"));
    m_url->setPlaceholderText(tr("https://hooks.example.com/botbat"));
    m_url->setToolTip(tr("The receiver's HTTPS address. Plain http:// is refused."));
    m_url->setClearButtonEnabled(true);
    m_urlProblem = PageLabels::wrapped(QStringLiteral("targetUrlProblem"), QString(),
                                       StatusColors::errorText(), this);

    auto *group = new QButtonGroup(this);
    group->addButton(m_existing);
    group->addButton(m_new);

    auto *layout = new QGridLayout(this);
    layout->setVerticalSpacing(8);
    layout->setColumnMinimumWidth(0, 22);
    layout->addWidget(m_existing, 0, 0, 1, 2);
    layout->addWidget(m_endpoint, 1, 1);
    layout->addWidget(m_endpointInfo, 2, 1);
    layout->setRowMinimumHeight(3, 10);
    layout->addWidget(m_new, 4, 0, 1, 2);
    layout->addWidget(m_url, 5, 1);
    layout->addWidget(m_urlProblem, 6, 1);
    layout->setRowStretch(7, 1);
    layout->setColumnStretch(1, 1);

    m_new->setChecked(true);
    connect(group, &QButtonGroup::buttonToggled, this, [this] {
        update();
        if (m_new->isChecked())
            m_url->setFocus();
        else
            m_endpoint->setFocus();
    });
    connect(m_endpoint, &QComboBox::currentIndexChanged, this, &TestConnectionTargetPage::update);
    connect(m_url, &QLineEdit::textChanged, this, &TestConnectionTargetPage::update);
    update();
    load();
}

void TestConnectionTargetPage::load()
{
    WebhookStoreCall::run(
        m_engine, this, [](WebhookStore &store) { return store.list(); },
        [this](const DomainResult<QList<WebhookEndpoint>> &result) {
            m_loaded = true;
            m_endpoint->clear();
            if (!result) {
                m_endpoints.clear();
                m_endpointInfo->setText(
                    tr("The webhooks could not be read: %1 A new URL can still be tested.")
                        .arg(result.error().message()));
            } else {
                m_endpoints = result.value();
                for (const WebhookEndpoint &endpoint : std::as_const(m_endpoints))
                    m_endpoint->addItem(
                        endpoint.description.isEmpty()
                            ? endpoint.url
                            : tr("%1 \u2014 %2").arg(endpoint.url, endpoint.description),
                        endpoint.id);
            }
            const int preselected = m_endpoint->findData(m_preselect);
            if (preselected >= 0) {
                m_endpoint->setCurrentIndex(preselected);
                m_existing->setChecked(true);
            } else if (!m_endpoints.isEmpty() && m_url->text().isEmpty()) {
                m_existing->setChecked(true);
            }
            update();
            emit endpointsLoaded();
        });
}

qint64 TestConnectionTargetPage::endpointId() const
{
    return m_existing->isChecked() ? m_endpoint->currentData().toLongLong() : 0;
}

std::optional<WebhookEndpoint> TestConnectionTargetPage::endpoint() const
{
    const qint64 id = endpointId();
    for (const WebhookEndpoint &endpoint : m_endpoints)
        if (endpoint.id == id && id != 0)
            return endpoint;
    return std::nullopt;
}

QString TestConnectionTargetPage::url() const
{
    const auto chosen = endpoint();
    return chosen ? chosen->url : m_url->text().trimmed();
}

QString TestConnectionTargetPage::urlProblem() const
{
    const QString text = m_url->text().trimmed();
    if (text.isEmpty())
        return {};
    const QUrl parsed(text, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (scheme == QLatin1String("http"))
        return tr("http:// is refused: webhooks carry customer data and credentials, so they go "
                  "over HTTPS only. Use the receiver's https:// address.");
    if (!parsed.isValid() || scheme != QLatin1String("https") || parsed.host().isEmpty())
        return tr("Enter a full address that starts with https://, e.g. "
                  "https://hooks.example.com/botbat.");
    return {};
}

bool TestConnectionTargetPage::isComplete() const
{
    if (m_existing->isChecked())
        return endpoint().has_value();
    return !m_url->text().trimmed().isEmpty() && urlProblem().isEmpty();
}

void TestConnectionTargetPage::update()
{
    const bool any = !m_endpoints.isEmpty();
    m_existing->setEnabled(any);
    m_endpoint->setEnabled(any && m_existing->isChecked());
    m_url->setEnabled(m_new->isChecked());
    if (m_loaded && !any)
        m_endpointInfo->setText(tr("No webhooks yet: test a new URL, and save it as a webhook "
                                   "once the test passes."));
    else if (const auto chosen = endpoint())
        m_endpointInfo->setText(
            tr("%1, %2. Tested with its stored URL and signed with its secret.")
                .arg(WebhookEventTexts::countText(chosen->events),
                     chosen->hasSecret ? tr("signed") : tr("unsigned (no secret)")));
    else if (m_loaded)
        m_endpointInfo->setText(
            tr("%n webhook endpoint(s) to choose from.", nullptr, int(m_endpoints.size())));
    const QString problem = m_new->isChecked() ? urlProblem() : QString();
    m_urlProblem->setText(problem);
    m_urlProblem->setVisible(!problem.isEmpty());
    emit completeChanged();
}

} // namespace botbat
