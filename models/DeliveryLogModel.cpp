#include "DeliveryLogModel.h"

#include "DeliveryLogReader.h"
#include "WebhookAttemptModel.h"
#include "core/Engine.h"

#include <QColor>
#include <QLocale>
#include <QTimer>
#include <limits>

namespace botbat {

DeliveryLogModel::DeliveryLogModel(Engine &engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine), m_reader(new DeliveryLogReader(engine, this))
{
    m_liveTimer = new QTimer(this);
    m_liveTimer->setSingleShot(true);
    m_liveTimer->setInterval(kLiveIntervalMs);
    connect(m_liveTimer, &QTimer::timeout, this, &DeliveryLogModel::pollLive);
    connect(&engine, &Engine::webhookAttemptsRecorded, this, &DeliveryLogModel::onAttemptsRecorded);
    connect(&engine, &Engine::statusChanged, this, [this](const EngineStatus &status) {
        // Work queued on the reader was dropped when it stopped: read again once running.
        if (status.state == EngineState::Running)
            refresh();
    });
}

DeliveryLogModel::~DeliveryLogModel() = default;

void DeliveryLogModel::clear()
{
    ++m_generation;
    beginResetModel();
    m_segments.clear();
    m_starts.clear();
    m_rows = 0;
    m_loadedRows = 0;
    m_topKey = 0;
    m_more = false;
    m_loadingMore = false;
    m_loaded = false;
    m_liveRunning = false;
    m_liveDirty = false;
    m_pagesLoading = 0;
    m_newWhilePaused = 0;
    endResetModel();
}

void DeliveryLogModel::setFilter(const DeliveryLogFilter &filter)
{
    m_filter = filter;
    m_sinceFilter.start();
    clear();
    emit newWhilePausedChanged(0);
    loadFirst();
}

void DeliveryLogModel::loadFirst()
{
    ++m_pagesLoading;
    emit loadingChanged();
    const int generation = m_generation;
    const DeliveryLogFilter filter = m_filter;
    using First = QPair<qint64, QList<DeliveryLogEntry>>;
    m_reader->run(
        this,
        [filter](DeliveryLogStore &store) -> DomainResult<First> {
            // The top is read first: a row committed in between is then both on the first page
            // and newer than the top, and the live read skips what is already shown.
            DomainResult<qint64> top = store.newestKey(filter);
            if (!top)
                return top.error();
            DomainResult<QList<DeliveryLogEntry>> page =
                store.page(filter, 0, top.value(), kPageSize);
            if (!page)
                return page.error();
            return First(top.value(), page.value());
        },
        [this, generation](const DomainResult<First> &result) { onFirst(generation, result); });
}

void DeliveryLogModel::onFirst(int generation,
                               const DomainResult<QPair<qint64, QList<DeliveryLogEntry>>> &result)
{
    if (generation != m_generation)
        return;
    m_pagesLoading = std::max(0, m_pagesLoading - 1);
    emit loadingChanged();
    if (!result) {
        emit loadFailed(result.error().message());
        return;
    }
    const QList<DeliveryLogEntry> &rows = result.value().second;
    m_topKey = result.value().first;
    m_more = rows.size() >= kPageSize;
    m_loaded = true;
    if (!rows.isEmpty()) {
        Segment segment;
        segment.high = rows.first().key;
        segment.low = rows.last().key;
        segment.count = int(rows.size());
        segment.rows = rows;
        segment.id = m_nextSegmentId++;
        segment.lastUsed = ++m_useTick;
        beginInsertRows({}, 0, segment.count - 1);
        m_segments.append(std::move(segment));
        m_rows = int(rows.size());
        m_loadedRows = m_rows;
        rebuildStarts();
        endInsertRows();
    }
    emit firstPageLoaded(m_sinceFilter.elapsed());
    if (m_liveDirty || m_filter.pendingView())
        m_liveTimer->start(kLiveIntervalMs); // attempts recorded while the first page was read
}

bool DeliveryLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && m_more && !m_loadingMore;
}

void DeliveryLogModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || m_segments.isEmpty())
        return;
    m_loadingMore = true;
    ++m_pagesLoading;
    emit loadingChanged();
    const int generation = m_generation;
    const DeliveryLogFilter filter = m_filter;
    const qint64 before = m_segments.last().low;
    m_reader->run(
        this,
        [filter, before](DeliveryLogStore &store) {
            return store.page(filter, before, 0, kPageSize);
        },
        [this, generation](const DomainResult<QList<DeliveryLogEntry>> &page) {
            onMore(generation, page);
        });
}

