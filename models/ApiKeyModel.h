#pragma once

#include "apikeys/ApiKey.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <functional>

namespace botbat {

class Engine;

// The API Keys table: every key the database holds, newest first, never the key text itself.
// Reads and writes run on the engine's worker thread (Engine::runInBackground); the answers
// are merged into what is shown row by row, so a refresh keeps selection and scroll position.
// "Last used" follows Engine::apiKeysUsed live. State and "stale" depend on the time, so they
// are recomputed from the engine's clock on every refresh and every reevaluate().
class ApiKeyModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        PrefixColumn,
        StateColumn,
        CreatedColumn,
        LastUsedColumn,
        ExpiresColumn,
        ScopesColumn,
        ActionsColumn, // no text: the delegate draws a button per applicable Action
        ColumnCount
    };

    enum Role
    {
        IdRole = Qt::UserRole + 1, // qint64
        StateRole,                 // ApiKey::State as int
        StaleRole,                 // bool: active but unused for ApiKey::kStaleAfterDays
        PrefixRole,                // "bbk_1a2B3c4D"
        NameRole,
        ScopesRole,      // QStringList
        CreatedRole,     // UTC QDateTime
        LastUsedRole,    // UTC QDateTime, invalid when never used
        ExpiresRole,     // UTC QDateTime, invalid when it never expires
        RevokedRole,     // UTC QDateTime, invalid when not revoked
        RotatedFromRole, // qint64, 0 when the key did not replace another
        SortRole,        // a value that sorts the column sensibly (times as ms, never = last)
        ActionsRole,     // Actions as int: what can be done to the key in its current state
    };
    Q_ENUM(Role)

    // What can be done to a key, in the order the Actions column shows them.
    enum Action
    {
        CopyPrefixAction = 0x1,
        RotateAction = 0x2,
        RevokeAction = 0x4,
    };
    Q_DECLARE_FLAGS(Actions, Action)
    Q_FLAG(Actions)
    static constexpr Action kAllActions[] = {CopyPrefixAction, RotateAction, RevokeAction};

    // What a create, rotate or revoke came to. token is the full key after create/rotate and
    // must go no further than the dialog that shows it once.
    struct Outcome
    {
        bool ok = false;
        QString error;
        ApiKey key;      // the new key (create, rotate) or the revoked key
        ApiKey previous; // rotate: the old key, with the end of its overlap as expiresAt
        QString token;
    };
    using Callback = std::function<void(const Outcome &outcome)>;

    // Who the audit log names for changes made here.
    static inline const QString kActor = QStringLiteral("console");

    explicit ApiKeyModel(Engine &engine, QObject *parent = nullptr);

    // Reads every key again on the worker thread and merges the answer (loaded() after).
    void refresh();
    bool isLoaded() const { return m_loaded; }
    bool isRefreshing() const { return m_pendingLoads > 0; }
    // Recomputes state and staleness at the clock's current time (no database access).
    void reevaluate();

    // The actions; done runs on this thread, after the row was updated.
    void createKey(const QString &name, const QStringList &scopes, const QDateTime &expiresAt,
                   Callback done);
    void rotateKey(qint64 id, qint64 overlapMs, Callback done);
    void revokeKey(qint64 id, Callback done);

    int rowOf(qint64 id) const;
    ApiKey keyAt(int row) const { return m_rows.at(row).key; }
    QDateTime now() const;
    int countInState(ApiKey::State state) const;
    int staleCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Texts shared with the dialogs, so every place says the same thing about a key.
    static QString localTime(const QDateTime &at);
    static QString utcTime(const QDateTime &at);
    static QString relative(const QDateTime &at, const QDateTime &now);
    static QString stateTitle(ApiKey::State state);
    static QString scopesText(const QStringList &scopes);
    // The prefix can always be copied; only an active key can be rotated (the store refuses
    // others); a revoked key cannot be revoked again, an expired one can (for good).
    static Actions actionsFor(ApiKey::State state);
    // "Copy key prefix", "Rotate…", "Revoke…": the Actions column's tooltips and accessible text.
    static QString actionTitle(Action action);

signals:
    // After the first load and after every refresh was merged.
    void loaded();
    void loadFailed(const QString &error);
    // Counts shown in summaries may have changed (rows added, removed, state changes).
    void countsChanged();
    // A key was created, rotated or revoked from here (the audit log has a new entry).
    void keysChanged();

private:
    struct Row
    {
        ApiKey key;
        ApiKey::State state = ApiKey::State::Active;
        bool stale = false;
    };
    struct Loaded
    {
        QList<ApiKey> keys;
        QString error;
    };

    void onLoaded(const Loaded &result);
    void onKeysUsed(const QHash<qint64, qint64> &lastUsed);
    void upsert(const ApiKey &key);
    void evaluate(Row &row, const QDateTime &now) const;
    void emitRowChanged(int row);
    int sortedPosition(const ApiKey &key) const;
    bool engineReady(const Callback &done) const;
    // The answer to a create, rotate or revoke: shows the changed keys, then calls done.
    Callback whenDone(Callback done);
    QVariant display(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;

    Engine &m_engine;
    QList<Row> m_rows;
    bool m_loaded = false;
    int m_pendingLoads = 0;
};

} // namespace botbat

Q_DECLARE_OPERATORS_FOR_FLAGS(botbat::ApiKeyModel::Actions)
