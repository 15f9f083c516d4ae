#pragma once

#include "apikeys/ApiKey.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace botbat {

// Rotation without downtime: explains what happens and asks how long the old key keeps working
// beside the new one (default 24 hours). Like CreateApiKeyDialog it emits submitted() and
// stays open, busy, while the page rotates the key, showing the store's error inline.
class RotateApiKeyDialog : public QDialog
{
    Q_OBJECT
public:
    RotateApiKeyDialog(const ApiKey &key, const QDateTime &now, QWidget *parent = nullptr);

    qint64 keyId() const { return m_key.id; }
    qint64 overlapMs() const;

    void setBusy(bool busy);
    void showError(const QString &error);

signals:
    void submitted();

private:
    enum Overlap
    {
        OneHour,
        OneDay,
        SevenDays,
        CustomHours
    };
    void updateEnd();

    ApiKey m_key;
    QDateTime m_now;
    QComboBox *m_overlap = nullptr;
    QSpinBox *m_hours = nullptr;
    QLabel *m_end = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_rotateButton = nullptr;
};

} // namespace botbat
