#include "TestConnectionStepRow.h"

#include "PageLabels.h"
#include "StatusColors.h"
#include "TestConnectionStepIcon.h"

#include <QGridLayout>
#include <QLabel>

namespace botbat {

namespace {
constexpr int kIconSize = 20;
}

TestConnectionStepRow::TestConnectionStepRow(ProbeStep::Kind kind, QWidget *parent)
    : QWidget(parent), m_kind(kind), m_icon(new QLabel(this)),
      m_title(new QLabel(ProbeStep::title(kind), this))
{
    const QString key = ProbeStep::key(kind);
    setObjectName(QStringLiteral("stepRow_") + key);
    m_icon->setObjectName(QStringLiteral("stepIcon_") + key);
    m_icon->setFixedSize(kIconSize, kIconSize);
    m_title->setObjectName(QStringLiteral("stepTitle_") + key);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_summary = PageLabels::wrapped(QStringLiteral("stepSummary_") + key, QString(),
                                    StatusColors::muted(), this);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("stepDetails_") + key);
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_diagnosis = PageLabels::wrapped(QStringLiteral("stepDiagnosis_") + key, QString(),
                                      StatusColors::errorText(), this);
    m_diagnosis->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fix = PageLabels::wrapped(QStringLiteral("stepFix_") + key, QString(),
                                palette().color(QPalette::WindowText), this);
    m_fix->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setHorizontalSpacing(10);
    layout->setVerticalSpacing(3);
    layout->addWidget(m_icon, 0, 0, Qt::AlignTop);
    layout->addWidget(m_title, 0, 1);
    layout->addWidget(m_summary, 1, 1);
    layout->addWidget(m_details, 2, 1);
    layout->addWidget(m_diagnosis, 3, 1);
    layout->addWidget(m_fix, 4, 1);
    layout->setColumnStretch(1, 1);
    reset();
}

void TestConnectionStepRow::reset()
{
    setState(ProbeStep::State::Pending);
    m_summary->setText(tr("Waiting"));
    m_details->clear();
    m_details->hide();
    m_diagnosis->hide();
    m_fix->hide();
}

void TestConnectionStepRow::setState(ProbeStep::State state)
{
    m_state = state;
    m_icon->setPixmap(TestConnectionStepIcon::pixmap(state, kIconSize, devicePixelRatioF()));
    m_icon->setToolTip(TestConnectionStepIcon::stateText(state));
    m_icon->setAccessibleName(TestConnectionStepIcon::stateText(state));
    QPalette palette = m_title->palette();
    palette.setColor(QPalette::WindowText,
                     state == ProbeStep::State::Skipped || state == ProbeStep::State::Pending
                         ? StatusColors::muted()
                         : this->palette().color(QPalette::WindowText));
    m_title->setPalette(palette);
}

void TestConnectionStepRow::setStep(const ProbeStep &step)
{
    setState(step.state);
    QString summary = step.summary;
    // Checks that cost no time, and the HTTP step whose summary has its time, show none.
    const bool timed =
        step.kind != ProbeStep::Kind::Url && step.kind != ProbeStep::Kind::Signature &&
        !(step.kind == ProbeStep::Kind::Http && step.state == ProbeStep::State::Passed);
    if (step.state == ProbeStep::State::Running)
        summary = tr("Running\u2026");
    else if (timed && step.elapsedMs >= 0 && step.state != ProbeStep::State::Skipped)
        summary = tr("%1 (%2 ms)").arg(step.summary).arg(step.elapsedMs);
    m_summary->setText(summary);
    QList<QPair<QString, QString>> details;
    for (const auto &detail : step.details)
        if (detail.first != QLatin1String("Time")) // the summary has it
            details.append(detail);
    if (details.isEmpty()) {
        m_details->hide();
    } else if (step.state == ProbeStep::State::Failed || step.kind == ProbeStep::Kind::Signature) {
        // What a failed step found is what the fix is about, and signatures are read one by one:
        // a table of their own.
        QString rows;
        for (const auto &[label, value] : details)
            rows += QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td>"
                                   "<td>%2</td></tr>")
                        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
        m_details->setText(
            QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">%1</table>").arg(rows));
        m_details->show();
    } else {
        QStringList parts;
        for (const auto &[label, value] : details)
            parts.append(QStringLiteral("<b>%1</b>&nbsp;%2")
                             .arg(label.toHtmlEscaped(), value.toHtmlEscaped()));
        m_details->setText(parts.join(QStringLiteral(" &nbsp;\u00b7&nbsp; ")));
        m_details->show();
    }
    const bool failed = step.state == ProbeStep::State::Failed;
    m_diagnosis->setText(step.diagnosis);
    m_diagnosis->setVisible(failed && !step.diagnosis.isEmpty());
    m_fix->setText(tr("What to do: %1").arg(step.fix));
    m_fix->setVisible(failed && !step.fix.isEmpty());
}

} // namespace botbat
