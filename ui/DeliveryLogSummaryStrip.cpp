#include "DeliveryLogSummaryStrip.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace botbat {

namespace {

QLabel *figure(const QString &objectName, const QString &toolTip, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setToolTip(toolTip);
    label->setTextFormat(Qt::RichText);
    return label;
}

QString figureText(const QString &value, const QString &caption)
{
    return QStringLiteral("<span style=\"font-size:large\"><b>%1</b></span><br/>%2")
        .arg(value.toHtmlEscaped(), caption.toHtmlEscaped());
}

} // namespace

DeliveryLogSummaryStrip::DeliveryLogSummaryStrip(QWidget *parent) : QWidget(parent)
{
    m_deliveries = figure(QStringLiteral("logSummaryDeliveries"),
                          tr("Deliveries with at least one attempt that matches the filter"), this);
    m_attempts =
        figure(QStringLiteral("logSummaryAttempts"), tr("Attempts that match the filter"), this);
    m_successRate = figure(QStringLiteral("logSummarySuccessRate"),
                           tr("Share of the matching attempts that got a 2xx answer"), this);
    m_p95 = figure(QStringLiteral("logSummaryP95"),
                   tr("95% of the matching attempts were answered within this time"), this);

    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setBackgroundRoundness(0);
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setObjectName(QStringLiteral("logSummaryChart"));
    m_chartView->setToolTip(tr("Successful and failed attempts over the filter's time span"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(90);
    m_chartView->setMaximumHeight(110);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    for (QLabel *label : {m_deliveries, m_attempts, m_successRate, m_p95}) {
        label->setMinimumWidth(96);
        row->addWidget(label);
    }
    row->addWidget(m_chartView, 1);
    showLoading();
}

void DeliveryLogSummaryStrip::showLoading()
{
    for (QLabel *label : {m_deliveries, m_attempts, m_successRate, m_p95})
        label->setText(figureText(QStringLiteral("…"), QString()));
    m_deliveries->setText(figureText(QStringLiteral("…"), tr("counting…")));
}

void DeliveryLogSummaryStrip::showError(const QString &error)
{
    m_deliveries->setText(figureText(QStringLiteral("?"), tr("could not be counted")));
    m_deliveries->setToolTip(error);
}

void DeliveryLogSummaryStrip::setSummary(const DeliveryLogSummary &summary, bool pendingView)
{
    const QLocale locale;
    m_deliveries->setText(figureText(locale.toString(summary.deliveries),
                                     pendingView ? tr("pending deliveries") : tr("deliveries")));
    m_attempts->setText(figureText(locale.toString(summary.attempts), tr("attempts")));
    m_successRate->setText(
        figureText(summary.attempts > 0
                       ? locale.toString(summary.successRate() * 100, 'f', 1) + QLatin1Char('%')
                       : QStringLiteral("–"),
                   tr("success rate")));
    m_p95->setText(
        figureText(summary.attempts > 0 ? tr("%1 ms").arg(summary.p95Ms) : QStringLiteral("–"),
                   tr("p95 response")));

    QStringList categories;
    QList<qreal> succeededValues;
    QList<qreal> failedValues;
    const bool days = summary.bucketMs >= 24LL * 3600 * 1000;
    qint64 highest = 1;
    for (const DeliveryLogSummary::Bucket &bucket : summary.buckets) {
        succeededValues.append(double(bucket.succeeded));
        failedValues.append(double(bucket.failed));
        highest = std::max(highest, bucket.succeeded + bucket.failed);
        categories.append(
            locale.toString(bucket.start.toLocalTime(),
                            days ? QStringLiteral("MM-dd") : QStringLiteral("MM-dd HH:mm:ss")));
    }
    // Updated in place: the summary is read again every few seconds while attempts arrive, and
    // rebuilding the series each time would stall the GUI.
    if (!m_series) {
        m_succeeded = new QBarSet(tr("Succeeded"));
        m_failed = new QBarSet(tr("Failed"));
        m_succeeded->setColor(QColor(0x3a, 0xa5, 0x5d));
        m_failed->setColor(QColor(0xd0, 0x45, 0x45));
        m_series = new QStackedBarSeries;
        m_series->append(m_succeeded);
        m_series->append(m_failed);
        m_series->setBarWidth(0.9);
        m_chart->addSeries(m_series);
        m_x = new QBarCategoryAxis;
        m_x->setLabelsVisible(false);
        m_x->setGridLineVisible(false);
        m_y = new QValueAxis;
        m_y->setLabelFormat(QStringLiteral("%d"));
        m_y->setTickCount(2);
        m_chart->addAxis(m_x, Qt::AlignBottom);
        m_chart->addAxis(m_y, Qt::AlignLeft);
        m_series->attachAxis(m_x);
        m_series->attachAxis(m_y);
    }
    m_succeeded->remove(0, m_succeeded->count());
    m_failed->remove(0, m_failed->count());
    m_succeeded->append(succeededValues);
    m_failed->append(failedValues);
    m_x->setCategories(categories);
    m_y->setRange(0, double(highest));
    m_chartView->setToolTip(
        tr("Successful and failed attempts from %1 to %2, %3 per bar")
            .arg(locale.toString(summary.first.toLocalTime(), QLocale::ShortFormat),
                 locale.toString(summary.last.toLocalTime(), QLocale::ShortFormat),
                 summary.bucketMs >= 3600000
                     ? tr("%1 h").arg(summary.bucketMs / 3600000.0, 0, 'f', 1)
                 : summary.bucketMs >= 60000
                     ? tr("%1 min").arg(summary.bucketMs / 60000.0, 0, 'f', 1)
                     : tr("%1 s").arg(summary.bucketMs / 1000)));
}

QString DeliveryLogSummaryStrip::text() const
{
    QStringList parts;
    for (QLabel *label : {m_deliveries, m_attempts, m_successRate, m_p95}) {
        QString plain = label->text();
        plain.replace(QStringLiteral("<br/>"), QStringLiteral(" "));
        plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
        parts.append(plain.trimmed());
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace botbat
