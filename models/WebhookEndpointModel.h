#pragma once

#include "domain/DomainResult.h"
#include "webhooks/WebhookEndpoint.h"
#include "webhooks/WebhookEndpointInput.h"
#include "webhooks/WebhookStore.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <functional>
#include <optional>

class QTimer;

namespace botbat {

class Engine;

// The Webhooks tab's endpoint table: every outgoing-webhook endpoint with its health and last
// delivery result, never a secret. Reads and writes run on the engine's worker thread; the
// answers are merged row by row, so selection survives. Engine::webhookEndpointChanged and
// webhookEndpointRemoved keep the rows current (also for changes made over the REST API);
// webhookAttemptsRecorded makes the touched endpoints be read again, in batches, because an
// attempt changes their health. The Enabled column is a check box that enables or disables.
class WebhookEndpointModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        HealthColumn,
        UrlColumn,
        DescriptionColumn,
        EventsColumn,
        LastDeliveryColumn,
        EnabledColumn,
        ColumnCount
    };

    enum Role
    {
        IdRole = Qt::UserRole + 1, // qint64
        HealthRole,                // WebhookEndpoint::Health as int
        UrlRole,
        DescriptionRole,
        EventsRole,      // QStringList
        EnabledRole,     // bool
        HasSecretRole,   // bool
        LastAttemptRole, // UTC QDateTime, invalid when nothing was attempted
        LastStatusRole,  // int, 0 when no HTTP answer arrived
        LastErrorRole,   // the plain-language error of the last attempt, empty after success
        LastFailedRole,  // bool: the last attempt failed
        DisabledReasonRole,
        SortRole, // a value that sorts the column sensibly
    };
    Q_ENUM(Role)

    using Health = WebhookEndpoint::Health;
    template<typename T> using Callback = std::function<void(const DomainResult<T> &)>;

    // Attempts arrive in bursts: the endpoints they touched are read again this much later.
    static constexpr int kHealthReloadDelayMs = 200;
    // "2 minutes ago" is kept current this often.
    static constexpr int kRelativeTimeTickMs = 30 * 1000;

    explicit WebhookEndpointModel(Engine &engine, QObject *parent = nullptr);

    // Reads every endpoint again and merges the answer (loaded() after).
    void refresh();
    bool isLoaded() const { return m_loaded; }

    // The actions; done runs on this thread after the rows were updated.
    void create(const WebhookEndpointInput &input, Callback<WebhookStore::Saved> done);
    void update(qint64 id, const WebhookEndpointInput &input, Callback<WebhookStore::Saved> done);
    void remove(qint64 id, Callback<qint64> done);
    void setEnabled(qint64 id, bool enabled, Callback<WebhookEndpoint> done);
    void rotateSecret(qint64 id, Callback<WebhookStore::Saved> done);
    // The current signing secret, read from the secret store only when asked for (reveal, copy).
    void loadSecret(qint64 id, Callback<QString> done);

    int rowOf(qint64 id) const;
    WebhookEndpoint endpointAt(int row) const { return m_rows.at(row); }
    std::optional<WebhookEndpoint> endpoint(qint64 id) const;
    int countWithHealth(Health health) const;
    QDateTime now() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Texts shared with the page and the dialogs.
    static QString healthTitle(Health health); // "Connected", "Error", ...
    // "200 · 2 minutes ago", "TLS error · 3 hours ago", "No deliveries yet".
    static QString lastDeliveryText(const WebhookEndpoint &endpoint, const QDateTime &now);
    // "DNS failure", "Connection failed", "TLS error", "Timed out", "HTTP error".
    static QString errorClassTitle(const QString &errorClassKey);
    // Why the endpoint has its health and what to do about it.
    QString healthExplanation(const WebhookEndpoint &endpoint) const;
    // The reason stored when an admin disables an endpoint from the console.
    static QString adminDisabledReason();

signals:
    void loaded();
    void loadFailed(const QString &error);
    // Counts by health may have changed.
    void countsChanged();
    // A change asked for through setData (the Enabled check box) was refused.
    void changeFailed(const QString &error);

private:
    void onLoaded(const DomainResult<QList<WebhookEndpoint>> &result);
    void onAttemptsRecorded(const QList<WebhookAttempt> &attempts);
    void reloadTouched();
    void upsert(const WebhookEndpoint &endpoint);
    void removeRow(qint64 id);
    void emitRowChanged(int row);
    int sortedPosition(const WebhookEndpoint &endpoint) const;
    // Wraps done so that a successful answer updates the rows first.
    template<typename T> Callback<T> applying(Callback<T> done);
    QVariant display(const WebhookEndpoint &endpoint, int column) const;
    QVariant toolTip(const WebhookEndpoint &endpoint, int column) const;
    QVariant sortValue(const WebhookEndpoint &endpoint, int column) const;

    Engine &m_engine;
    QList<WebhookEndpoint> m_rows;
    QSet<qint64> m_touched;
    QTimer *m_reloadTimer;
    QTimer *m_tickTimer;
    bool m_loaded = false;
    int m_loadGeneration = 0;
};

} // namespace botbat
