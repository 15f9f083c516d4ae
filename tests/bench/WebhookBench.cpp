// Outgoing-webhook benchmark. Not a pass/fail test: prints figures (see tests/bench/run.sh).
//   bench_webhooks certs DIR
//       writes ca.pem, cert.pem, key.pem (a test CA and a localhost leaf) for an HTTPS receiver
//   bench_webhooks throughput URL CA_FILE ENDPOINTS EVENTS
//       end-to-end deliveries/s (event persisted -> 2xx recorded) to ENDPOINTS endpoints at URL
//   bench_webhooks latency RATE SECONDS
//       p50/p99 emit-to-delivered latency at RATE events/s to an in-process HTTPS receiver
#include "TestCa.h"
#include "ThreadedHttpsReceiver.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "storage/WriteTransaction.h"
#include "webhooks/WebhookStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace botbat;
using namespace botbat::test;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QJsonObject sampleContact(int n)
{
    return {{QStringLiteral("id"), n},
            {QStringLiteral("name"), QStringLiteral("Bench Contact %1").arg(n)},
            {QStringLiteral("email"), QStringLiteral("bench-%1@example.com").arg(n)},
            {QStringLiteral("phone"), QStringLiteral("+14155550100")},
            {QStringLiteral("company"), QStringLiteral("Example Inc.")},
            {QStringLiteral("attributes"),
             QJsonObject{{QStringLiteral("plan"), QStringLiteral("pro")}}}};
}

std::unique_ptr<Engine> startEngine(const QTemporaryDir &dir, const QString &caFile)
{
    EngineConfig config;
    config.dataDir = dir.path();
    config.httpPort = 0;
    config.secrets.kind = SecretStoreConfig::Kind::File;
    config.secrets.passphraseFile = dir.filePath(QStringLiteral("passphrase"));
    writeFile(config.secrets.passphraseFile, "bench passphrase only");
    config.webhooks.trustedCaFiles = {caFile};
    auto engine = std::make_unique<Engine>(config);
    QString error;
    if (!engine->start(&error))
        qFatal("engine: %s", qPrintable(error));
    return engine;
}

void addEndpoints(Engine &engine, const QString &url, int count)
{
    for (int i = 0; i < count; ++i) {
        WebhookEndpointInput input;
        input.url = url + QStringLiteral("e%1").arg(i + 1);
        input.events = QStringList{EventType::ContactCreated};
        input.secretAction = WebhookEndpointInput::SecretAction::Generate;
        auto saved = engine.webhooks().create(input);
        if (!saved)
            qFatal("endpoint: %s", qPrintable(saved.error().message()));
    }
}

// Events in transactions of `batch`, each announced on commit like any domain change.
void emitEvents(Engine &engine, int first, int count, int batch)
{
    for (int done = 0; done < count;) {
        WriteTransaction tx(engine.database(), &engine.eventBus(), engine.clock());
        QString error;
        if (!tx.begin(&error))
            qFatal("%s", qPrintable(error));
        const int n = std::min(batch, count - done);
        for (int i = 0; i < n; ++i)
            if (!tx.recordEvent(EventType::ContactCreated, sampleContact(first + done + i), &error))
                qFatal("%s", qPrintable(error));
        if (!tx.commit(&error))
            qFatal("%s", qPrintable(error));
        done += n;
    }
}

