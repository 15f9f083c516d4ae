#pragma once

#include "apikeys/AuditEntry.h"

#include <QAbstractTableModel>
#include <QList>

namespace botbat {

class Engine;

// The audit log of API keys (lifecycle and failed authentication), newest first. Reads a page
// at a time on the engine's worker thread: refresh() puts entries newer than the top row above
// it, fetchMore() appends the page before the oldest row (views call it when scrolled to the
// end), so a long log never loads at once.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        ActionColumn,
        KeyNameColumn,
        KeyPrefixColumn,
        ClientColumn,
        ActorColumn,
        DetailColumn,
        ColumnCount
    };

    enum Role
    {
        IdRole = Qt::UserRole + 1, // qint64
        ActionRole,                // "key.created", ..., "auth.failed"
        KindRole,                  // "lifecycle" or "auth", for filtering
        TimeRole,                  // UTC QDateTime
        KeyIdRole,                 // qint64, 0 for failed authentication
    };
    Q_ENUM(Role)

    static inline const QString kLifecycle = QStringLiteral("lifecycle");
    static inline const QString kAuth = QStringLiteral("auth");
    static constexpr int kDefaultPageSize = 100;

    explicit AuditLogModel(Engine &engine, QObject *parent = nullptr);

    void setPageSize(int entries) { m_pageSize = std::max(1, entries); }
    int pageSize() const { return m_pageSize; }

    // Reads the newest page again and adds what is new at the top.
    void refresh();
    bool isLoaded() const { return m_loaded; }
    bool isLoading() const { return m_refreshing > 0 || m_fetchingOlder; }
    // True once the oldest entry of the log is shown.
    bool reachedEnd() const { return m_reachedEnd; }

    static QString actionTitle(const QString &action);
    // Why a request was refused, in words, from the authenticator's stable error code.
    static QString refusalReason(const QString &code);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loaded();
    void loadFailed(const QString &error);

private:
    struct Page
    {
        QList<AuditEntry> entries;
        QString error;
    };
    void request(qint64 beforeId, bool older);
    void onNewest(const Page &page);
    void onOlder(const Page &page);

    Engine &m_engine;
    QList<AuditEntry> m_entries;
    int m_pageSize = kDefaultPageSize;
    bool m_loaded = false;
    int m_refreshing = 0;
    bool m_fetchingOlder = false;
    bool m_reachedEnd = false;
};

} // namespace botbat
