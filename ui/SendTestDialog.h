#pragma once

#include "models/WebhookAttemptDetails.h"
#include "webhooks/WebhookEndpoint.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace botbat {

class Engine;
class WebhookAttemptView;
class WebhookTestRun;

// Send Test for one endpoint: pick an event type, Send, and see what happened: the HTTP status,
// the response time, the response body and the headers that were sent (signatures included).
// The test is a real delivery of a sample payload through the dispatcher, recorded with the
// endpoint's attempts and never retried. If no attempt is recorded within the run's timeout
// (20 s), the dialog says so and what to check.
class SendTestDialog : public QDialog
{
    Q_OBJECT
public:
    SendTestDialog(Engine &engine, const WebhookEndpoint &endpoint, QWidget *parent = nullptr);

    WebhookTestRun &run() const { return *m_run; }
    qint64 endpointId() const { return m_endpoint.id; }
    QString eventType() const;
    void send();

private:
    void setSending(bool sending);
    void onFinished(const WebhookAttemptDetails &details);
    void onFailed(const QString &error);
    void onTimedOut();
    void updateTrigger();

    Engine &m_engine;
    WebhookEndpoint m_endpoint;
    WebhookTestRun *m_run;
    QComboBox *m_event = nullptr;
    QLabel *m_trigger = nullptr;
    QPushButton *m_send = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_problem = nullptr;
    WebhookAttemptView *m_view = nullptr;
};

} // namespace botbat
