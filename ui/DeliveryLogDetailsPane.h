#pragma once

#include "deliverylog/DeliveryLogEntry.h"
#include "models/WebhookAttemptDetails.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace botbat {

class Engine;
class WebhookAttemptView;

// The Delivery Log's details of the selected row: what was sent (URL, headers, payload as
// highlighted JSON) and answered (status, headers, body), the time taken, the error with what
// to do, the next retry, and the delivery's whole attempt history as a timeline (pick an attempt
// to see it). Actions: resend now, copy the payload, copy the request as a curl command. Reads
// on the engine's worker thread; shows "Loading" meanwhile.
class DeliveryLogDetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryLogDetailsPane(Engine &engine, QWidget *parent = nullptr);

    // Shows entry (reads its details); an entry with deliveryId 0 clears the pane.
    void showEntry(const DeliveryLogEntry &entry);
    void clear();

    qint64 deliveryId() const { return m_details.delivery.id; }
    qint64 attemptId() const { return m_details.attempt.id; }
    bool isLoaded() const { return m_loaded; }
    QListWidget *timeline() const { return m_timeline; }
    WebhookAttemptView *attemptView() const { return m_view; }
    // What the copy actions put on the clipboard.
    QString curlCommand() const;
    QString payloadText() const;

signals:
    void resendRequested(qint64 deliveryId);
    void loaded();
    void copied(const QString &what);

private:
    void load(qint64 deliveryId, qint64 attemptId);
    void showDetails(const WebhookAttemptDetails &details, const QList<WebhookAttempt> &history);
    void showAttempt(int index);

    Engine &m_engine;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_pending = nullptr;
    QListWidget *m_timeline = nullptr;
    WebhookAttemptView *m_view = nullptr;
    QPushButton *m_resend = nullptr;
    QPushButton *m_copyPayload = nullptr;
    QPushButton *m_copyCurl = nullptr;
    WebhookAttemptDetails m_details;
    QList<WebhookAttempt> m_history;
    int m_generation = 0;
    bool m_loaded = false;
};

} // namespace botbat
