#include "TestConnectionAuthPage.h"

#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "TestConnectionTargetPage.h"
#include "TestConnectionWizard.h"
#include "core/Engine.h"
#include "probe/ProbeCredentials.h"
#include "security/SecretStore.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace botbat {

using Auth = ProbeRequest::Auth;

TestConnectionAuthPage::TestConnectionAuthPage(Engine &engine, QWidget *parent)
    : QWizardPage(parent), m_engine(engine)
{
    setObjectName(QStringLiteral("authPage"));
    setTitle(tr("Authentication"));
    setSubTitle(tr("What the receiver expects, if anything, besides the webhook signature."));

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("authTypeCombo"));
    m_type->setToolTip(tr("How the test request proves who sends it"));
    for (const Auth auth : {Auth::None, Auth::Bearer, Auth::ApiKey, Auth::Basic})
        m_type->addItem(ProbeRequest::authName(auth), int(auth));
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);

    m_token = secretEdit(QStringLiteral("bearerTokenEdit"),
                         tr("Sent as \"Authorization: Bearer <token>\""));
    m_keyHeader = new QLineEdit(QStringLiteral("X-API-Key"), this);
    m_keyHeader->setObjectName(QStringLiteral("apiKeyHeaderEdit"));
    m_keyHeader->setToolTip(tr("The header the service reads the key from"));
    m_key = secretEdit(QStringLiteral("apiKeyEdit"), tr("The API key, sent in the header above"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("basicUserEdit"));
    m_user->setToolTip(tr("The user name for Basic authentication"));
    m_password = secretEdit(QStringLiteral("basicPasswordEdit"),
                            tr("The password for Basic authentication"));

    auto *none = PageLabels::wrapped(QStringLiteral("authNoneLabel"),
                                     tr("No credentials are sent. Most webhook receivers check "
                                        "the signature instead."),
                                     StatusColors::muted(), this);
    auto *bearer = new QWidget(this);
    auto *bearerForm = new QFormLayout(bearer);
    bearerForm->setContentsMargins(0, 0, 0, 0);
    bearerForm->addRow(tr("T&oken:"), m_token);
    auto *key = new QWidget(this);
    auto *keyForm = new QFormLayout(key);
    keyForm->setContentsMargins(0, 0, 0, 0);
    keyForm->addRow(tr("&Header name:"), m_keyHeader);
    keyForm->addRow(tr("&Key:"), m_key);
    auto *basic = new QWidget(this);
    auto *basicForm = new QFormLayout(basic);
    basicForm->setContentsMargins(0, 0, 0, 0);
    basicForm->addRow(tr("&User name:"), m_user);
    basicForm->addRow(tr("&Password:"), m_password);

    m_fields = new QStackedWidget(this);
    m_fields->setObjectName(QStringLiteral("authFields"));
    m_fields->addWidget(none);
    m_fields->addWidget(bearer);
    m_fields->addWidget(key);
    m_fields->addWidget(basic);

    m_note = PageLabels::wrapped(QStringLiteral("authNote"),
                                 tr("The request shown afterwards masks the credentials."),
                                 StatusColors::muted(), this);

    m_remember = new QCheckBox(tr("&Remember these credentials for this URL"), this);
    m_remember->setObjectName(QStringLiteral("rememberCredentialsCheck"));
    m_rememberStatus = PageLabels::wrapped(QStringLiteral("rememberCredentialsStatus"), QString(),
                                           StatusColors::muted(), this);

    auto *row = new QFormLayout;
    row->addRow(typeLabel, m_type);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addLayout(row);
    layout->addWidget(m_fields);
    layout->addWidget(m_remember);
    layout->addWidget(m_rememberStatus);
    layout->addStretch(1);
    layout->addWidget(m_note);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_fields->setCurrentIndex(index);
        updateRemember();
        emit completeChanged();
    });
    connect(m_remember, &QCheckBox::toggled, this, &TestConnectionAuthPage::updateRemember);
    updateRemember();
    for (QLineEdit *edit : {m_token, m_keyHeader, m_key, m_user})
        connect(edit, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
}

