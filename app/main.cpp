#include "CommandLine.h"
#include "HeadlessRunner.h"
#include "KeysCommand.h"
#include "core/Engine.h"
#include "core/LogSink.h"

#include <QCoreApplication>
#include <QTextStream>
#include <memory>

#ifdef BOTBAT_WITH_GUI
#include "ui/MainWindow.h"

#include <QApplication>
#include <QMessageBox>
#endif

using namespace botbat;

namespace {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BotBat"));
    QCoreApplication::setApplicationName(QStringLiteral("botbat-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BOTBAT_VERSION));
}

int runHeadless(int argc, char **argv, const CommandLine &options)
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    Engine engine(options.engine);
    return HeadlessRunner::run(engine);
}

#ifdef BOTBAT_WITH_GUI
bool displayAvailable()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

int runConsole(int argc, char **argv, const CommandLine &options)
{
    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("BotBat Integrations Console"));
    Engine engine(options.engine);
    QString error;
    if (!engine.start(&error)) {
        QMessageBox::critical(nullptr, QStringLiteral("BotBat engine could not start"), error);
        QTextStream(stderr) << "botbat-console: the engine could not start: " << error << Qt::endl;
        return 1;
    }
    MainWindow window(engine);
    window.show();
    const int code = QApplication::exec();
    engine.stop();
    return code;
}
#endif

} // namespace

int main(int argc, char **argv)
{
    // Identity first: the default data directory depends on it.
    setApplicationIdentity();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("keys")) {
        QCoreApplication app(argc, argv);
        return KeysCommand::run(arguments.mid(1));
    }
    const auto parsed = CommandLine::parse(arguments);
    if (const auto *done = std::get_if<CommandLine::Exit>(&parsed)) {
        QTextStream(done->code == 0 ? stdout : stderr) << done->text << Qt::endl;
        return done->code;
    }
    const CommandLine &options = std::get<CommandLine>(parsed);
    LogSink::install(options.engine.dataDir + QStringLiteral("/logs/botbat-console.log"));
#ifdef BOTBAT_WITH_GUI
    if (!options.headless) {
        if (displayAvailable())
            return runConsole(argc, argv, options);
        QTextStream(stderr) << "No display found: starting the engine headless (pass --headless "
                               "to say so explicitly)."
                            << Qt::endl;
    }
#else
    if (!options.headless)
        QTextStream(stderr) << "This build has no console window: running headless." << Qt::endl;
#endif
    return runHeadless(argc, argv, options);
}
