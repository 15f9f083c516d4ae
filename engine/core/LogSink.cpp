#include "LogSink.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRegularExpression>
#include <QThread>
#include <cstdio>

namespace botbat {

namespace {

struct State
{
    QMutex mutex;
    QFile file;
    qint64 rotateAt = 0;
    QtMessageHandler previous = nullptr;
};

State &state()
{
    static State instance;
    return instance;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "critical";
    case QtFatalMsg: return "fatal";
    }
    return "log";
}

void rotateIfNeeded(State &s)
{
    if (s.rotateAt <= 0 || s.file.size() < s.rotateAt)
        return;
    const QString path = s.file.fileName();
    s.file.close();
    QFile::remove(path + QStringLiteral(".1"));
    QFile::rename(path, path + QStringLiteral(".1"));
    if (s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        s.file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void handle(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    const QString thread = QThread::currentThread()->objectName();
    const QByteArray line =
        (QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + QLatin1Char(' ') +
         QLatin1String(levelName(type)) + QStringLiteral(" [") +
         (thread.isEmpty() ? QStringLiteral("main") : thread) + QStringLiteral("] ") +
         LogSink::redact(message) + QLatin1Char('\n'))
            .toUtf8();
    State &s = state();
    QMutexLocker lock(&s.mutex);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
    if (s.file.isOpen()) {
        s.file.write(line);
        s.file.flush();
        rotateIfNeeded(s);
    }
}

} // namespace

void LogSink::install(const QString &filePath, qint64 rotateAtBytes)
{
    State &s = state();
    {
        QMutexLocker lock(&s.mutex);
        s.rotateAt = rotateAtBytes;
        if (s.file.isOpen())
            s.file.close();
        if (!filePath.isEmpty()) {
            QDir().mkpath(QFileInfo(filePath).absolutePath());
            s.file.setFileName(filePath);
            if (!s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
                std::fprintf(stderr, "Cannot write the log file %s; logging to stderr only.\n",
                             qPrintable(filePath));
            else
                s.file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }
    QtMessageHandler previous = qInstallMessageHandler(handle);
    if (previous != handle)
        s.previous = previous;
}

void LogSink::uninstall()
{
    State &s = state();
    qInstallMessageHandler(s.previous);
    QMutexLocker lock(&s.mutex);
    s.file.close();
}

QString LogSink::redact(const QString &text)
{
    static const QList<QPair<QRegularExpression, QString>> rules = {
        // BotBat API keys and webhook signing secrets: keep the recognizable start only.
        {QRegularExpression(QStringLiteral("\\b(bbk_[A-Za-z0-9]{0,6})[A-Za-z0-9_-]*")),
         QStringLiteral("\\1…[redacted]")},
        {QRegularExpression(QStringLiteral("\\bwhsec_[A-Za-z0-9+/=_-]+")),
         QStringLiteral("whsec_[redacted]")},
        {QRegularExpression(QStringLiteral("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+")),
         QStringLiteral("\\1 [redacted]")},
        // user:password@ in URLs (database addresses, webhook URLs).
        {QRegularExpression(QStringLiteral("(://[^:/@\\s]+):[^@/\\s]+@")),
         QStringLiteral("\\1:[redacted]@")},
        {QRegularExpression(
             QStringLiteral("(?i)\\b(password|passphrase|secret|token|api_key|apikey)=([^&\\s]+)")),
         QStringLiteral("\\1=[redacted]")},
    };
    QString result = text;
    for (const auto &rule : rules)
        result.replace(rule.first, rule.second);
    return result;
}

} // namespace botbat
