#pragma once

#include "deliverylog/DeliveryLogSummary.h"

#include <QWidget>

class QLabel;
class QChart;
class QChartView;
class QStackedBarSeries;
class QBarCategoryAxis;
class QBarSet;
class QValueAxis;

namespace botbat {

// Over the Delivery Log's table: for the current filter, how many deliveries and attempts, the
// success rate and the p95 response time, beside a small chart of successes and failures over
// time (Qt Charts). The figures are read in the background; until they arrive it says so.
class DeliveryLogSummaryStrip : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryLogSummaryStrip(QWidget *parent = nullptr);

    void showLoading();
    void setSummary(const DeliveryLogSummary &summary, bool pendingView);
    void showError(const QString &error);

    QString text() const; // the figures as shown, for tests and screen readers
    QChartView *chartView() const { return m_chartView; }

private:
    QLabel *m_deliveries = nullptr;
    QLabel *m_attempts = nullptr;
    QLabel *m_successRate = nullptr;
    QLabel *m_p95 = nullptr;
    QChartView *m_chartView = nullptr;
    QChart *m_chart = nullptr;
    QStackedBarSeries *m_series = nullptr;
    QBarSet *m_succeeded = nullptr;
    QBarSet *m_failed = nullptr;
    QBarCategoryAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
};

} // namespace botbat
