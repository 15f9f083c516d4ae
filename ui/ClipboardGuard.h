#pragma once

#include <QByteArray>
#include <QClipboard>
#include <QObject>

class QTimer;

namespace botbat {

// Puts a secret on the clipboard and takes it off again after a while, as password managers do
// (KeePassXC): the clipboard is cleared only if it still holds that secret, so something the
// user copied since is left alone. Also cleared when the guard is destroyed (the console
// closes). Only a hash of the secret is kept, to recognise it.
class ClipboardGuard : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultClearAfterMs = 30 * 1000;

    explicit ClipboardGuard(QObject *parent = nullptr);
    ~ClipboardGuard() override;

    void copySecret(const QString &secret);
    // Tests shorten this; it applies to the next copy.
    void setClearAfterMs(int milliseconds) { m_clearAfterMs = milliseconds; }
    int clearAfterMs() const { return m_clearAfterMs; }
    // True while a copied secret is waiting to be cleared.
    bool isPending() const;

signals:
    // The clipboard still held the secret and was cleared.
    void cleared();

private:
    void clearIfStillOurs();
    bool holdsSecret(QClipboard::Mode mode) const;

    QTimer *m_timer;
    QByteArray m_hash;
    int m_clearAfterMs = kDefaultClearAfterMs;
};

} // namespace botbat