void DeliveryLogModel::onMore(int generation, const DomainResult<QList<DeliveryLogEntry>> &page)
{
    if (generation != m_generation)
        return;
    m_pagesLoading = std::max(0, m_pagesLoading - 1);
    if (!page) {
        m_loadingMore = false;
        emit loadingChanged();
        emit loadFailed(page.error().message());
        return;
    }
    QList<DeliveryLogEntry> rows = page.value();
    m_more = rows.size() >= kPageSize;
    // Only what lies below the bottom (a page can never be appended twice).
    const qint64 bottom =
        m_segments.isEmpty() ? std::numeric_limits<qint64>::max() : m_segments.last().low;
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [bottom](const DeliveryLogEntry &e) { return e.key >= bottom; }),
               rows.end());
    if (rows.isEmpty()) {
        m_loadingMore = false;
        emit loadingChanged();
        return;
    }
    Segment segment;
    segment.high = rows.first().key;
    segment.low = rows.last().key;
    segment.count = int(rows.size());
    segment.rows = rows;
    segment.id = m_nextSegmentId++;
    segment.lastUsed = ++m_useTick;
    // Views may ask for more from inside the insert's signals: only once it is complete.
    beginInsertRows({}, m_rows, m_rows + segment.count - 1);
    m_segments.append(std::move(segment));
    m_rows += int(rows.size());
    m_loadedRows += int(rows.size());
    rebuildStarts();
    endInsertRows();
    m_loadingMore = false;
    emit loadingChanged();
    evict();
}

void DeliveryLogModel::onAttemptsRecorded()
{
    if (m_filter.pendingView())
        return; // the Pending view follows its own timer
    m_liveDirty = true;
    if (m_loaded && !m_liveRunning && !m_liveTimer->isActive())
        m_liveTimer->start(kLiveIntervalMs);
}

void DeliveryLogModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused) {
        m_newWhilePaused = 0;
        emit newWhilePausedChanged(0);
        m_liveDirty = true;
        if (m_loaded && !m_liveRunning)
            m_liveTimer->start(0);
    }
}

void DeliveryLogModel::pollLive()
{
    if (!m_loaded || m_liveRunning)
        return;
    const bool pending = m_filter.pendingView();
    if (!m_liveDirty && !pending)
        return;
    m_liveDirty = false;
    m_liveRunning = true;
    const int generation = m_generation;
    const DeliveryLogFilter filter = m_filter;
    const qint64 top = m_topKey;
    if (m_paused) {
        m_reader->run(
            this,
            [filter, top](DeliveryLogStore &store) {
                return store.count(filter, top, 0, kMaxPausedCount);
            },
            [this, generation](const DomainResult<qint64> &count) {
                onCounted(generation, count);
            });
        return;
    }
    m_reader->run(
        this,
        [filter, top](DeliveryLogStore &store) { return store.newer(filter, top, kLiveBatch); },
        [this, generation](const DomainResult<QList<DeliveryLogEntry>> &rows) {
            onLive(generation, rows);
        });
}

void DeliveryLogModel::onCounted(int generation, const DomainResult<qint64> &count)
{
    if (generation != m_generation)
        return;
    m_liveRunning = false;
    if (count && count.value() != m_newWhilePaused) {
        m_newWhilePaused = count.value();
        emit newWhilePausedChanged(m_newWhilePaused);
    }
    // Resumed while counting: the rows are read now.
    m_liveDirty = m_liveDirty || !m_paused;
    if (m_liveDirty || m_filter.pendingView())
        m_liveTimer->start(kLiveIntervalMs);
}

