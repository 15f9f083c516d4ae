// botbat-test-receiver: an HTTPS webhook receiver in its own process, for benchmarks and crash
// tests that must not share a process with the engine or the test. Usage: --help.

#include "HttpsReceiver.h"
#include "TestCa.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

using namespace botbat::test;

namespace {

int s_signalPipe[2] = {-1, -1};

// Only async-signal-safe work here: wake the event loop through the pipe.
void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(s_signalPipe[1], &byte, 1);
}

bool installTerminationHandlers()
{
    if (::pipe2(s_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 &&
           ::sigaction(SIGINT, &action, nullptr) == 0;
}

[[noreturn]] void usageError(const QString &message)
{
    std::fprintf(stderr, "botbat-test-receiver: %s\n", qPrintable(message));
    std::exit(2);
}

int intOption(const QCommandLineParser &parser, const QString &name, int minimum, int maximum)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        usageError(QStringLiteral("--%1 must be a whole number from %2 to %3")
                       .arg(name)
                       .arg(minimum)
                       .arg(maximum));
    return value;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("botbat-test-receiver"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "HTTPS webhook receiver for tests. Makes a throwaway CA, serves on 127.0.0.1 with a "
        "certificate for localhost, prints \"PORT <n>\" once listening (after --ca-out is "
        "written), and on SIGTERM, SIGINT or after --duration prints \"RECEIVED <n> DISTINCT <m>\" "
        "(m: distinct X-BotBat-Delivery values) and exits 0."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("ca-out"), QStringLiteral("Write the CA certificate (PEM) to FILE."),
         QStringLiteral("FILE")},
        {QStringLiteral("port"), QStringLiteral("Listen on port N (default: ephemeral)."),
         QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("status"), QStringLiteral("Answer every request with status N."),
         QStringLiteral("N"), QStringLiteral("200")},
        {QStringLiteral("delay-ms"), QStringLiteral("Answer each request N ms after it arrives."),
         QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("duration"),
         QStringLiteral("Exit after S seconds (default: run until "
                        "signalled)."),
         QStringLiteral("S")},
    });
    parser.process(app);

    ScriptedResponse response;
    response.status = intOption(parser, QStringLiteral("status"), 100, 599);
    response.delayMs = intOption(parser, QStringLiteral("delay-ms"), 0, 3600 * 1000);
    const auto port = quint16(intOption(parser, QStringLiteral("port"), 0, 65535));
    double durationSeconds = 0;
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        durationSeconds = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || durationSeconds <= 0)
            usageError(QStringLiteral("--duration must be a positive number of seconds"));
    }

    const TestCa ca;
    const QString caOut = parser.value(QStringLiteral("ca-out"));
    if (!caOut.isEmpty() && !ca.writeCaPem(caOut)) {
        std::fprintf(stderr, "botbat-test-receiver: cannot write the CA certificate to %s\n",
                     qPrintable(caOut));
        return 1;
    }

    HttpsReceiver receiver;
    receiver.setCertificate(ca.issue());
    // Only the tallies are reported, so a long run keeps no request in memory.
    receiver.setCountOnly(QByteArrayLiteral("X-BotBat-Delivery"));
    receiver.setDefaultResponse(response);
    if (!receiver.listen(port)) {
        std::fprintf(stderr, "botbat-test-receiver: %s\n", qPrintable(receiver.errorString()));
        return 1;
    }

    if (!installTerminationHandlers()) {
        std::perror("botbat-test-receiver: cannot install signal handlers");
        return 1;
    }
    QSocketNotifier signalNotifier(s_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    if (durationSeconds > 0)
        QTimer::singleShot(qRound(durationSeconds * 1000), &app, &QCoreApplication::quit);

    std::printf("PORT %u\n", unsigned(receiver.port()));
    std::fflush(stdout);
    app.exec();

    receiver.close();
    std::printf("RECEIVED %lld DISTINCT %lld\n", static_cast<long long>(receiver.count()),
                static_cast<long long>(
                    receiver.distinctHeaderValues(QByteArrayLiteral("X-BotBat-Delivery")).size()));
    std::fflush(stdout);
    return 0;
}
