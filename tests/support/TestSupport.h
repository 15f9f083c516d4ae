#pragma once

#include "core/EngineConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QProcess;
class QTemporaryDir;

namespace botbat::test {

// An engine configuration for tests: data in dir, HTTP on a free loopback port, and the
// encrypted-file secret store with a test passphrase (no keyring needed).
EngineConfig engineConfig(const QTemporaryDir &dir);

struct HttpResult
{
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString error;
    QJsonObject json() const;
    QByteArray header(const QByteArray &name) const;
};

// A real HTTP request over loopback, waiting at most timeoutMs.
HttpResult httpRequest(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {},
                       int timeoutMs = 10000);

// Starts botbat-console ($BOTBAT_CONSOLE_BINARY) with --headless --port 0 and arguments, and
// returns the HTTP port it reports on stderr, or 0 (with its output as a warning) if it did not
// come up within 20 s.
quint16 startHeadless(QProcess &process, const QStringList &arguments);

// Names of this process's threads whose OS name starts with prefix (from /proc/self/task).
QStringList threadNames(const QString &prefix = QStringLiteral("botbat-"));

// The PostgreSQL URL the test command started, or empty.
QString postgresUrl();

// A fresh, empty database on that server (postgresql://...); empty string and *error on failure.
// Each test gets its own, so tests never see each other's rows.
QString createPostgresDatabase(QString *error);
void dropPostgresDatabase(const QString &url);

} // namespace botbat::test
