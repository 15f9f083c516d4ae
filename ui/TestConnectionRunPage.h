#pragma once

#include "probe/ProbeReport.h"

#include <QHash>
#include <QWizardPage>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QTabWidget;

namespace botbat {

class ProbeSession;
class TestConnectionStepRow;

// Runs the test when shown and follows it step by step: each step's mark (waiting, running,
// passed, failed, skipped), what it found, and for the failing one the diagnosis and the fix;
// a progress bar; and once done the request as sent (credentials masked) and the answer.
// Back cancels a running test; Run Again repeats it with the same settings.
class TestConnectionRunPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit TestConnectionRunPage(ProbeSession &session, QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    void runAgain();
    bool isRunning() const { return m_running; }
    const std::optional<ProbeReport> &report() const { return m_report; }
    TestConnectionStepRow *row(ProbeStep::Kind kind) const { return m_rows.value(kind); }

private:
    void start();
    void onStep(const ProbeStep &step);
    void onFinished(const ProbeReport &report);

    ProbeSession &m_session;
    QHash<ProbeStep::Kind, TestConnectionStepRow *> m_rows;
    QScrollArea *m_scroll;
    QProgressBar *m_progress;
    QLabel *m_headline;
    QPushButton *m_again;
    QTabWidget *m_exchange;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    std::optional<ProbeReport> m_report;
    bool m_running = false;
};

} // namespace botbat
