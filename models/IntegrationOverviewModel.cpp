#include "IntegrationOverviewModel.h"

#include "core/Engine.h"

namespace botbat {

namespace {

using Category = IntegrationSummary::Category;
using Status = IntegrationSummary::Status;

constexpr Category kCategoryOrder[] = {Category::Crm, Category::WebhookOut, Category::WebhookIn,
                                       Category::ApiKey, Category::Channel};

// Top-level rows carry 0 as internal id; children carry their category row + 1.
constexpr quintptr kTopLevel = 0;

int categoryRow(Category category)
{
    for (int row = 0; row < int(std::size(kCategoryOrder)); ++row)
        if (kCategoryOrder[row] == category)
            return row;
    return -1;
}

bool lessThan(const IntegrationSummary &a, const IntegrationSummary &b)
{
    const int byName = QString::compare(a.name, b.name, Qt::CaseInsensitive);
    if (byName != 0)
        return byName < 0;
    if (a.id != b.id)
        return a.id < b.id;
    return a.kind < b.kind;
}

// Reference-only channels are not stored (id 0), so their kind is what identifies them.
bool sameIdentity(const IntegrationSummary &a, const IntegrationSummary &b)
{
    if (a.id != 0 || b.id != 0)
        return a.id == b.id;
    return a.category == b.category && a.kind == b.kind;
}

bool sameContent(const IntegrationSummary &a, const IntegrationSummary &b)
{
    return a.id == b.id && a.category == b.category && a.kind == b.kind && a.name == b.name &&
           a.status == b.status && a.detail == b.detail && a.lastError == b.lastError &&
           a.lastSuccessAt == b.lastSuccessAt && a.updatedAt == b.updatedAt;
}

QString emptyStateLine(Category category)
{
    switch (category) {
    case Category::Crm:
        return IntegrationOverviewModel::tr("No CRM connections yet");
    case Category::WebhookOut:
        return IntegrationOverviewModel::tr("No outgoing webhooks yet");
    case Category::WebhookIn:
        return IntegrationOverviewModel::tr("No incoming webhooks yet");
    case Category::ApiKey:
        return IntegrationOverviewModel::tr("No API keys yet");
    case Category::Channel:
        return IntegrationOverviewModel::tr("The engine listed no channels");
    }
    return {};
}

// Plurals spelled out: without a translation loaded, tr()'s %n would show "connection(s)".
QString countNoun(Category category, int count)
{
    const bool one = count == 1;
    switch (category) {
    case Category::Crm:
        return one ? IntegrationOverviewModel::tr("1 connection")
                   : IntegrationOverviewModel::tr("%1 connections").arg(count);
    case Category::WebhookOut:
    case Category::WebhookIn:
        return one ? IntegrationOverviewModel::tr("1 webhook")
                   : IntegrationOverviewModel::tr("%1 webhooks").arg(count);
    case Category::ApiKey:
        return one ? IntegrationOverviewModel::tr("1 key")
                   : IntegrationOverviewModel::tr("%1 keys").arg(count);
    case Category::Channel:
        return one ? IntegrationOverviewModel::tr("1 channel")
                   : IntegrationOverviewModel::tr("%1 channels").arg(count);
    }
    return {};
}

QString categoryToolTip(Category category)
{
    switch (category) {
    case Category::Crm:
        return IntegrationOverviewModel::tr(
            "CRM connections keep BotBat contacts and conversations in sync with your CRM.");
    case Category::WebhookOut:
        return IntegrationOverviewModel::tr(
            "Outgoing webhooks send BotBat events to your HTTPS endpoints.");
    case Category::WebhookIn:
        return IntegrationOverviewModel::tr(
            "Incoming webhooks let other systems trigger BotBat workflows.");
    case Category::ApiKey:
        return IntegrationOverviewModel::tr("API keys let other systems call the BotBat API.");
    case Category::Channel:
        return IntegrationOverviewModel::tr(
            "Messaging channels are connected in BotBat itself; they are listed here for "
            "reference only.");
    }
    return {};
}

QString utcText(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

// Details show one line; the tooltip keeps the full text.
QString oneLine(const QString &text)
{
    return text.simplified();
}

} // namespace

IntegrationOverviewModel::IntegrationOverviewModel(Engine &engine, QObject *parent)
    : QAbstractItemModel(parent), m_engine(engine)
{
    connect(&engine, &Engine::integrationsLoaded, this, &IntegrationOverviewModel::onLoaded);
    connect(&engine, &Engine::integrationChanged, this, &IntegrationOverviewModel::onChanged);
    connect(&engine, &Engine::integrationRemoved, this, &IntegrationOverviewModel::onRemoved);
    // A restarted engine may hold different data: read it again.
    connect(&engine, &Engine::statusChanged, this, [this](const EngineStatus &status) {
        if (status.state == EngineState::Running)
            refresh();
    });
}

void IntegrationOverviewModel::refresh()
{
    if (m_pendingLoads == 0)
        m_touchedSinceRequest.clear();
    ++m_pendingLoads;
    m_engine.requestIntegrations();
}

QModelIndex IntegrationOverviewModel::categoryIndex(IntegrationSummary::Category category) const
{
    const int row = categoryRow(category);
    return row < 0 ? QModelIndex() : createIndex(row, NameColumn, kTopLevel);
}

QModelIndex IntegrationOverviewModel::integrationIndex(qint64 id) const
{
    const auto [category, row] = findId(id);
    return category < 0 ? QModelIndex() : createIndex(row, NameColumn, quintptr(category + 1));
}

int IntegrationOverviewModel::countWithStatus(IntegrationSummary::Status status) const
{
    int count = 0;
    for (const Rows &rows : m_rows)
        for (const IntegrationSummary &row : rows)
            count += row.status == status ? 1 : 0;
    return count;
}

QModelIndex IntegrationOverviewModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < kCategoryCount ? createIndex(row, column, kTopLevel) : QModelIndex();
    if (parent.internalId() != kTopLevel || parent.column() != NameColumn)
        return {};
    if (row >= m_rows.at(std::size_t(parent.row())).size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex IntegrationOverviewModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), NameColumn, kTopLevel);
}

int IntegrationOverviewModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return kCategoryCount;
    if (parent.internalId() != kTopLevel || parent.column() != NameColumn)
        return 0;
    return int(m_rows.at(std::size_t(parent.row())).size());
}

int IntegrationOverviewModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool IntegrationOverviewModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant IntegrationOverviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kTopLevel)
        return categoryData(index.row(), index.column(), role);
    const Rows &rows = m_rows.at(std::size_t(index.internalId() - 1));
    return integrationData(rows.at(index.row()), index.column(), role);
}

QVariant IntegrationOverviewModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case LastSuccessColumn:
        return tr("Last success");
    case DetailsColumn:
        return tr("Details");
    }
    return {};
}

Qt::ItemFlags IntegrationOverviewModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kTopLevel)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QHash<int, QByteArray> IntegrationOverviewModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(StatusRole, QByteArrayLiteral("status"));
    names.insert(CategoryRole, QByteArrayLiteral("category"));
    names.insert(IdRole, QByteArrayLiteral("integrationId"));
    names.insert(LastErrorRole, QByteArrayLiteral("lastError"));
    names.insert(LastSuccessRole, QByteArrayLiteral("lastSuccess"));
    names.insert(IsCategoryRole, QByteArrayLiteral("isCategory"));
    names.insert(ChildCountRole, QByteArrayLiteral("childCount"));
    names.insert(ErrorCountRole, QByteArrayLiteral("errorCount"));
    names.insert(KindRole, QByteArrayLiteral("kind"));
    return names;
}

QVariant IntegrationOverviewModel::categoryData(int category, int column, int role) const
{
    const Category which = kCategoryOrder[category];
    const Rows &rows = m_rows.at(std::size_t(category));
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return IntegrationSummary::categoryTitle(which);
        if (column == DetailsColumn)
            return categoryDetails(category);
        return {};
    case Qt::ToolTipRole:
        return categoryToolTip(which);
    case CategoryRole:
        return int(which);
    case IsCategoryRole:
        return true;
    case ChildCountRole:
        return int(rows.size());
    case ErrorCountRole: {
        int errors = 0;
        for (const IntegrationSummary &row : rows)
            errors += row.status == Status::Error ? 1 : 0;
        return errors;
    }
    }
    return {};
}

