#pragma once

#include "webhooks/WebhookEndpoint.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace botbat {

class ClipboardGuard;

// Shows a signing secret the store has just generated (after Rotate Secret), with Copy through
// the ClipboardGuard and, during a rotation, until when the previous secret keeps signing.
// Unlike an API key the secret can be read again later (Edit, reveal), so closing needs no
// confirmation; the field is still wiped when the dialog closes.
class WebhookSecretDialog : public QDialog
{
    Q_OBJECT
public:
    // now: the engine's clock, for "in 24 hours".
    WebhookSecretDialog(const WebhookEndpoint &endpoint, const QString &secret,
                        const QDateTime &now, ClipboardGuard &clipboard, QWidget *parent = nullptr);

    bool wasCopied() const { return m_copied; }

public slots:
    void done(int result) override;

private:
    void copy();

    ClipboardGuard &m_clipboard;
    QString m_secret;
    bool m_copied = false;
    QLineEdit *m_secretEdit = nullptr;
    QPushButton *m_copyButton = nullptr;
    QLabel *m_copiedLabel = nullptr;
};

} // namespace botbat
