#pragma once

#include "models/WebhookAttemptDetails.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace botbat {

// One delivery attempt in full: the outcome (status, time taken, error with what to do, next
// retry), then in tabs the response body, the headers that were sent, the payload and the
// response headers. Shared by Send Test and the attempt details dialog, so both read alike.
class WebhookAttemptView : public QWidget
{
    Q_OBJECT
public:
    explicit WebhookAttemptView(QWidget *parent = nullptr);

    // now: the engine's clock, for "in 2 minutes".
    void setDetails(const WebhookAttemptDetails &details, const QDateTime &now);
    void clear();

    QTabWidget *tabs() const { return m_tabs; }

    // Headers one per line, "Name: value".
    static QString headersText(const HeaderList &headers);
    // JSON indented for reading; anything else as UTF-8 text.
    static QString prettyBody(const QByteArray &body);

private:
    QPlainTextEdit *textPane(const QString &objectName);

    QLabel *m_result = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_duration = nullptr;
    QLabel *m_url = nullptr;
    QLabel *m_nextRetry = nullptr;
    QLabel *m_error = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_responseBody = nullptr;
    QPlainTextEdit *m_requestHeaders = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QPlainTextEdit *m_responseHeaders = nullptr;
};

} // namespace botbat
