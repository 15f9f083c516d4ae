#pragma once

#include "apikeys/ApiKey.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;

namespace botbat {

class ClipboardGuard;

// Shows a new key the one time it can be seen: read-only, in monospace, with a Copy button
// (the clipboard is cleared again by the ClipboardGuard) and a plain warning. After a rotation
// it also says until when the old key keeps working. Closing it before the key was copied asks
// first. When it closes, the key is wiped from the field, so no widget holds it afterwards.
class NewApiKeyDialog : public QDialog
{
    Q_OBJECT
public:
    // previous: after a rotation, the old key (its expiresAt is the end of the overlap);
    // default-constructed after a create.
    NewApiKeyDialog(const ApiKey &key, const QString &token, const ApiKey &previous,
                    const QDateTime &now, ClipboardGuard &clipboard, QWidget *parent = nullptr);
    ~NewApiKeyDialog() override;

    bool wasCopied() const { return m_copied; }

public slots:
    void done(int result) override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void copy();
    void confirmClose(int result);

    ClipboardGuard &m_clipboard;
    QString m_token;
    bool m_copied = false;
    bool m_closeConfirmed = false;
    QLineEdit *m_keyEdit = nullptr;
    QPushButton *m_copyButton = nullptr;
    QLabel *m_copiedLabel = nullptr;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace botbat
