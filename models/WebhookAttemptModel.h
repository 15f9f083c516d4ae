#pragma once

#include "WebhookAttemptDetails.h"
#include "domain/DomainResult.h"
#include "webhooks/WebhookAttempt.h"
#include "webhooks/WebhookDelivery.h"
#include "webhooks/WebhookStore.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <functional>

namespace botbat {

class Engine;

// One endpoint's recent delivery attempts, newest first, for the Webhooks tab: a first page
// read from the store, then live from Engine::webhookAttemptsRecorded (light attempts, without
// headers and bodies), with an outcome filter (any, succeeded, failed). Live growth is bounded
// to the newest kMaxLiveRows (older rows fall off the bottom and can be read again with
// loadMore(), which pages back through the store by id).
class WebhookAttemptModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        EventColumn,
        AttemptColumn,
        StatusColumn,
        DurationColumn,
        ResultColumn,
        NextRetryColumn,
        ColumnCount
    };

    enum Role
    {
        IdRole = Qt::UserRole + 1, // qint64, the attempt
        DeliveryIdRole,            // qint64
        ResultRole,                // Result as int
        IsTestRole,                // bool
        ErrorClassRole,            // WebhookAttempt::ErrorClass as int
        ErrorMessageRole,
        StartedRole,   // UTC QDateTime
        NextRetryRole, // UTC QDateTime, invalid when none follows
        SortRole,
    };
    Q_ENUM(Role)

    // What an attempt came to, as its Result column shows it.
    enum class Result
    {
        Delivered, // a 2xx answer
        Retrying,  // failed; another attempt is scheduled
        Failed,    // failed, and nothing follows (tests, permanent failure, endpoint disabled)
    };

    using Outcome = WebhookStore::AttemptFilter::Outcome;
    template<typename T> using Callback = std::function<void(const DomainResult<T> &)>;

    static constexpr int kPageSize = 100;
    static constexpr int kMaxLiveRows = 500;

    explicit WebhookAttemptModel(Engine &engine, QObject *parent = nullptr);

    // Shows endpointId's attempts (0: none), reading the first page again.
    void setEndpoint(qint64 endpointId);
    qint64 endpointId() const { return m_endpointId; }
    void setOutcome(Outcome outcome);
    Outcome outcome() const { return m_outcome; }
    // Reads the newest page again and merges it (F5; live updates normally suffice).
    void refresh();
    // Reads the next older page and appends it.
    void loadMore();
    // True when older attempts than the last row may exist in the store.
    bool canLoadMore() const { return m_more; }
    bool isLoading() const { return m_loading > 0; }
    bool isLoaded() const { return m_loaded; }

    int rowOf(qint64 attemptId) const;
    WebhookAttempt attemptAt(int row) const { return m_rows.at(row); }
    QDateTime now() const;

    // The full attempt (headers, response) and its delivery (payload), for the details dialog.
    void loadDetails(qint64 attemptId, Callback<WebhookAttemptDetails> done);
    // Attempts the delivery again now.
    void resend(qint64 deliveryId, Callback<WebhookDelivery> done);
    // Requeues this endpoint's permanently failed deliveries last changed at or after since;
    // done gets how many.
    void retryFailedSince(const QDateTime &since, Callback<int> done);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    static Result resultOf(const WebhookAttempt &attempt);
    static QString resultTitle(Result result); // "Delivered", "Retrying", "Failed"
    // The error's first line, or "Delivered"; the full text is in the tooltip.
    static QString resultText(const WebhookAttempt &attempt);
    static QString localTime(const QDateTime &at); // with seconds

signals:
    // A page was read and merged (also after refresh() and loadMore()).
    void loaded();
    void loadFailed(const QString &error);
    // isLoading() or canLoadMore() changed.
    void pagingChanged();

private:
    void reset();
    void loadPage(qint64 beforeId);
    void onPage(int generation, qint64 beforeId, const DomainResult<QList<WebhookAttempt>> &page);
    void onAttemptsRecorded(const QList<WebhookAttempt> &attempts);
    bool matches(const WebhookAttempt &attempt) const;
    // Inserts at its place by id (newest first); false when already shown.
    bool insert(const WebhookAttempt &attempt);
    void trim();
    QVariant display(const WebhookAttempt &attempt, int column) const;
    QVariant toolTip(const WebhookAttempt &attempt, int column) const;
    QVariant sortValue(const WebhookAttempt &attempt, int column) const;

    Engine &m_engine;
    QList<WebhookAttempt> m_rows;
    QSet<qint64> m_ids;
    qint64 m_endpointId = 0;
    Outcome m_outcome = Outcome::Any;
    int m_generation = 0;
    int m_loading = 0;
    int m_capacity = kMaxLiveRows;
    bool m_loaded = false;
    bool m_more = false;
};

} // namespace botbat
