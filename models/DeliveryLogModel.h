#pragma once

#include "deliverylog/DeliveryLogEntry.h"
#include "deliverylog/DeliveryLogFilter.h"
#include "domain/DomainResult.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QList>

class QTimer;

namespace botbat {

class DeliveryLogReader;
class Engine;
struct WebhookAttempt;

// Every stored delivery attempt that matches a DeliveryLogFilter, newest first, for the Delivery
// Log tab. It never loads the whole table: rows are read in segments of kPageSize from the
// database (more as the view scrolls down, through fetchMore), each segment remembers the key
// range it covers, and when more than kMaxLoadedRows are held the least recently shown segments
// drop their rows and read them again by that range when shown. Live: Engine's
// webhookAttemptsRecorded only says that something new exists; at most every kLiveIntervalMs
// the rows newer than the top are read with the filter applied in SQL (so every filter, free
// text included, holds for live rows) and inserted on top. Paused, they are only counted.
class DeliveryLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        SourceColumn,
        EndpointColumn,
        EventColumn,
        AttemptColumn,
        HttpStatusColumn,
        DurationColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        KeyRole = Qt::UserRole + 1, // qint64
        AttemptIdRole,              // qint64, 0 for a pending delivery
        DeliveryIdRole,             // qint64
        EndpointIdRole,             // qint64
        StatusRole,                 // DeliveryLogEntry::Status as int
        LoadedRole,                 // false while the row's segment is being read again
    };
    Q_ENUM(Role)

    static constexpr int kPageSize = 200;
    static constexpr int kMaxLoadedRows = 20000;
    static constexpr int kLiveIntervalMs = 250;
    static constexpr int kLiveBatch = 2000;
    // Counting stops here while paused ("100000+ new"), so a long pause costs no long scans.
    static constexpr qint64 kMaxPausedCount = 100000;

    explicit DeliveryLogModel(Engine &engine, QObject *parent = nullptr);
    ~DeliveryLogModel() override;

    // Shows the rows of filter, reading the first page again (also the way to refresh).
    void setFilter(const DeliveryLogFilter &filter);
    const DeliveryLogFilter &filter() const { return m_filter; }
    void refresh() { setFilter(m_filter); }

    // Paused: new rows are counted (newWhilePaused), not shown; resuming shows them.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    qint64 newWhilePaused() const { return m_newWhilePaused; }

    bool isLoaded() const { return m_loaded; }
    bool isLoading() const { return m_pagesLoading > 0; }
    // Rows whose data is in memory now (the rest are key ranges only).
    int loadedRowCount() const { return m_loadedRows; }
    // The entry at row, or nullptr while its segment is read again.
    const DeliveryLogEntry *entryAt(int row) const;
    // The row showing key, or -1 (also when that row's segment is not in memory).
    int rowOfKey(qint64 key) const;
    // The newest key the model has looked at: the export and summary use the same top.
    qint64 topKey() const { return m_topKey; }
    DeliveryLogReader &reader() const { return *m_reader; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QString statusText(const DeliveryLogEntry &entry);

signals:
    // The first page of a filter is in (elapsedMs: from setFilter()).
    void firstPageLoaded(qint64 elapsedMs);
    void loadFailed(const QString &error);
    // New rows were put on top (count of them).
    void liveRowsInserted(int count);
    void newWhilePausedChanged(qint64 count);
    void loadingChanged();

private:
    struct Segment
    {
        qint64 high = 0; // newest key in it
        qint64 low = 0;  // oldest key in it
        int count = 0;
        QList<DeliveryLogEntry> rows; // empty when evicted
        bool loading = false;
        mutable quint64 lastUsed = 0;
        int id = 0;
    };

    void loadFirst();
    void onFirst(int generation, const DomainResult<QPair<qint64, QList<DeliveryLogEntry>>> &page);
    void onMore(int generation, const DomainResult<QList<DeliveryLogEntry>> &page);
    void onAttemptsRecorded();
    void pollLive();
    void onLive(int generation, const DomainResult<QList<DeliveryLogEntry>> &rows);
    void onCounted(int generation, const DomainResult<qint64> &count);
    void reload(int segmentIndex);
    void onReloaded(int generation, int segmentId,
                    const DomainResult<QList<DeliveryLogEntry>> &rows);
    void evict();
    void rebuildStarts();
    int segmentOf(int row) const;
    int segmentIndexById(int id) const;
    QVariant display(const DeliveryLogEntry &entry, int column) const;
    void clear();

    Engine &m_engine;
    DeliveryLogReader *m_reader = nullptr;
    DeliveryLogFilter m_filter;
    QList<Segment> m_segments; // newest first
    QList<int> m_starts;       // first row of each segment
    int m_rows = 0;
    int m_loadedRows = 0;
    int m_generation = 0;
    int m_nextSegmentId = 1;
    qint64 m_topKey = 0;
    bool m_more = false;
    bool m_loadingMore = false;
    bool m_loaded = false;
    int m_pagesLoading = 0;
    bool m_paused = false;
    qint64 m_newWhilePaused = 0;
    bool m_liveDirty = false;   // attempts were recorded since the last live read
    bool m_liveRunning = false; // a live read is in flight
    QTimer *m_liveTimer = nullptr;
    QElapsedTimer m_sinceFilter;
    mutable quint64 m_useTick = 0;
};

} // namespace botbat
