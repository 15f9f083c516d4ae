#include "TestConnectionAuthPage.h"

#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "TestConnectionTargetPage.h"
#include "TestConnectionWizard.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace botbat {

using Auth = ProbeRequest::Auth;

TestConnectionAuthPage::TestConnectionAuthPage(QWidget *parent) : QWizardPage(parent)
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

    m_note = PageLabels::wrapped(
        QStringLiteral("authNote"),
        tr("Credentials typed here are used for this test only: they are not saved anywhere, and "
           "the request shown afterwards masks them."),
        StatusColors::muted(), this);

    auto *row = new QFormLayout;
    row->addRow(typeLabel, m_type);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addLayout(row);
    layout->addWidget(m_fields);
    layout->addStretch(1);
    layout->addWidget(m_note);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_fields->setCurrentIndex(index);
        emit completeChanged();
    });
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
                 "Credentials typed here are used for this test only and are not saved.")
            : tr("Credentials typed here are used for this test only: they are not saved "
                 "anywhere, and the request shown afterwards masks them. A webhook saved from "
                 "this test authenticates by its signature."));
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