void DeliveryLogModel::onLive(int generation, const DomainResult<QList<DeliveryLogEntry>> &result)
{
    if (generation != m_generation)
        return;
    m_liveRunning = false;
    if (!result) {
        emit loadFailed(result.error().message());
        return;
    }
    QList<DeliveryLogEntry> rows = result.value();
    if (m_paused) {
        // Paused while the read was in flight: count them instead.
        m_liveDirty = true;
        m_liveTimer->start(kLiveIntervalMs);
        return;
    }
    const bool full = rows.size() >= kLiveBatch;
    if (full)
        m_liveDirty = true; // more rows wait above this batch: read them next, at once
    if (!rows.isEmpty()) {
        Segment segment;
        segment.high = rows.first().key;
        segment.low = rows.last().key;
        segment.count = int(rows.size());
        segment.rows = std::move(rows);
        segment.id = m_nextSegmentId++;
        segment.lastUsed = ++m_useTick;
        const int inserted = segment.count;
        m_topKey = std::max(m_topKey, segment.high);
        beginInsertRows({}, 0, inserted - 1);
        // Small live batches join the top segment so a steady trickle does not make thousands
        // of tiny segments.
        if (!m_segments.isEmpty() && !m_segments.first().rows.isEmpty() &&
            m_segments.first().count + inserted <= kPageSize) {
            Segment &top = m_segments.first();
            top.rows = segment.rows + top.rows;
            top.count += inserted;
            top.high = segment.high;
            top.lastUsed = segment.lastUsed;
        } else {
            m_segments.prepend(std::move(segment));
        }
        m_rows += inserted;
        m_loadedRows += inserted;
        rebuildStarts();
        endInsertRows();
        emit liveRowsInserted(inserted);
        evict();
    }
    if (full)
        m_liveTimer->start(0);
    else if (m_liveDirty || m_filter.pendingView())
        m_liveTimer->start(m_filter.pendingView() ? 2000 : kLiveIntervalMs);
}

void DeliveryLogModel::reload(int segmentIndex)
{
    Segment &segment = m_segments[segmentIndex];
    if (segment.loading || !segment.rows.isEmpty())
        return;
    segment.loading = true;
    ++m_pagesLoading;
    const int generation = m_generation;
    const int id = segment.id;
    const DeliveryLogFilter filter = m_filter;
    const qint64 high = segment.high;
    const qint64 low = segment.low;
    m_reader->run(
        this,
        [filter, high, low](DeliveryLogStore &store) { return store.range(filter, high, low); },
        [this, generation, id](const DomainResult<QList<DeliveryLogEntry>> &rows) {
            onReloaded(generation, id, rows);
        });
}

void DeliveryLogModel::onReloaded(int generation, int segmentId,
                                  const DomainResult<QList<DeliveryLogEntry>> &rows)
{
    if (generation != m_generation)
        return;
    m_pagesLoading = std::max(0, m_pagesLoading - 1);
    const int index = segmentIndexById(segmentId);
    if (index < 0)
        return;
    Segment &segment = m_segments[index];
    segment.loading = false;
    if (!rows) {
        emit loadFailed(rows.error().message());
        return;
    }
    if (rows.value().size() != segment.count) {
        // Rows went away meanwhile (an endpoint was deleted with its log): start over.
        refresh();
        return;
    }
    segment.rows = rows.value();
    segment.lastUsed = ++m_useTick;
    m_loadedRows += segment.count;
    const int first = m_starts.at(index);
    emit dataChanged(this->index(first, 0),
                     this->index(first + segment.count - 1, ColumnCount - 1));
    evict();
}

void DeliveryLogModel::evict()
{
    // The least recently shown segments give up their rows; the top one is kept for live rows.
    while (m_loadedRows > kMaxLoadedRows) {
        int oldest = -1;
        for (int i = 1; i < m_segments.size(); ++i) {
            const Segment &segment = m_segments.at(i);
            if (segment.rows.isEmpty())
                continue;
            if (oldest < 0 || segment.lastUsed < m_segments.at(oldest).lastUsed)
                oldest = i;
        }
        if (oldest < 0)
            return;
        Segment &segment = m_segments[oldest];
        m_loadedRows -= segment.count;
        segment.rows.clear();
        segment.rows.squeeze();
    }
}

void DeliveryLogModel::rebuildStarts()
{
    m_starts.resize(m_segments.size());
    int start = 0;
    for (int i = 0; i < m_segments.size(); ++i) {
        m_starts[i] = start;
        start += m_segments.at(i).count;
    }
}

int DeliveryLogModel::segmentOf(int row) const
{
    if (row < 0 || row >= m_rows)
        return -1;
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), row);
    return int(it - m_starts.cbegin()) - 1;
}

int DeliveryLogModel::segmentIndexById(int id) const
{
    for (int i = 0; i < m_segments.size(); ++i)
        if (m_segments.at(i).id == id)
            return i;
    return -1;
}

