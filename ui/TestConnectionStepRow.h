#pragma once

#include "probe/ProbeStep.h"

#include <QWidget>

class QLabel;

namespace botbat {

// One step of the connection test on the run page: its state mark, title and one-line result,
// what it found (label/value rows), and when it failed, the diagnosis and the fix.
class TestConnectionStepRow : public QWidget
{
    Q_OBJECT
public:
    TestConnectionStepRow(ProbeStep::Kind kind, QWidget *parent = nullptr);

    void reset();
    void setStep(const ProbeStep &step);
    ProbeStep::Kind kind() const { return m_kind; }
    ProbeStep::State state() const { return m_state; }

private:
    void setState(ProbeStep::State state);

    ProbeStep::Kind m_kind;
    ProbeStep::State m_state = ProbeStep::State::Pending;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_details;
    QLabel *m_diagnosis;
    QLabel *m_fix;
};

} // namespace botbat
