#include "AuditLogModel.h"

#include "ApiKeyModel.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Clock.h"
#include "core/Engine.h"

namespace botbat {

AuditLogModel::AuditLogModel(Engine &engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine)
{
    connect(&engine, &Engine::statusChanged, this, [this](const EngineStatus &status) {
        if (status.state == EngineState::Running) {
            m_refreshing = 0;
            m_fetchingOlder = false;
        }
    });
}

void AuditLogModel::refresh()
{
    request(0, false);
}

bool AuditLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && !m_reachedEnd && !m_fetchingOlder &&
           !m_entries.isEmpty();
}

void AuditLogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request(m_entries.last().id, true);
}

void AuditLogModel::request(qint64 beforeId, bool older)
{
    if (m_engine.status().state != EngineState::Running)
        return;
    if (older)
        m_fetchingOlder = true;
    else
        ++m_refreshing;
    ApiKeyStore *store = &m_engine.apiKeys();
    const int limit = m_pageSize;
    m_engine.runInBackground(
        this,
        [store, limit, beforeId] {
            Page page;
            page.entries = store->audit(limit, beforeId, &page.error);
            return page;
        },
        [this, older](const Page &page) {
            if (older)
                onOlder(page);
            else
                onNewest(page);
        });
}

void AuditLogModel::onNewest(const Page &page)
{
    m_refreshing = std::max(0, m_refreshing - 1);
    if (!page.error.isEmpty()) {
        emit loadFailed(page.error);
        return;
    }
    const qint64 top = m_entries.isEmpty() ? 0 : m_entries.first().id;
    QList<AuditEntry> newer;
    for (const AuditEntry &entry : page.entries)
        if (entry.id > top)
            newer.append(entry);
    if (m_entries.isEmpty() ||
        (newer.size() == page.entries.size() && newer.size() == m_pageSize)) {
        // First load, or more new entries than a page: the rows below would not join up with
        // these, so start again from the newest page instead of leaving a gap.
        beginResetModel();
        m_entries = page.entries;
        m_reachedEnd = page.entries.size() < m_pageSize;
        endResetModel();
    } else if (!newer.isEmpty()) {
        beginInsertRows({}, 0, int(newer.size()) - 1);
        m_entries = newer + m_entries;
        endInsertRows();
    }
    m_loaded = true;
    emit loaded();
}

void AuditLogModel::onOlder(const Page &page)
{
    m_fetchingOlder = false;
    if (!page.error.isEmpty()) {
        emit loadFailed(page.error);
        return;
    }
    const qint64 bottom = m_entries.isEmpty() ? 0 : m_entries.last().id;
    QList<AuditEntry> older;
    for (const AuditEntry &entry : page.entries)
        if (bottom == 0 || entry.id < bottom)
            older.append(entry);
    if (page.entries.size() < m_pageSize)
        m_reachedEnd = true;
    if (!older.isEmpty()) {
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(older.size()) - 1);
        m_entries.append(older);
        endInsertRows();
    }
    emit loaded();
}

QString AuditLogModel::actionTitle(const QString &action)
{
    if (action == AuditEntry::KeyCreated)
        return tr("Created");
    if (action == AuditEntry::KeyRotated)
        return tr("Rotated");
    if (action == AuditEntry::KeyRevoked)
        return tr("Revoked");
    if (action == AuditEntry::KeyExpired)
        return tr("Expired");
    if (action == AuditEntry::AuthFailed)
        return tr("Failed authentication");
    return action;
}

QString AuditLogModel::refusalReason(const QString &code)
{
    if (code == QLatin1String("missing_api_key"))
        return tr("No key was sent");
    if (code == QLatin1String("malformed_api_key"))
        return tr("Not a BotBat key (malformed)");
    if (code == QLatin1String("invalid_api_key"))
        return tr("Unknown key");
    if (code == QLatin1String("revoked_api_key"))
        return tr("The key is revoked");
    if (code == QLatin1String("expired_api_key"))
        return tr("The key has expired");
    return code;
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry &entry = m_entries.at(index.row());
    const bool auth = entry.action == AuditEntry::AuthFailed;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ActionColumn:
            return actionTitle(entry.action);
        case KeyNameColumn:
            return entry.keyName;
        case KeyPrefixColumn:
            return entry.keyPrefix.isEmpty() ? QString()
                                             : QString(entry.keyPrefix + QStringLiteral("\u2026"));
        case ClientColumn:
            return entry.clientAddress;
        case ActorColumn:
            return entry.actor;
        case DetailColumn:
            return auth ? refusalReason(entry.detail) : entry.detail.simplified();
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return ApiKeyModel::utcTime(entry.at);
        case ActionColumn:
            return auth ? tr("A request to the API was refused: %1")
                              .arg(refusalReason(entry.detail).toLower())
                        : entry.action;
        case KeyPrefixColumn:
            return auth && entry.keyPrefix.isEmpty()
                       ? tr("The request carried no well-formed key.")
                       : tr("Only the start of the key is ever logged, never the key.");
        case ClientColumn:
            return auth ? tr("The address the refused request came from.") : QString();
        case ActorColumn:
            return tr("Who did it: console, cli (the command line), api or engine.");
        case DetailColumn:
            return auth ? tr("Error code sent to the client: %1").arg(entry.detail) : entry.detail;
        }
        return {};
    case IdRole:
        return entry.id;
    case ActionRole:
        return entry.action;
    case KindRole:
        return auth ? kAuth : kLifecycle;
    case TimeRole:
        return entry.at;
    case KeyIdRole:
        return entry.keyId;
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActionColumn:
        return tr("Action");
    case KeyNameColumn:
        return tr("Key name");
    case KeyPrefixColumn:
        return tr("Key");
    case ClientColumn:
        return tr("Client address");
    case ActorColumn:
        return tr("Actor");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

Qt::ItemFlags AuditLogModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> AuditLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("entryId"));
    names.insert(ActionRole, QByteArrayLiteral("action"));
    names.insert(KindRole, QByteArrayLiteral("kind"));
    names.insert(TimeRole, QByteArrayLiteral("at"));
    names.insert(KeyIdRole, QByteArrayLiteral("keyId"));
    return names;
}

} // namespace botbat
