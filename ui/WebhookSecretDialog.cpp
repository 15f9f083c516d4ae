#include "WebhookSecretDialog.h"

#include "ClipboardGuard.h"
#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "models/ApiKeyModel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace botbat {

WebhookSecretDialog::WebhookSecretDialog(const WebhookEndpoint &endpoint, const QString &secret,
                                         const QDateTime &now, ClipboardGuard &clipboard,
                                         QWidget *parent)
    : QDialog(parent), m_clipboard(clipboard), m_secret(secret)
{
    setObjectName(QStringLiteral("webhookSecretDialog"));
    setWindowTitle(tr("New Signing Secret"));
    setMinimumWidth(620);

    auto *title = PageLabels::title(tr("New signing secret"), this, 1.3);
    title->setObjectName(QStringLiteral("webhookSecretTitle"));
    auto *target = PageLabels::wrapped(QStringLiteral("webhookSecretEndpoint"), endpoint.url,
                                       StatusColors::muted(), this);

    m_secretEdit = new QLineEdit(secret, this);
    m_secretEdit->setObjectName(QStringLiteral("newSecretEdit"));
    m_secretEdit->setReadOnly(true);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_secretEdit->setFont(mono);
    m_secretEdit->setMinimumWidth(QFontMetrics(mono).horizontalAdvance(secret) + 24);
    m_secretEdit->setContextMenuPolicy(Qt::NoContextMenu);
    m_secretEdit->setAccessibleName(tr("New signing secret"));

    m_copyButton = new QPushButton(Icons::copy(), tr("&Copy"), this);
    m_copyButton->setObjectName(QStringLiteral("copyNewSecretButton"));
    m_copyButton->setToolTip(tr("Copy the secret; the clipboard is cleared again after %1 seconds")
                                 .arg((m_clipboard.clearAfterMs() + 999) / 1000));
    m_copyButton->setDefault(true);

    auto *row = new QHBoxLayout;
    row->setSpacing(8);
    row->addWidget(m_secretEdit, 1);
    row->addWidget(m_copyButton);

    m_copiedLabel =
        PageLabels::wrapped(QStringLiteral("newSecretCopiedLabel"), QString(),
                            StatusColors::forStatus(IntegrationSummary::Status::Connected), this);
    m_copiedLabel->hide();

    const QString overlap =
        endpoint.previousSecretUntil.isValid()
            ? tr("The previous secret keeps signing beside this one until %1 (%2): every "
                 "delivery carries both signatures. Give your receiver the new secret before "
                 "then.")
                  .arg(ApiKeyModel::localTime(endpoint.previousSecretUntil),
                       ApiKeyModel::relative(endpoint.previousSecretUntil, now))
            : tr("Deliveries are signed with this secret from now on. Give it to your receiver.");
    auto *info = PageLabels::wrapped(QStringLiteral("newSecretInfo"), overlap,
                                     palette().color(QPalette::WindowText), this);
    auto *later =
        PageLabels::wrapped(QStringLiteral("newSecretLater"),
                            tr("You can reveal or copy the current secret again later from Edit."),
                            StatusColors::muted(), this);

    auto *buttons = new QDialogButtonBox(this);
    auto *doneButton = buttons->addButton(tr("&Done"), QDialogButtonBox::AcceptRole);
    doneButton->setObjectName(QStringLiteral("closeSecretButton"));
    doneButton->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(target);
    layout->addLayout(row);
    layout->addWidget(m_copiedLabel);
    layout->addWidget(info);
    layout->addWidget(later);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_copyButton, &QPushButton::clicked, this, &WebhookSecretDialog::copy);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    m_copyButton->setFocus();
}

void WebhookSecretDialog::copy()
{
    m_clipboard.copySecret(m_secret);
    m_copied = true;
    m_copyButton->setText(tr("Copied"));
    m_copiedLabel->setText(tr("Copied to the clipboard. It is cleared from there in %1 seconds.")
                               .arg((m_clipboard.clearAfterMs() + 999) / 1000));
    m_copiedLabel->show();
}

void WebhookSecretDialog::done(int result)
{
    m_secretEdit->setText(QString());
    m_secret.clear();
    QDialog::done(result);
}

} // namespace botbat
