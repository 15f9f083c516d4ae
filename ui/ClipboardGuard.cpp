#include "ClipboardGuard.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>
#include <QTimer>

namespace botbat {

namespace {
QByteArray hashOf(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}
} // namespace

ClipboardGuard::ClipboardGuard(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ClipboardGuard::clearIfStillOurs);
}

ClipboardGuard::~ClipboardGuard()
{
    if (qGuiApp && !m_hash.isEmpty())
        clearIfStillOurs();
}

void ClipboardGuard::copySecret(const QString &secret)
{
    auto *mime = new QMimeData;
    mime->setText(secret);
    // Clipboard managers (Klipper, and others that follow KDE's hint) keep no history of this.
    mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
    m_hash = hashOf(secret);
    m_timer->start(m_clearAfterMs);
}

bool ClipboardGuard::isPending() const
{
    return m_timer->isActive();
}

bool ClipboardGuard::holdsSecret(QClipboard::Mode mode) const
{
    return hashOf(QGuiApplication::clipboard()->text(mode)) == m_hash;
}

void ClipboardGuard::clearIfStillOurs()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    // On X11, selecting the key to read it also put it in the primary selection.
    if (clipboard->supportsSelection() && holdsSecret(QClipboard::Selection))
        clipboard->clear(QClipboard::Selection);
    const bool ours = holdsSecret(QClipboard::Clipboard);
    m_hash.clear();
    if (!ours)
        return;
    clipboard->clear(QClipboard::Clipboard);
    emit cleared();
}

} // namespace botbat
