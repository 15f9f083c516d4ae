#pragma once

#include <QWizardPage>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QRadioButton;

namespace botbat {

// What the test sends: the sample payload of an event type, in the envelope deliveries use, or
// free JSON sent exactly as typed (checked as it is typed; invalid JSON cannot be sent).
class TestConnectionPayloadPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit TestConnectionPayloadPage(QWidget *parent = nullptr);

    // Empty when free JSON is chosen.
    QString eventType() const;
    QString freeJson() const;
    bool isComplete() const override;
    void initializePage() override;

private:
    void update();
    QString jsonProblem() const;

    QRadioButton *m_template;
    QRadioButton *m_free;
    QComboBox *m_event;
    QLabel *m_trigger;
    QPlainTextEdit *m_json;
    QLabel *m_status;
    QString m_typed; // free JSON kept while a template is previewed
    bool m_initialized = false;
};

} // namespace botbat