const DeliveryLogEntry *DeliveryLogModel::entryAt(int row) const
{
    const int index = segmentOf(row);
    if (index < 0)
        return nullptr;
    const Segment &segment = m_segments.at(index);
    if (segment.rows.isEmpty()) {
        const_cast<DeliveryLogModel *>(this)->reload(index);
        return nullptr;
    }
    segment.lastUsed = ++m_useTick;
    return &segment.rows.at(row - m_starts.at(index));
}

int DeliveryLogModel::rowOfKey(qint64 key) const
{
    for (int i = 0; i < m_segments.size(); ++i) {
        const Segment &segment = m_segments.at(i);
        if (key > segment.high || key < segment.low)
            continue;
        for (int j = 0; j < segment.rows.size(); ++j)
            if (segment.rows.at(j).key == key)
                return m_starts.at(i) + j;
        return -1;
    }
    return -1;
}

int DeliveryLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int DeliveryLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeliveryLogModel::statusText(const DeliveryLogEntry &entry)
{
    if (entry.status == DeliveryLogEntry::Status::Test)
        return entry.testSucceeded ? tr("Test: delivered") : tr("Test: failed");
    return DeliveryLogEntry::statusTitle(entry.status);
}

QVariant DeliveryLogModel::display(const DeliveryLogEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return WebhookAttemptModel::localTime(entry.at);
    case SourceColumn:
        return DeliveryLogEntry::sourceTitle(entry.source);
    case EndpointColumn:
        return entry.integration;
    case EventColumn:
        return entry.eventType;
    case AttemptColumn:
        return entry.attempt > 0 ? QVariant(entry.attempt) : QVariant(QStringLiteral("–"));
    case HttpStatusColumn:
        return entry.httpStatus > 0 ? QVariant(entry.httpStatus)
                                    : QVariant(entry.attempt > 0 ? tr("no answer") : QString());
    case DurationColumn:
        return entry.attempt > 0 ? tr("%1 ms").arg(entry.durationMs) : QString();
    case StatusColumn:
        return statusText(entry);
    }
    return {};
}

QVariant DeliveryLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const DeliveryLogEntry *entry = entryAt(index.row());
    if (!entry) {
        if (role == LoadedRole)
            return false;
        if (role == Qt::DisplayRole && index.column() == TimeColumn)
            return tr("Loading…");
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return display(*entry, index.column());
    case Qt::ToolTipRole:
        if (index.column() == EndpointColumn)
            return entry->endpointUrl;
        if (index.column() == StatusColumn || index.column() == HttpStatusColumn) {
            QString tip = entry->errorMessage;
            if (entry->nextRetryAt.isValid())
                tip +=
                    (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
                    tr("Next attempt: %1").arg(WebhookAttemptModel::localTime(entry->nextRetryAt));
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        if (index.column() == TimeColumn)
            return entry->at.toUTC().toString(Qt::ISODateWithMs);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptColumn || index.column() == HttpStatusColumn ||
            index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn || index.column() == HttpStatusColumn) {
            switch (entry->status) {
            case DeliveryLogEntry::Status::Succeeded:
                return QColor(0x1e, 0x7e, 0x34);
            case DeliveryLogEntry::Status::Failed:
                return QColor(0xb0, 0x20, 0x20);
            case DeliveryLogEntry::Status::Retrying:
                return QColor(0xa0, 0x60, 0x00);
            case DeliveryLogEntry::Status::Test:
                return entry->testSucceeded ? QColor(0x1e, 0x7e, 0x34) : QColor(0xb0, 0x20, 0x20);
            case DeliveryLogEntry::Status::Pending:
                return {};
            }
        }
        return {};
    case KeyRole:
        return entry->key;
    case AttemptIdRole:
        return entry->attemptId;
    case DeliveryIdRole:
        return entry->deliveryId;
    case EndpointIdRole:
        return entry->endpointId;
    case StatusRole:
        return int(entry->status);
    case LoadedRole:
        return true;
    }
    return {};
}

QVariant DeliveryLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SourceColumn:
        return tr("Source");
    case EndpointColumn:
        return tr("Endpoint");
    case EventColumn:
        return tr("Event");
    case AttemptColumn:
        return tr("Attempt");
    case HttpStatusColumn:
        return tr("HTTP");
    case DurationColumn:
        return tr("Response time");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace botbat
