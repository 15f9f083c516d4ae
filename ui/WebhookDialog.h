#pragma once

#include "domain/DomainError.h"
#include "webhooks/WebhookEndpoint.h"
#include "webhooks/WebhookEndpointInput.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace botbat {

class ClipboardGuard;

// Add Webhook and Edit Webhook: the endpoint's HTTPS URL, a description, the signing secret
// (generate, paste, reveal, copy), the events with what triggers each, and the delivery limits.
// Problems are said next to the field as they are typed (an http:// URL is refused here, before
// saving); the store's own validation errors land next to their fields too. Like the API key
// dialogs it does not save by itself: it emits submitted() and stays open (busy) while the page
// saves, so a refusal loses nothing typed. In Edit mode the stored secret is read only when the
// admin asks to reveal or copy it (secretRequested(), answered with setStoredSecret()).
class WebhookDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Add,
        Edit
    };

    // Add a new endpoint.
    explicit WebhookDialog(ClipboardGuard &clipboard, QWidget *parent = nullptr);
    // Edit endpoint.
    WebhookDialog(const WebhookEndpoint &endpoint, ClipboardGuard &clipboard,
                  QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    qint64 endpointId() const { return m_endpoint.id; }
    // What Save asks the store for; in Edit mode only what changed.
    WebhookEndpointInput input() const;
    QString url() const;
    QStringList events() const;
    bool isValid() const;

    void setBusy(bool busy);
    // The store refused: its message, and each field's problem next to that field.
    void showError(const DomainError &error);
    // The answer to secretRequested(): empty when the endpoint has no secret.
    void setStoredSecret(const QString &secret);
    void storedSecretFailed(const QString &error);

signals:
    void submitted();
    // Edit mode: reveal or copy needs the stored secret.
    void secretRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Pending
    {
        None,
        Reveal,
        Copy
    };

    void build();
    QWidget *createSecretRow();
    QWidget *createEvents();
    QWidget *createAdvanced();
    void onAllEventsClicked();
    void generateSecret();
    void toggleReveal(bool reveal);
    void copySecret();
    void requestStoredSecret(Pending then);
    void validate();
    bool urlValid(QString *problem) const;
    bool secretValid(QString *problem) const;
    bool hasStoredSecret() const;

    ClipboardGuard &m_clipboard;
    Mode m_mode;
    WebhookEndpoint m_endpoint;
    // Edit mode: the stored secret once loaded; m_secretEdited once the admin changed the field.
    QString m_storedSecret;
    bool m_storedSecretLoaded = false;
    bool m_secretEdited = false;
    Pending m_pending = Pending::None;
    bool m_urlEdited = false;
    bool m_eventsEdited = false;
    bool m_busy = false;
    QHash<QString, QString> m_serverErrors; // field -> message, until that field is edited

    QLineEdit *m_url = nullptr;
    QLabel *m_urlMessage = nullptr;
    QLineEdit *m_description = nullptr;
    QLabel *m_descriptionMessage = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_generate = nullptr;
    QToolButton *m_reveal = nullptr;
    QToolButton *m_copy = nullptr;
    QLabel *m_secretMessage = nullptr;
    QCheckBox *m_allEvents = nullptr;
    QHash<QString, QCheckBox *> m_eventChecks;
    QLabel *m_eventsMessage = nullptr;
    QLabel *m_nudge = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QGroupBox *m_advanced = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QLabel *m_advancedMessage = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace botbat
