#pragma once

#include "core/EngineConfig.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace botbat {

// What the command line asked for. parse() never exits the process: --help and --version and
// errors come back as text to print and an exit code.
struct CommandLine
{
    bool headless = false;
    EngineConfig engine;

    struct Exit
    {
        int code;
        QString text; // printed to stdout when code is 0, else to stderr
    };

    static std::variant<CommandLine, Exit> parse(const QStringList &arguments);
    static QString defaultDataDir();
};

} // namespace botbat
