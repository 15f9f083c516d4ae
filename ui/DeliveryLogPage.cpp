#include "DeliveryLogPage.h"

#include "DeliveryLogDetailsPane.h"
#include "DeliveryLogFilterBar.h"
#include "DeliveryLogSummaryStrip.h"
#include "Icons.h"
#include "PageActions.h"
#include "PageActivity.h"
#include "PageHeader.h"
#include "core/Engine.h"
#include "models/DeliveryLogModel.h"
#include "models/DeliveryLogReader.h"
#include "models/WebhookStoreCall.h"
#include "storage/Database.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <atomic>

namespace botbat {

DeliveryLogPage::DeliveryLogPage(Engine &engine, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_model(new DeliveryLogModel(engine, this))
{
    m_header = new PageHeader(
        tr("Delivery log"),
        tr("Every outgoing webhook attempt, newest first and live: find a delivery, see exactly "
           "what was sent and answered, fix the cause and send it again."),
        tr("New attempts appear as they happen; F5 reads the log again."),
        {QStringLiteral("logTitle"), QStringLiteral("logIntro"), QStringLiteral("logUpdated")},
        this);

    m_refresh = PageActions::create(Icons::refresh(), tr("Refresh"), QStringLiteral("logRefresh"),
                                    QKeySequence(Qt::Key_F5), tr("Read the log again (%1)"), this);
    m_pause = PageActions::create(QIcon(), tr("Pause"), QStringLiteral("logPause"),
                                  QKeySequence(Qt::CTRL | Qt::Key_P),
                                  tr("Stop showing new attempts while you read; they are counted "
                                     "and shown when you resume (%1)"),
                                  this);
    m_pause->setCheckable(true);
    m_retryFailed = PageActions::create(Icons::send(), tr("Retry Failed…"),
                                        QStringLiteral("logRetryFailed"), QKeySequence(),
                                        tr("Retry every permanently failed delivery that has an "
                                           "attempt in the current filter (asks first)"),
                                        this);
    m_exportCsv = PageActions::create(QIcon(), tr("Export CSV…"), QStringLiteral("logExportCsv"),
                                      QKeySequence(Qt::CTRL | Qt::Key_E),
                                      tr("Save the filtered rows as CSV (%1)"), this);
    m_exportJson = PageActions::create(QIcon(), tr("Export JSON…"), QStringLiteral("logExportJson"),
                                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                                       tr("Save the filtered rows as a JSON array (%1)"), this);
    m_search = new QAction(this);
    m_search->setShortcut(QKeySequence::Find);
    m_search->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_search);
    for (QAction *action : {m_refresh, m_pause, m_exportCsv, m_exportJson}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(
        PageActions::toolButton(m_refresh, QStringLiteral("logRefreshButton"), this));
    toolbar->addWidget(PageActions::toolButton(m_pause, QStringLiteral("logPauseButton"), this));
    m_newRows = new QLabel(this);
    m_newRows->setObjectName(QStringLiteral("logNewRows"));
    m_newRows->setToolTip(tr("Attempts that arrived while the log was paused; click to show them"));
    m_newRows->hide();
    toolbar->addWidget(m_newRows);
    toolbar->addStretch(1);
    toolbar->addWidget(
        PageActions::toolButton(m_retryFailed, QStringLiteral("logRetryFailedButton"), this));
    toolbar->addWidget(
        PageActions::toolButton(m_exportCsv, QStringLiteral("logExportCsvButton"), this));
    toolbar->addWidget(
        PageActions::toolButton(m_exportJson, QStringLiteral("logExportJsonButton"), this));

    m_filters = new DeliveryLogFilterBar(engine, this);
    m_filters->setObjectName(QStringLiteral("logFilters"));
    m_summary = new DeliveryLogSummaryStrip(this);
    m_summary->setObjectName(QStringLiteral("logSummary"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("logTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    // Uniform, fixed rows: a log of a million rows scrolls without measuring any of them.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->resizeSection(DeliveryLogModel::TimeColumn, 140);
    columns->resizeSection(DeliveryLogModel::SourceColumn, 70);
    columns->resizeSection(DeliveryLogModel::EndpointColumn, 120);
    columns->resizeSection(DeliveryLogModel::EventColumn, 140);
    columns->resizeSection(DeliveryLogModel::AttemptColumn, 58);
    columns->resizeSection(DeliveryLogModel::HttpStatusColumn, 72);
    columns->resizeSection(DeliveryLogModel::DurationColumn, 96);

    m_emptyState = new QLabel(this);
    m_emptyState->setObjectName(QStringLiteral("logEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_tableStack = new QStackedWidget(this);
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(m_emptyState);

    m_details = new DeliveryLogDetailsPane(engine, this);
    m_details->setObjectName(QStringLiteral("logDetails"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("logSplitter"));
    splitter->addWidget(m_tableStack);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({880, 520});
    splitter->setChildrenCollapsible(false);

    m_activity = new PageActivity({QStringLiteral("logMessage"), QStringLiteral("logBusyLabel"),
                                   QStringLiteral("logBusy"), QStringLiteral("logError")},
                                  this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addLayout(toolbar);
    layout->addWidget(m_filters);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_activity);

    m_summaryTimer = new QTimer(this);
    m_summaryTimer->setSingleShot(true);
    connect(m_summaryTimer, &QTimer::timeout, this, &DeliveryLogPage::loadSummary);

    connect(m_refresh, &QAction::triggered, this, &DeliveryLogPage::refresh);
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        m_model->setPaused(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        updateNewRows(m_model->newWhilePaused());
    });
    connect(m_newRows, &QLabel::linkActivated, this, [this] { m_pause->setChecked(false); });
    connect(m_retryFailed, &QAction::triggered, this, &DeliveryLogPage::retryFailedInFilter);
    connect(m_exportCsv, &QAction::triggered, this,
            [this] { exportRows(DeliveryLogStore::ExportFormat::Csv); });
    connect(m_exportJson, &QAction::triggered, this,
            [this] { exportRows(DeliveryLogStore::ExportFormat::Json); });
    connect(m_search, &QAction::triggered, m_filters, &DeliveryLogFilterBar::focusSearch);
    connect(m_filters, &DeliveryLogFilterBar::filterChanged, this, &DeliveryLogPage::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DeliveryLogPage::selectionChanged);
    connect(m_details, &DeliveryLogDetailsPane::resendRequested, this, &DeliveryLogPage::resend);
    connect(m_details, &DeliveryLogDetailsPane::copied, m_activity, &PageActivity::showMessage);

    connect(m_model, &DeliveryLogModel::firstPageLoaded, this, [this] {
        m_header->markUpdated();
        updateEmptyState();
        if (m_selectedKey != 0) {
            const int row = m_model->rowOfKey(m_selectedKey);
            if (row >= 0)
                m_table->selectRow(row);
        }
    });
    connect(m_model, &DeliveryLogModel::loadFailed, this, [this](const QString &error) {
        m_activity->showMessage(tr("The log could not be read: %1").arg(error));
    });
    // Long reads (a rare word searched in every payload) show as work under way.
    connect(m_model, &DeliveryLogModel::loadingChanged, this, [this] {
        if (m_model->isLoading() && !m_readingShown) {
            m_readingShown = true;
            m_activity->beginWork(tr("Reading the log…"));
        } else if (!m_model->isLoading() && m_readingShown) {
            m_readingShown = false;
            m_activity->endWork();
        }
    });
    connect(m_model, &DeliveryLogModel::newWhilePausedChanged, this,
            &DeliveryLogPage::updateNewRows);
    // Live rows go on top; a reader who scrolled down keeps the rows in view where they are.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first, int last) {
                if (first != 0 || m_model->rowCount() == 0)
                    return;
                QScrollBar *bar = m_table->verticalScrollBar();
                const int shift = last - first + 1;
                const int value = bar->value();
                if (value > 0)
                    QTimer::singleShot(0, bar,
                                       [bar, value, shift] { bar->setValue(value + shift); });
            });
    connect(m_model, &DeliveryLogModel::liveRowsInserted, this, [this] {
        updateEmptyState();
        // The summary scans every matching row: read again every few seconds while someone
        // looks at it, and once the tab is shown again otherwise.
        m_summaryStale = true;
        if (isVisible() && !m_summaryTimer->isActive())
            m_summaryTimer->start(kSummaryLiveIntervalMs);
    });
    connect(&engine, &Engine::webhookEndpointChanged, this, &DeliveryLogPage::loadEndpoints);
    connect(&engine, &Engine::webhookEndpointRemoved, this, &DeliveryLogPage::loadEndpoints);
    updateEmptyState();
}

DeliveryLogPage::~DeliveryLogPage() = default;

void DeliveryLogPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_started) {
        m_started = true;
        loadEndpoints();
        applyFilter();
    } else if (m_summaryStale && !m_summaryTimer->isActive()) {
        loadSummary();
    }
}

void DeliveryLogPage::openFiltered(qint64 endpointId, bool failedOnly)
{
    DeliveryLogFilter filter;
    filter.endpointId = endpointId;
    filter.status = failedOnly ? DeliveryLogFilter::StatusFilter::Failing
                               : DeliveryLogFilter::StatusFilter::Any;
    setFilter(filter);
}

void DeliveryLogPage::setFilter(const DeliveryLogFilter &filter)
{
    m_started = true;
    m_filters->setFilter(filter); // emits filterChanged -> applyFilter
}

void DeliveryLogPage::refresh()
{
    m_started = true;
    loadEndpoints();
    applyFilter();
}

void DeliveryLogPage::applyFilter()
{
    const QModelIndex current = m_table->currentIndex();
    m_selectedKey = current.isValid() ? current.data(DeliveryLogModel::KeyRole).toLongLong() : 0;
    m_model->setFilter(m_filters->filter());
    m_summary->showLoading();
    m_summaryTimer->start(kSummaryDelayMs);
    updateEmptyState();
}

void DeliveryLogPage::loadSummary()
{
    m_summaryStale = false;
    const DeliveryLogFilter filter = m_model->filter();
    const int generation = ++m_summaryGeneration;
    if (m_engine.status().state != EngineState::Running) {
        m_summary->showError(WebhookStoreCall::notRunning().message());
        return;
    }
    Database *database = &m_engine.database();
    // On the engine's worker, not the log's reader: a slow count never holds up scrolling.
    m_engine.runInBackground(
        this,
        [database, filter] {
            DeliveryLogStore store(*database);
            return store.summary(filter, 48);
        },
        [this, generation, filter](const DomainResult<DeliveryLogSummary> &result) {
            if (generation != m_summaryGeneration)
                return;
            if (!result) {
                m_summary->showError(result.error().message());
                return;
            }
            m_summary->setSummary(result.value(), filter.pendingView());
        });
}

void DeliveryLogPage::selectionChanged()
{
    const QModelIndex current = m_table->currentIndex();
    const DeliveryLogEntry *entry = current.isValid() ? m_model->entryAt(current.row()) : nullptr;
    if (!entry) {
        m_details->clear();
        return;
    }
    m_selectedKey = entry->key;
    m_details->showEntry(*entry);
}

void DeliveryLogPage::updateNewRows(qint64 count)
{
    const bool show = m_model->isPaused() && count > 0;
    m_newRows->setVisible(m_model->isPaused());
    if (!m_model->isPaused())
        return;
    m_newRows->setText(
        show
            ? tr("<a href=\"resume\">%1%2 new</a>")
                  .arg(QLocale().toString(count))
                  .arg(count >= DeliveryLogModel::kMaxPausedCount ? QStringLiteral("+") : QString())
            : tr("Paused: no new attempts yet"));
}

void DeliveryLogPage::updateEmptyState()
{
    const bool empty = m_model->isLoaded() && m_model->rowCount() == 0;
    if (empty)
        m_emptyState->setText(
            m_model->filter().isDefault()
                ? tr("No delivery attempts yet.\n\nAttempts appear here as soon as an event is "
                     "sent to a webhook. Add one on the Webhooks tab, or use Send Test there.")
                : tr("No attempts match these filters.\n\nWiden the time range or press "
                     "\"Clear filters\"."));
    m_tableStack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyState) : m_table);
}

void DeliveryLogPage::loadEndpoints()
{
    WebhookStoreCall::run(
        m_engine, this, [](WebhookStore &store) { return store.list(); },
        [this](const DomainResult<QList<WebhookEndpoint>> &result) {
            if (!result)
                return;
            QList<QPair<qint64, QString>> endpoints;
            for (const WebhookEndpoint &endpoint : result.value())
                endpoints.append({endpoint.id, endpoint.description.isEmpty()
                                                   ? endpoint.url
                                                   : endpoint.description + QStringLiteral(" — ") +
                                                         endpoint.url});
            m_filters->setEndpoints(endpoints);
        });
}

void DeliveryLogPage::resend(qint64 deliveryId)
{
    m_activity->beginWork(tr("Queueing the delivery again…"));
    WebhookStoreCall::run(
        m_engine, this, [deliveryId](WebhookStore &store) { return store.resend(deliveryId); },
        [this](const DomainResult<WebhookDelivery> &result) {
            m_activity->endWork();
            if (!result) {
                m_activity->showError(tr("Not sent again"), result.error().message());
                return;
            }
            m_activity->showMessage(
                tr("Delivery %1 is queued and will be attempted now; the new attempt appears at "
                   "the top.")
                    .arg(result.value().id));
        });
}

void DeliveryLogPage::retryFailedInFilter()
{
    const DeliveryLogFilter filter = m_model->filter();
    m_activity->beginWork(tr("Counting the failed deliveries…"));
    m_model->reader().run(
        this, [filter](DeliveryLogStore &store) { return store.failedDeliveryIds(filter); },
        [this, filter](const DomainResult<QList<qint64>> &result) {
            m_activity->endWork();
            if (!result) {
                m_activity->showError(tr("Failed deliveries not found"), result.error().message());
                return;
            }
            const QList<qint64> ids = result.value();
            if (ids.isEmpty()) {
                m_activity->showMessage(
                    tr("No permanently failed deliveries in this filter: nothing to retry."));
                return;
            }
            auto *box = new QMessageBox(
                QMessageBox::Question, tr("Retry Failed Deliveries"),
                tr("Retry %n permanently failed delivery(s)?", nullptr, int(ids.size())),
                QMessageBox::NoButton, this);
            box->setObjectName(QStringLiteral("retryFailedConfirmation"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setInformativeText(
                tr("Each is attempted again now, with its usual retries if it fails. "
                   "Filter: %1.")
                    .arg(filter.describe()));
            QPushButton *retry =
                box->addButton(tr("Retry %1").arg(ids.size()), QMessageBox::AcceptRole);
            retry->setObjectName(QStringLiteral("confirmRetryFailedButton"));
            QPushButton *cancel = box->addButton(QMessageBox::Cancel);
            cancel->setObjectName(QStringLiteral("cancelRetryFailedButton"));
            box->setDefaultButton(cancel);
            box->setEscapeButton(cancel);
            connect(box, &QMessageBox::buttonClicked, this,
                    [this, retry, ids](QAbstractButton *button) {
                        if (button != retry)
                            return;
                        m_activity->beginWork(tr("Queueing the failed deliveries…"));
                        WebhookStoreCall::run(
                            m_engine, this,
                            [ids](WebhookStore &store) { return store.retryFailedDeliveries(ids); },
                            [this](const DomainResult<int> &done) {
                                m_activity->endWork();
                                if (!done) {
                                    m_activity->showError(tr("Not retried"),
                                                          done.error().message());
                                    return;
                                }
                                m_activity->showMessage(
                                    tr("%n delivery(s) queued again.", nullptr, done.value()));
                            });
                    });
            box->open();
        });
}

void DeliveryLogPage::exportRows(DeliveryLogStore::ExportFormat format)
{
    const bool csv = format == DeliveryLogStore::ExportFormat::Csv;
    const QString path = m_chooser
                             ? m_chooser(format)
                             : QFileDialog::getSaveFileName(
                                   this, csv ? tr("Export to CSV") : tr("Export to JSON"),
                                   QDir::home().filePath(csv ? QStringLiteral("delivery-log.csv")
                                                             : QStringLiteral("delivery-log.json")),
                                   csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (!path.isEmpty())
        exportTo(format, path);
}

void DeliveryLogPage::exportTo(DeliveryLogStore::ExportFormat format, const QString &path)
{
    if (m_engine.status().state != EngineState::Running) {
        m_activity->showError(tr("Not exported"), WebhookStoreCall::notRunning().message());
        return;
    }
    const DeliveryLogFilter filter = m_model->filter();
    const qint64 ceiling = m_model->topKey();
    Database *database = &m_engine.database();
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    auto *progress =
        new QProgressDialog(tr("Exporting the delivery log…"), tr("Cancel"), 0, 100, this);
    progress->setObjectName(QStringLiteral("logExportProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, this, [cancelled] { *cancelled = true; });
    QPointer<DeliveryLogPage> page(this);
    QPointer<QProgressDialog> dialog(progress);
    m_activity->beginWork(tr("Exporting…"));
    // Its own thread with its own connection: a long export holds up neither the log nor the
    // engine's other work. It stops when the engine does.
    QThread *thread =
        QThread::create([database, filter, ceiling, format, path, cancelled, page, dialog] {
            QSaveFile file(path);
            DomainResult<qint64> result = qint64(0);
            if (!file.open(QIODevice::WriteOnly)) {
                result = DomainError::storage(QStringLiteral("export the delivery log"),
                                              file.errorString());
            } else {
                DeliveryLogStore store(*database);
                result = store.exportRows(
                    filter, ceiling, format, file, [cancelled, dialog](qint64 done, qint64 total) {
                        const int percent = total > 0 ? int(done * 100 / total) : 100;
                        QMetaObject::invokeMethod(dialog, [dialog, percent] {
                            if (dialog)
                                dialog->setValue(std::min(percent, 99));
                        });
                        return !*cancelled;
                    });
                if (result)
                    file.commit(); // replaces the file only when complete
                else
                    file.cancelWriting();
            }
            database->closeThreadConnection();
            QMetaObject::invokeMethod(page, [page, dialog, result, path] {
                if (dialog)
                    dialog->close();
                if (!page)
                    return;
                page->m_activity->endWork();
                if (!result)
                    page->m_activity->showError(tr("Not exported"), result.error().message());
                else
                    page->m_activity->showMessage(
                        tr("%n row(s) exported to %1", nullptr, int(result.value())).arg(path));
                emit page->exported(path, result ? result.value() : -1);
            });
        });
    thread->setObjectName(QStringLiteral("botbat-log-export"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    // The database goes away when the engine stops: the export ends first.
    connect(
        &m_engine, &Engine::statusChanged, thread,
        [thread, cancelled](const EngineStatus &s) {
            if (s.state == EngineState::Stopping) {
                *cancelled = true;
                thread->wait();
            }
        },
        Qt::DirectConnection);
    thread->start();
}

} // namespace botbat