QLineEdit *TestConnectionAuthPage::secretEdit(const QString &objectName, const QString &toolTip)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    edit->setToolTip(toolTip);
    QAction *reveal = edit->addAction(Icons::reveal(), QLineEdit::TrailingPosition);
    reveal->setObjectName(objectName + QStringLiteral("Reveal"));
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show or hide what was typed"));
    connect(reveal, &QAction::toggled, edit, [edit](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    return edit;
}

void TestConnectionAuthPage::initializePage()
{
    auto *wizard = qobject_cast<TestConnectionWizard *>(this->wizard());
    const bool endpoint = wizard && wizard->targetPage()->endpointId() != 0;
    m_note->setText(
        endpoint
            ? tr("This endpoint's requests are signed with its secret whatever is chosen here. "
                 "The request shown afterwards masks the credentials.")
            : tr("The request shown afterwards masks the credentials. A webhook saved from this "
                 "test authenticates by its signature and does not keep them."));
    if (wizard)
        load(wizard->targetPage()->url());
}

void TestConnectionAuthPage::load(const QString &url)
{
    if (url == m_loadedFor)
        return;
    m_loadedFor = url;
    m_stored = false;
    if (!secretsAvailable()) {
        updateRemember();
        return;
    }
    m_loading = true;
    updateRemember();
    SecretStore *secrets = &m_engine.secrets();
    // The keyring may take its time: read on the engine's worker thread.
    m_engine.runInBackground(
        this,
        [secrets, url] {
            QString error;
            auto remembered = ProbeCredentials::load(*secrets, url, &error);
            return std::make_pair(remembered, error);
        },
        [this, url](const std::pair<std::optional<ProbeRequest>, QString> &result) {
            if (url != m_loadedFor)
                return;
            m_loading = false;
            const auto &[remembered, error] = result;
            if (!remembered) {
                updateRemember();
                if (!error.isEmpty()) {
                    m_rememberStatus->setText(
                        tr("Remembered credentials could not be read: %1").arg(error));
                    m_rememberStatus->show();
                }
                return;
            }
            m_stored = true;
            // What was typed for this run wins over what was remembered.
            const bool typed = !m_token->text().isEmpty() || !m_key->text().isEmpty() ||
                               !m_user->text().isEmpty() || !m_password->text().isEmpty();
            if (!typed) {
                m_type->setCurrentIndex(m_type->findData(int(remembered->auth)));
                m_token->setText(remembered->token);
                m_keyHeader->setText(remembered->apiKeyHeader);
                m_key->setText(remembered->apiKey);
                m_user->setText(remembered->username);
                m_password->setText(remembered->password);
            }
            m_remember->setChecked(true);
            updateRemember();
            m_rememberStatus->setText(typed ? tr("Credentials are remembered for this URL; the "
                                                 "ones typed here replace them when the test "
                                                 "runs.")
                                            : tr("Filled in from the secret store. Untick "
                                                 "Remember to forget them when the test runs."));
            m_rememberStatus->show();
        });
}

void TestConnectionAuthPage::updateRemember()
{
    const bool available = secretsAvailable();
    m_remember->setVisible(auth() != Auth::None || m_stored);
    m_remember->setEnabled(available && !m_loading);
    m_remember->setToolTip(
        available ? tr("Kept in the secret store (%1) for the next test of this URL, never in "
                       "the settings. Untick to forget them.")
                        .arg(m_engine.secrets().backendName())
                  : tr("No secret store is available, so nothing can be remembered: %1")
                        .arg(m_engine.status().state == EngineState::Running
                                 ? m_engine.secrets().problem()
                                 : tr("the engine is not running.")));
    m_rememberStatus->setText(
        m_loading ? tr("Looking for remembered credentials\u2026")
                  : (m_remember->isChecked() && !m_stored
                         ? tr("They are stored in the secret store when the test runs.")
                         : QString()));
    m_rememberStatus->setVisible(!m_rememberStatus->text().isEmpty());
}

void TestConnectionAuthPage::persist(const QString &url)
{
    if (!secretsAvailable())
        return;
    const bool remember = m_remember->isChecked() && auth() != Auth::None;
    if (!remember && !m_stored)
        return;
    ProbeRequest request;
    request.url = url;
    apply(request);
    SecretStore *secrets = &m_engine.secrets();
    m_stored = remember;
    m_engine.runInBackground(
        this,
        [secrets, request, remember] {
            QString error;
            const bool ok = remember ? ProbeCredentials::save(*secrets, request, &error)
                                     : ProbeCredentials::forget(*secrets, request.url, &error);
            return ok ? QString() : error;
        },
        [this, remember](const QString &error) {
            if (!error.isEmpty())
                qWarning("Connection test credentials were not %s: %s",
                         remember ? "remembered" : "forgotten", qPrintable(error));
            emit credentialsPersisted(error);
        });
}

bool TestConnectionAuthPage::secretsAvailable() const
{
    return m_engine.status().state == EngineState::Running && m_engine.secrets().isAvailable();
}

Auth TestConnectionAuthPage::auth() const
{
    return Auth(m_type->currentData().toInt());
}

void TestConnectionAuthPage::apply(ProbeRequest &request) const
{
    request.auth = auth();
    request.token = m_token->text().trimmed();
    request.apiKeyHeader = m_keyHeader->text().trimmed();
    request.apiKey = m_key->text();
    request.username = m_user->text();
    request.password = m_password->text();
}

bool TestConnectionAuthPage::isComplete() const
{
    switch (auth()) {
    case Auth::None:
        return true;
    case Auth::Bearer:
        return !m_token->text().trimmed().isEmpty();
    case Auth::ApiKey:
        return !m_keyHeader->text().trimmed().isEmpty() && !m_key->text().isEmpty();
    case Auth::Basic:
        return !m_user->text().isEmpty();
    }
    return false;
}

} // namespace botbat
