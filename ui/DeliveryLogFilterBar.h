#pragma once

#include "deliverylog/DeliveryLogFilter.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QTimer;
class QToolButton;

namespace botbat {

class Engine;

// The Delivery Log's filters, which combine: status (with a one-click "Failed only"), endpoint,
// event type, time range (preset or custom), HTTP status class and free text (applied after a
// short pause in typing, or at once with Enter). Emits filterChanged whenever the result changes.
class DeliveryLogFilterBar : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kTextDelayMs = 300;

    DeliveryLogFilterBar(Engine &engine, QWidget *parent = nullptr);

    // The filter the controls show; relative time ranges are taken from the engine's clock now.
    DeliveryLogFilter filter() const;
    // Shows filter in the controls (an endpoint not listed yet is added as "#id").
    void setFilter(const DeliveryLogFilter &filter);
    void setFailedOnly(bool failedOnly);
    void clear();
    // The endpoints to offer: id and label.
    void setEndpoints(const QList<QPair<qint64, QString>> &endpoints);
    void focusSearch();

signals:
    void filterChanged();

private:
    void changed();
    void updateTimeControls();

    Engine &m_engine;
    QComboBox *m_status = nullptr;
    QToolButton *m_failedOnly = nullptr;
    QComboBox *m_endpoint = nullptr;
    QComboBox *m_eventType = nullptr;
    QComboBox *m_time = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QComboBox *m_httpClass = nullptr;
    QLineEdit *m_text = nullptr;
    QToolButton *m_clear = nullptr;
    QTimer *m_textTimer = nullptr;
    bool m_applying = false;
};

} // namespace botbat
