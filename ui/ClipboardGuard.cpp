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
    if (qGuiApp && !m_hash.isEmpty() && clipboardHoldsSecret())
        QGuiApplication::clipboard()->clear();
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

bool ClipboardGuard::clipboardHoldsSecret() const
{
    return hashOf(QGuiApplication::clipboard()->text(QClipboard::Clipboard)) == m_hash;
}

void ClipboardGuard::clearIfStillOurs()
{
    const bool ours = clipboardHoldsSecret();
    m_hash.clear();
    if (!ours)
        return;
    QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
    emit cleared();
}

} // namespace botbat
