#pragma once

#include "integrations/IntegrationSummary.h"

#include <QAbstractItemModel>
#include <QList>
#include <QSet>
#include <array>

namespace botbat {

class Engine;

// The Overview tree: the five integration categories as top-level rows (always present, in a
// fixed order) and the integrations of each category as their children, sorted by name.
// Fed only by Engine signals: integrationsLoaded is merged into what is shown (so a refresh
// keeps expansion and selection), integrationChanged/integrationRemoved are applied one row at
// a time. Nothing here touches SQL.
class IntegrationOverviewModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        StatusColumn,
        LastSuccessColumn,
        DetailsColumn,
        ColumnCount
    };

    enum Role
    {
        // IntegrationSummary::Status as int; invalid on category rows.
        StatusRole = Qt::UserRole + 1,
        // IntegrationSummary::Category as int, on category rows and integration rows alike.
        CategoryRole,
        // The stored id (qint64); 0 for reference-only channels; invalid on category rows.
        IdRole,
        // What went wrong (or why it is inactive); empty when none.
        LastErrorRole,
        // The last success as a UTC QDateTime; invalid when there was none.
        LastSuccessRole,
        // true on the five category rows.
        IsCategoryRole,
        // Category rows: how many integrations the category holds, and how many are in error.
        ChildCountRole,
        ErrorCountRole,
        // The integration kind ("salesforce", "https", "whatsapp", ...).
        KindRole,
    };
    Q_ENUM(Role)

    explicit IntegrationOverviewModel(Engine &engine, QObject *parent = nullptr);

    // Asks the engine for the full list again; the answer arrives as integrationsLoaded.
    void refresh();
    // True once the first integrationsLoaded arrived.
    bool isLoaded() const { return m_loaded; }

    // The index of a category row, or of an integration (by stored id), in column 0.
    QModelIndex categoryIndex(IntegrationSummary::Category category) const;
    QModelIndex integrationIndex(qint64 id) const;

    // How many integrations in all categories have the given status.
    int countWithStatus(IntegrationSummary::Status status) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // After the first load and after every refresh has been merged.
    void loaded();
    // Whenever a count shown in the category rows may have changed.
    void countsChanged();

private:
    static constexpr int kCategoryCount = 5;
    using Rows = QList<IntegrationSummary>;

    void onLoaded(const QList<IntegrationSummary> &integrations);
    void onChanged(const IntegrationSummary &integration);
    void onRemoved(qint64 id);

    void upsert(const IntegrationSummary &integration);
    void removeAt(int category, int row);
    void categoryCountsChanged(int category);
    int sortedPosition(int category, const IntegrationSummary &integration, int ignoreRow) const;
    // Where an integration is shown, as (category, row); (-1, -1) when it is not.
    std::pair<int, int> find(const IntegrationSummary &integration) const;
    std::pair<int, int> findId(qint64 id) const;

    QVariant categoryData(int category, int column, int role) const;
    QVariant integrationData(const IntegrationSummary &integration, int column, int role) const;
    QString categoryDetails(int category) const;

    Engine &m_engine;
    std::array<Rows, kCategoryCount> m_rows;
    bool m_loaded = false;
    // A load is read on a worker thread, so it can be older than a change already applied
    // from integrationChanged/integrationRemoved. Ids touched since the oldest outstanding
    // request are authoritative here and are not overwritten by such a load.
    QSet<qint64> m_touchedSinceRequest;
    int m_pendingLoads = 0;
};

} // namespace botbat
