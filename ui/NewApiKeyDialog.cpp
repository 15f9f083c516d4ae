#include "NewApiKeyDialog.h"

#include "ClipboardGuard.h"
#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "WarningBanner.h"
#include "models/ApiKeyModel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace botbat {

NewApiKeyDialog::NewApiKeyDialog(const ApiKey &key, const QString &token, const ApiKey &previous,
                                 const QDateTime &now, ClipboardGuard &clipboard, QWidget *parent)
    : QDialog(parent), m_clipboard(clipboard), m_token(token)
{
    const bool rotation = previous.id != 0;
    setObjectName(QStringLiteral("newApiKeyDialog"));
    setWindowTitle(rotation ? tr("API Key Rotated") : tr("API Key Created"));
    setMinimumWidth(640);

    auto *title = new QLabel(rotation ? tr("New key for \u201c%1\u201d").arg(key.name)
                                      : tr("Your new API key \u201c%1\u201d").arg(key.name),
                             this);
    title->setObjectName(QStringLiteral("newKeyTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);

    const QString expiry = key.expiresAt.isValid()
                               ? tr("expires %1").arg(ApiKeyModel::localTime(key.expiresAt))
                               : tr("does not expire");
    auto *summary = PageLabels::wrapped(
        QStringLiteral("newKeySummary"),
        tr("Scopes: %1 \u00b7 %2").arg(ApiKeyModel::scopesText(key.scopes), expiry),
        StatusColors::muted(), this);

    auto *banner = new WarningBanner(this);
    banner->setObjectName(QStringLiteral("newKeyWarning"));
    banner->setMessage(tr("Copy this key now. It cannot be shown again."),
                       tr("This is the only time the full key is shown. BotBat keeps only a hash "
                          "of it, so nobody can display it later. If it is lost, rotate the key "
                          "to get a new one."));

    m_keyEdit = new QLineEdit(token, this);
    m_keyEdit->setObjectName(QStringLiteral("newKeyEdit"));
    m_keyEdit->setReadOnly(true);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF() * 1.1);
    m_keyEdit->setFont(mono);
    m_keyEdit->setMinimumWidth(QFontMetrics(mono).horizontalAdvance(token) + 24);
    m_keyEdit->setToolTip(tr("The full key. Select it, or use Copy."));
    m_keyEdit->setAccessibleName(tr("New API key"));
    // Every way of copying goes through the ClipboardGuard: Ctrl+C is caught below, and the
    // line edit's own menu (whose Copy would bypass it) is off.
    m_keyEdit->setContextMenuPolicy(Qt::NoContextMenu);
    m_keyEdit->installEventFilter(this);

    m_copyButton = new QPushButton(Icons::copy(), tr("&Copy"), this);
    m_copyButton->setObjectName(QStringLiteral("copyKeyButton"));
    m_copyButton->setToolTip(
        tr("Copy the key to the clipboard; it is cleared from there after %1 seconds")
            .arg((m_clipboard.clearAfterMs() + 999) / 1000));
    m_copyButton->setDefault(true);
    m_copyButton->setAutoDefault(true);

    auto *keyRow = new QHBoxLayout;
    keyRow->setSpacing(8);
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_copyButton);

    m_copiedLabel = PageLabels::wrapped(QStringLiteral("copiedLabel"), QString(),
                                        StatusColors::forKeyState(ApiKey::State::Active), this);
    m_copiedLabel->hide();

    auto *usage = PageLabels::wrapped(QStringLiteral("newKeyUsage"),
                                      tr("Send it with every request as the header "
                                         "<code>Authorization: Bearer &lt;key&gt;</code>."),
                                      StatusColors::muted(), this);
    usage->setTextFormat(Qt::RichText);

    auto *buttons = new QDialogButtonBox(this);
    auto *doneButton = buttons->addButton(tr("&Done"), QDialogButtonBox::AcceptRole);
    doneButton->setObjectName(QStringLiteral("closeKeyButton"));
    doneButton->setAutoDefault(false);
    doneButton->setToolTip(tr("Close; the key will not be shown again"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(summary);
    layout->addWidget(banner);
    layout->addLayout(keyRow);
    layout->addWidget(m_copiedLabel);
    if (rotation) {
        const QString until =
            previous.expiresAt.isValid()
                ? tr("%1 (%2)").arg(ApiKeyModel::localTime(previous.expiresAt),
                                    ApiKeyModel::relative(previous.expiresAt, now))
                : tr("it is revoked");
        auto *overlap = PageLabels::wrapped(
            QStringLiteral("rotationInfo"),
            tr("The old key %1\u2026 keeps working until %2. Switch the systems that use "
               "it to this key before then; afterwards the API refuses the old key.")
                .arg(previous.prefix, until),
            palette().color(QPalette::WindowText), this);
        overlap->setToolTip(previous.expiresAt.isValid() ? ApiKeyModel::utcTime(previous.expiresAt)
                                                         : QString());
        layout->addWidget(overlap);
    }
    layout->addWidget(usage);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_copyButton, &QPushButton::clicked, this, &NewApiKeyDialog::copy);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(&m_clipboard, &ClipboardGuard::cleared, this, [this] {
        if (m_copied)
            m_copiedLabel->setText(tr("The clipboard was cleared. Copy again if you still need "
                                      "the key."));
    });
    m_copyButton->setFocus();
}

NewApiKeyDialog::~NewApiKeyDialog() = default;

bool NewApiKeyDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_keyEdit &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        event->accept();
        if (event->type() == QEvent::KeyPress)
            copy();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void NewApiKeyDialog::copy()
{
    m_clipboard.copySecret(m_token);
    m_copied = true;
    m_copyButton->setText(tr("Copied"));
    const int seconds = (m_clipboard.clearAfterMs() + 999) / 1000;
    m_copiedLabel->setText(
        seconds == 1
            ? tr("Copied to the clipboard. It is cleared from there in 1 second.")
            : tr("Copied to the clipboard. It is cleared from there in %1 seconds.").arg(seconds));
    m_copiedLabel->show();
}

void NewApiKeyDialog::done(int result)
{
    if (!m_copied && !m_closeConfirmed) {
        confirmClose(result);
        return;
    }
    // The key leaves the window with it: nothing that outlives this dialog shows it.
    m_keyEdit->setText(QString());
    m_token.clear();
    QDialog::done(result);
}

void NewApiKeyDialog::confirmClose(int result)
{
    if (m_confirmation && m_confirmation->isVisible())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Close Without Copying?"),
                                tr("Close without copying the key?"), QMessageBox::NoButton, this);
    m_confirmation = box;
    box->setObjectName(QStringLiteral("closeWithoutCopyConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("The key cannot be shown again. If you have not saved it "
                               "somewhere safe, go back and copy it; otherwise you will need to "
                               "rotate the key to get a new one."));
    QPushButton *close = box->addButton(tr("Close Without Copying"), QMessageBox::DestructiveRole);
    close->setObjectName(QStringLiteral("closeWithoutCopyButton"));
    QPushButton *back = box->addButton(tr("Go Back"), QMessageBox::RejectRole);
    back->setObjectName(QStringLiteral("goBackButton"));
    box->setDefaultButton(back);
    box->setEscapeButton(back);
    connect(box, &QMessageBox::buttonClicked, this, [this, close, result](QAbstractButton *button) {
        if (button != close)
            return;
        m_closeConfirmed = true;
        done(result);
    });
    box->open();
}

} // namespace botbat
