#pragma once

#include "models/WebhookAttemptDetails.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace botbat {

class WebhookAttemptView;

// One attempt of a webhook delivery in full, opened from the recent attempts table: what was
// sent (URL, headers, payload) and what came back (status, headers, body), the error with what
// to do, and the next retry. The page loads the attempt on the worker thread and hands it over
// with setDetails(); until then the dialog says it is loading.
class AttemptDetailsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AttemptDetailsDialog(qint64 attemptId, QWidget *parent = nullptr);

    qint64 attemptId() const { return m_attemptId; }
    qint64 deliveryId() const { return m_details.delivery.id; }
    void setDetails(const WebhookAttemptDetails &details, const QDateTime &now);
    void showError(const QString &error);

signals:
    void resendRequested(qint64 deliveryId);

private:
    qint64 m_attemptId;
    WebhookAttemptDetails m_details;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    WebhookAttemptView *m_view = nullptr;
    QPushButton *m_resend = nullptr;
};

} // namespace botbat