int throughput(const QString &url, const QString &caFile, int endpoints, int events)
{
    QTemporaryDir dir;
    auto engine = startEngine(dir, caFile);
    addEndpoints(*engine, url, endpoints);
    const qint64 expected = static_cast<qint64>(endpoints) * events;
    qint64 succeeded = 0;
    qint64 failed = 0;
    QElapsedTimer timer;
    QObject::connect(engine.get(), &Engine::webhookAttemptsRecorded, engine.get(),
                     [&](const QList<WebhookAttempt> &attempts) {
                         for (const WebhookAttempt &attempt : attempts)
                             attempt.succeeded ? ++succeeded : ++failed;
                         if (succeeded + failed >= expected)
                             QCoreApplication::quit();
                     });
    QTimer::singleShot(0, engine.get(), [&] {
        timer.start();
        emitEvents(*engine, 1, events, 100);
    });
    QTimer::singleShot(300000, qApp, [] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    std::printf("%d endpoint(s), %d events: %lld deliveries 2xx-recorded in %.2f s = %.0f "
                "deliveries/s (%lld failed)\n",
                endpoints, events, static_cast<long long>(succeeded), seconds,
                static_cast<double>(succeeded) / seconds, static_cast<long long>(failed));
    return succeeded == expected ? 0 : 1;
}

int latency(int rate, int seconds)
{
    QTemporaryDir dir;
    TestCa ca;
    const QString caFile = dir.filePath(QStringLiteral("ca.pem"));
    ca.writeCaPem(caFile);
    ThreadedHttpsReceiver receiver;
    receiver.setCertificate(ca.issue());
    if (!receiver.start())
        qFatal("receiver: %s", qPrintable(receiver.errorString()));
    auto engine = startEngine(dir, caFile);
    addEndpoints(*engine, receiver.url(QStringLiteral("/")).toString(), 1);

    const int total = rate * seconds;
    int emitted = 0;
    QElapsedTimer clock;
    clock.start();
    QTimer ticker;
    // One event per transaction, as API requests make them, paced to the rate.
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
        const int due = std::min(total, static_cast<int>(clock.elapsed() * rate / 1000));
        for (; emitted < due; ++emitted)
            emitEvents(*engine, emitted + 1, 1, 1);
        if (emitted == total)
            ticker.stop();
    });
    ticker.start(2);
    while (receiver.count() < total && clock.elapsed() < (seconds + 60) * 1000LL)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const double achieved = emitted * 1000.0 / static_cast<double>(clock.elapsed());

    QList<qint64> latencies;
    for (const ReceivedRequest &request : receiver.requests()) {
        const QDateTime emittedAt = QDateTime::fromString(QJsonDocument::fromJson(request.body)
                                                              .object()
                                                              .value(QLatin1String("timestamp"))
                                                              .toString(),
                                                          Qt::ISODateWithMs);
        latencies.append(emittedAt.msecsTo(request.receivedAt));
    }
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double p) {
        return latencies.isEmpty()
                   ? -1
                   : latencies.at(std::min<qsizetype>(
                         latencies.size() - 1,
                         static_cast<qsizetype>(p * static_cast<double>(latencies.size()))));
    };
    std::printf("%d events at %d/s (%.0f/s achieved over the whole run): received %lld, "
                "emit-to-delivered p50 %lld ms, p99 %lld ms, max %lld ms\n",
                total, rate, achieved, static_cast<long long>(latencies.size()),
                static_cast<long long>(percentile(0.50)), static_cast<long long>(percentile(0.99)),
                static_cast<long long>(latencies.isEmpty() ? -1 : latencies.constLast()));
    return latencies.size() == total ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == QLatin1String("certs")) {
        TestCa ca;
        const IssuedCertificate leaf = ca.issue();
        const QDir dir(args[2]);
        return writeFile(dir.filePath(QStringLiteral("ca.pem")), ca.caPem()) &&
                       writeFile(dir.filePath(QStringLiteral("cert.pem")), leaf.certificatePem) &&
                       writeFile(dir.filePath(QStringLiteral("key.pem")), leaf.keyPem)
                   ? 0
                   : 1;
    }
    if (args.size() == 6 && args[1] == QLatin1String("throughput"))
        return throughput(args[2], args[3], args[4].toInt(), args[5].toInt());
    if (args.size() == 4 && args[1] == QLatin1String("latency"))
        return latency(args[2].toInt(), args[3].toInt());
    std::fprintf(stderr, "usage: bench_webhooks certs DIR | throughput URL CA ENDPOINTS EVENTS | "
                         "latency RATE SECONDS\n");
    return 2;
}
