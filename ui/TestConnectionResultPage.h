#pragma once

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace botbat {

class ClipboardGuard;
class Engine;

// The connection test's last page: what the run concluded, and for a new URL that passed,
// Save as Webhook in one click (subscribed to the tested event, with a new signing secret shown
// once). Webhooks authenticate by signature, so credentials typed for the test are not kept.
class TestConnectionResultPage : public QWizardPage
{
    Q_OBJECT
public:
    TestConnectionResultPage(Engine &engine, ClipboardGuard &clipboard, QWidget *parent = nullptr);

    void initializePage() override;
    void save();
    qint64 savedEndpointId() const { return m_savedId; }

signals:
    void webhookSaved(qint64 endpointId);

private:
    void setSaving(bool saving);

    Engine &m_engine;
    ClipboardGuard &m_clipboard;
    QLabel *m_headline;
    QLabel *m_text;
    QWidget *m_saveBox;
    QComboBox *m_event;
    QLineEdit *m_description;
    QPushButton *m_save;
    QLabel *m_saveNote;
    QLabel *m_saveProblem;
    QWidget *m_savedBox;
    QLabel *m_saved;
    QLineEdit *m_secret;
    QPushButton *m_copy;
    qint64 m_savedId = 0;
    QString m_savedUrl;
};

} // namespace botbat
