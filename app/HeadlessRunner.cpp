#include "HeadlessRunner.h"

#include "UnixSignalWatcher.h"
#include "core/Engine.h"

#include <QCoreApplication>
#include <QTextStream>

namespace botbat {

int HeadlessRunner::run(Engine &engine)
{
    QTextStream err(stderr);
    UnixSignalWatcher watcher;
    QString error;
    if (!engine.start(&error)) {
        err << "botbat-console: the engine could not start: " << error << Qt::endl;
        return 1;
    }
    const EngineStatus status = engine.status();
    err << "BotBat engine running headless. HTTP server: " << status.httpUrl
        << " (GET /healthz). Database: " << status.databaseBackend << ' '
        << status.databaseLocation << ". Secrets: " << status.secretStoreBackend << '.'
        << Qt::endl;
    if (!status.secretStoreAvailable)
        err << "Warning: " << status.secretStoreProblem << Qt::endl;
    if (!engine.config().alerts.webhookUrl.isEmpty())
        err << "Alerts go to the alert webhook given with --alert-webhook-url-file." << Qt::endl;

    QObject::connect(&watcher, &UnixSignalWatcher::stopRequested, qApp, [&err](int number) {
        err << "Received signal " << number << ", stopping." << Qt::endl;
        QCoreApplication::exit(0);
    });
    const int code = QCoreApplication::exec();
    engine.stop();
    err << "BotBat engine stopped cleanly." << Qt::endl;
    return code;
}

} // namespace botbat
