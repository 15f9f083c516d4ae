#pragma once

#include "deliverylog/DeliveryLogFilter.h"
#include "deliverylog/DeliveryLogStore.h"

#include <QWidget>
#include <functional>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace botbat {

class DeliveryLogDetailsPane;
class DeliveryLogFilterBar;
class DeliveryLogModel;
class DeliveryLogSummaryStrip;
class Engine;
class PageActivity;
class PageHeader;

// The Delivery Log tab, where support staff find a delivery, see what was sent and answered, fix
// the cause and send it again: every stored attempt, newest first, under filters that combine,
// live as attempts happen (pause to read; a counter says how many arrived meanwhile) without
// losing the selection or scroll position; a details pane; a summary strip with a chart; and
// actions: retry now, retry all failed in the filter (with count and confirmation), copy the
// payload or a curl command, export the filtered rows to CSV or JSON.
class DeliveryLogPage : public QWidget
{
    Q_OBJECT
public:
    // Returns the file to export to, or empty to cancel (a QFileDialog unless set).
    using PathChooser = std::function<QString(DeliveryLogStore::ExportFormat format)>;

    static constexpr int kSummaryDelayMs = 400;
    static constexpr int kSummaryLiveIntervalMs = 5000;

    explicit DeliveryLogPage(Engine &engine, QWidget *parent = nullptr);
    ~DeliveryLogPage() override;

    // Shows the log filtered to endpointId (0: all), failed attempts only when failedOnly.
    void openFiltered(qint64 endpointId, bool failedOnly);
    void setFilter(const DeliveryLogFilter &filter);
    void refresh();
    void setPathChooser(PathChooser chooser) { m_chooser = std::move(chooser); }
    void exportTo(DeliveryLogStore::ExportFormat format, const QString &path);

    DeliveryLogModel &model() const { return *m_model; }
    DeliveryLogFilterBar *filterBar() const { return m_filters; }
    DeliveryLogDetailsPane *details() const { return m_details; }
    DeliveryLogSummaryStrip *summary() const { return m_summary; }
    QTableView *table() const { return m_table; }
    QAction *pauseAction() const { return m_pause; }
    QAction *retryFailedAction() const { return m_retryFailed; }

signals:
    // An export ended: rows written, or -1 when it failed or was cancelled.
    void exported(const QString &path, qint64 rows);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyFilter();
    void loadSummary();
    void selectionChanged();
    void updateNewRows(qint64 count);
    void updateEmptyState();
    void loadEndpoints();
    void resend(qint64 deliveryId);
    void retryFailedInFilter();
    void exportRows(DeliveryLogStore::ExportFormat format);

    Engine &m_engine;
    DeliveryLogModel *m_model = nullptr;
    PageHeader *m_header = nullptr;
    DeliveryLogFilterBar *m_filters = nullptr;
    DeliveryLogSummaryStrip *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QLabel *m_emptyState = nullptr;
    DeliveryLogDetailsPane *m_details = nullptr;
    PageActivity *m_activity = nullptr;
    QLabel *m_newRows = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_retryFailed = nullptr;
    QAction *m_exportCsv = nullptr;
    QAction *m_exportJson = nullptr;
    QAction *m_search = nullptr;
    QTimer *m_summaryTimer = nullptr;
    PathChooser m_chooser;
    qint64 m_selectedKey = 0;
    int m_summaryGeneration = 0;
    bool m_summaryStale = false;
    bool m_started = false;
    bool m_readingShown = false;
};

} // namespace botbat