QString IntegrationOverviewModel::categoryDetails(int category) const
{
    const Category which = kCategoryOrder[category];
    const Rows &rows = m_rows.at(std::size_t(category));
    if (rows.isEmpty())
        return m_loaded ? emptyStateLine(which) : tr("Loading\u2026");
    if (which == Category::Channel)
        return tr("%1, managed in BotBat").arg(countNoun(which, int(rows.size())));
    int errors = 0;
    int inactive = 0;
    for (const IntegrationSummary &row : rows) {
        errors += row.status == Status::Error ? 1 : 0;
        inactive += row.status == Status::Inactive ? 1 : 0;
    }
    QString text = countNoun(which, int(rows.size()));
    if (errors > 0)
        text += tr(", %1 in error").arg(errors);
    if (inactive > 0)
        text += tr(", %1 inactive").arg(inactive);
    return text;
}

QVariant IntegrationOverviewModel::integrationData(const IntegrationSummary &integration,
                                                   int column, int role) const
{
    const bool reference = integration.status == Status::ReferenceOnly;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return integration.name;
        case StatusColumn:
            return IntegrationSummary::statusTitle(integration.status);
        case LastSuccessColumn:
            if (reference)
                return QStringLiteral("\u2014");
            if (!integration.lastSuccessAt.isValid())
                return tr("Never");
            return integration.lastSuccessAt.toLocalTime().toString(
                QStringLiteral("yyyy-MM-dd HH:mm"));
        case DetailsColumn:
            // What needs attention comes first: the error (or why it is off) over the target.
            if (integration.status != Status::Connected && !integration.lastError.isEmpty())
                return oneLine(integration.lastError);
            return oneLine(integration.detail);
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return integration.kind.isEmpty()
                       ? integration.name
                       : tr("%1 (%2)").arg(integration.name, integration.kind);
        case StatusColumn:
            switch (integration.status) {
            case Status::Connected:
                return tr("Connected: the last attempt succeeded.");
            case Status::Error:
                return integration.lastError.isEmpty() ? tr("Error: the last attempt failed.")
                                                       : tr("Error: %1").arg(integration.lastError);
            case Status::Inactive:
                return integration.lastError.isEmpty()
                           ? tr("Inactive: switched off, nothing is sent or received.")
                           : tr("Inactive: %1").arg(integration.lastError);
            case Status::ReferenceOnly:
                return tr("Managed in BotBat; listed here for reference only.");
            }
            return {};
        case LastSuccessColumn:
            if (reference)
                return tr("The console does not track channels.");
            if (!integration.lastSuccessAt.isValid())
                return tr("No successful attempt recorded yet.");
            return utcText(integration.lastSuccessAt);
        case DetailsColumn: {
            QStringList lines;
            if (!integration.detail.isEmpty())
                lines.append(integration.detail);
            if (!integration.lastError.isEmpty())
                lines.append(integration.status == Status::Error
                                 ? tr("Last error: %1").arg(integration.lastError)
                                 : integration.lastError);
            return lines.join(QLatin1Char('\n'));
        }
        }
        return {};
    case StatusRole:
        return int(integration.status);
    case CategoryRole:
        return int(integration.category);
    case IdRole:
        return integration.id;
    case LastErrorRole:
        return integration.lastError;
    case LastSuccessRole:
        return integration.lastSuccessAt;
    case IsCategoryRole:
        return false;
    case KindRole:
        return integration.kind;
    }
    return {};
}

