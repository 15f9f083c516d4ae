#pragma once

#include "alerts/AlertSettings.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace botbat {

class Engine;

// "Alerts…": desktop notifications on or off, the alert webhook (e.g. a Slack incoming
// webhook; the URL goes to the secret store only and is never shown back), the burst window,
// and "Send Test Alert". Reads and saves on the engine's worker thread.
class AlertSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AlertSettingsDialog(Engine &engine, QWidget *parent = nullptr);

    bool isLoaded() const { return m_loaded; }

private:
    void load();
    void onLoaded(const AlertSettings &settings, const QString &error);
    void validateUrl();
    void sendTest();
    void save();
    void setBusy(bool busy);
    void showProblem(const QString &message);

    Engine &m_engine;
    QCheckBox *m_desktop = nullptr;
    QLineEdit *m_url = nullptr;
    QToolButton *m_reveal = nullptr;
    QPushButton *m_clearUrl = nullptr;
    QLabel *m_urlState = nullptr;
    QLabel *m_urlProblem = nullptr;
    QSpinBox *m_window = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    AlertSettings m_loadedSettings;
    bool m_loaded = false;
    bool m_removeUrl = false;
};

} // namespace botbat
