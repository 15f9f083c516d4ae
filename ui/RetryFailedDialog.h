#pragma once

#include <QDateTime>
#include <QDialog>

class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace botbat {

// "Retry all failed since…" for one endpoint: a time (24 hours ago unless changed), then the
// endpoint's permanently failed deliveries since then are queued again. The page does the work
// (submitted()); the dialog stays open and confirms with the count, or says why not.
class RetryFailedDialog : public QDialog
{
    Q_OBJECT
public:
    // now: the engine's clock.
    RetryFailedDialog(const QString &endpointUrl, const QDateTime &now, QWidget *parent = nullptr);

    QDateTime since() const; // UTC
    void setSince(const QDateTime &since);
    void setBusy(bool busy);
    void showResult(int count);
    void showError(const QString &error);

signals:
    void submitted();

private:
    QDateTimeEdit *m_since = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_result = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_retry = nullptr;
    QDateTime m_now;
    bool m_done = false;
};

} // namespace botbat