void IntegrationOverviewModel::onLoaded(const QList<IntegrationSummary> &integrations)
{
    m_pendingLoads = std::max(0, m_pendingLoads - 1);
    const bool wasLoaded = m_loaded;
    m_loaded = true;

    auto authoritativeHere = [this](const IntegrationSummary &row) {
        return row.id != 0 && m_touchedSinceRequest.contains(row.id);
    };
    // Drop what the engine no longer lists...
    for (int category = 0; category < kCategoryCount; ++category) {
        const Rows &rows = m_rows.at(std::size_t(category));
        for (int row = int(rows.size()) - 1; row >= 0; --row) {
            const IntegrationSummary &shown = rows.at(row);
            if (authoritativeHere(shown))
                continue;
            const bool listed = std::any_of(
                integrations.cbegin(), integrations.cend(),
                [&shown](const IntegrationSummary &fresh) { return sameIdentity(shown, fresh); });
            if (!listed)
                removeAt(category, row);
        }
    }
    // ...then add and update the rest in place.
    for (const IntegrationSummary &fresh : integrations)
        if (!authoritativeHere(fresh))
            upsert(fresh);

    if (m_pendingLoads == 0)
        m_touchedSinceRequest.clear();
    if (!wasLoaded) {
        // Empty categories switch from "Loading" to their empty-state line.
        for (int category = 0; category < kCategoryCount; ++category)
            categoryCountsChanged(category);
    }
    emit loaded();
}

void IntegrationOverviewModel::onChanged(const IntegrationSummary &integration)
{
    if (integration.id != 0)
        m_touchedSinceRequest.insert(integration.id);
    upsert(integration);
}

void IntegrationOverviewModel::onRemoved(qint64 id)
{
    m_touchedSinceRequest.insert(id);
    const auto [category, row] = findId(id);
    if (category >= 0)
        removeAt(category, row);
}

void IntegrationOverviewModel::upsert(const IntegrationSummary &integration)
{
    const int category = categoryRow(integration.category);
    if (category < 0)
        return;
    auto [shownCategory, row] = find(integration);
    if (shownCategory >= 0 && shownCategory != category) {
        removeAt(shownCategory, row);
        shownCategory = -1;
    }
    Rows &rows = m_rows.at(std::size_t(category));
    const QModelIndex parentIndex = createIndex(category, NameColumn, kTopLevel);
    if (shownCategory < 0) {
        const int position = sortedPosition(category, integration, -1);
        beginInsertRows(parentIndex, position, position);
        rows.insert(position, integration);
        endInsertRows();
        categoryCountsChanged(category);
        return;
    }
    if (sameContent(rows.at(row), integration))
        return;
    const int position = sortedPosition(category, integration, row);
    if (position != row) {
        // beginMoveRows wants the destination in terms of the list before the move.
        const int destination = position > row ? position + 1 : position;
        beginMoveRows(parentIndex, row, row, parentIndex, destination);
        rows.move(row, position);
        endMoveRows();
        row = position;
    }
    const bool statusChanged = rows.at(row).status != integration.status;
    rows[row] = integration;
    const quintptr internal = quintptr(category + 1);
    emit dataChanged(createIndex(row, 0, internal), createIndex(row, ColumnCount - 1, internal));
    if (statusChanged)
        categoryCountsChanged(category);
}

void IntegrationOverviewModel::removeAt(int category, int row)
{
    beginRemoveRows(createIndex(category, NameColumn, kTopLevel), row, row);
    m_rows.at(std::size_t(category)).removeAt(row);
    endRemoveRows();
    categoryCountsChanged(category);
}

void IntegrationOverviewModel::categoryCountsChanged(int category)
{
    emit dataChanged(createIndex(category, 0, kTopLevel),
                     createIndex(category, ColumnCount - 1, kTopLevel));
    emit countsChanged();
}

int IntegrationOverviewModel::sortedPosition(int category, const IntegrationSummary &integration,
                                             int ignoreRow) const
{
    const Rows &rows = m_rows.at(std::size_t(category));
    int position = 0;
    for (int row = 0; row < int(rows.size()); ++row)
        if (row != ignoreRow && lessThan(rows.at(row), integration))
            ++position;
    return position;
}

std::pair<int, int> IntegrationOverviewModel::find(const IntegrationSummary &integration) const
{
    for (int category = 0; category < kCategoryCount; ++category) {
        const Rows &rows = m_rows.at(std::size_t(category));
        for (int row = 0; row < int(rows.size()); ++row)
            if (sameIdentity(rows.at(row), integration))
                return {category, row};
    }
    return {-1, -1};
}

std::pair<int, int> IntegrationOverviewModel::findId(qint64 id) const
{
    if (id == 0)
        return {-1, -1};
    IntegrationSummary probe;
    probe.id = id;
    return find(probe);
}

} // namespace botbat
