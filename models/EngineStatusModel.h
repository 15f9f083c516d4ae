#pragma once

#include "core/EngineStatus.h"

#include <QObject>
#include <QUrl>

namespace botbat {

class Engine;

// The engine's status as the status bar and the Overview banner phrase it. Starts from
// engine.status() and follows statusChanged, so the window needs no engine calls of its own.
class EngineStatusModel : public QObject
{
    Q_OBJECT
public:
    // How a state should look: a view maps these to colours.
    enum class Tone
    {
        Neutral,
        Good,
        Busy,
        Bad
    };
    Q_ENUM(Tone)

    explicit EngineStatusModel(Engine &engine, QObject *parent = nullptr);

    const EngineStatus &status() const { return m_status; }

    QString stateText() const; // "Engine: Running"
    QString stateToolTip() const;
    Tone stateTone() const;

    QString apiText() const; // "API http://127.0.0.1:8420"
    QString apiToolTip() const;
    QUrl apiUrl() const; // EngineStatus::httpUrl; empty while not listening

    QString databaseText() const; // "SQLite: /home/me/.local/share/botbat/botbat.db"
    QString databaseToolTip() const;

    bool secretStoreAvailable() const { return m_status.secretStoreAvailable; }
    QString secretStoreProblemText() const; // what happened and what to do next

signals:
    void changed();

private:
    void update(const EngineStatus &status);

    EngineStatus m_status;
};

} // namespace botbat
