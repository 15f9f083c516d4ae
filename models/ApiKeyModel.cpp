#include "ApiKeyModel.h"

#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Clock.h"
#include "core/Engine.h"

#include <limits>

namespace botbat {

namespace {

// Expiries this close are shown with a relative hint ("in 23 h"): the overlap after a rotation
// is when an admin most needs to see how long the old key has left.
constexpr qint64 kSoonMs = 7LL * 24 * 60 * 60 * 1000;

bool sameContent(const ApiKey &a, const ApiKey &b)
{
    return a.id == b.id && a.name == b.name && a.prefix == b.prefix && a.scopes == b.scopes &&
           a.createdAt == b.createdAt && a.expiresAt == b.expiresAt && a.revokedAt == b.revokedAt &&
           a.lastUsedAt == b.lastUsedAt && a.rotatedFrom == b.rotatedFrom;
}

// The order ApiKeyStore::list() uses: newest first.
bool before(const ApiKey &a, const ApiKey &b)
{
    if (a.createdAt != b.createdAt)
        return a.createdAt > b.createdAt;
    return a.id > b.id;
}

bool expiresSoon(const ApiKey &key, const QDateTime &now)
{
    return key.expiresAt.isValid() && !key.revokedAt.isValid() && key.expiresAt > now &&
           now.msecsTo(key.expiresAt) <= kSoonMs;
}

} // namespace

ApiKeyModel::ApiKeyModel(Engine &engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine)
{
    connect(&engine, &Engine::apiKeysUsed, this, &ApiKeyModel::onKeysUsed);
    // A restarted engine may hold different keys; loads queued on the old one never answer.
    connect(&engine, &Engine::statusChanged, this, [this](const EngineStatus &status) {
        if (status.state == EngineState::Running) {
            m_pendingLoads = 0;
            refresh();
        }
    });
}

QDateTime ApiKeyModel::now() const
{
    return m_engine.clock().now();
}

void ApiKeyModel::refresh()
{
    if (m_engine.status().state != EngineState::Running)
        return;
    ++m_pendingLoads;
    ApiKeyStore *store = &m_engine.apiKeys();
    m_engine.runInBackground(
        this,
        [store] {
            Loaded result;
            // The engine also does this every 30 s; here the list and the audit log agree the
            // moment the table shows a key as expired.
            store->auditNewlyExpired();
            result.keys = store->list(&result.error);
            return result;
        },
        [this](const Loaded &result) { onLoaded(result); });
}

void ApiKeyModel::onLoaded(const Loaded &result)
{
    m_pendingLoads = std::max(0, m_pendingLoads - 1);
    if (!result.error.isEmpty()) {
        emit loadFailed(result.error);
        return;
    }
    QSet<qint64> listed;
    for (const ApiKey &key : result.keys)
        listed.insert(key.id);
    // Loads and actions share the engine's one worker thread and answer in order, so a key
    // missing from this answer was really deleted or never existed: drop it.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!listed.contains(m_rows.at(row).key.id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    for (const ApiKey &key : result.keys)
        upsert(key);
    m_loaded = true;
    reevaluate();
    emit countsChanged();
    emit loaded();
}

void ApiKeyModel::reevaluate()
{
    const QDateTime at = now();
    for (int row = 0; row < m_rows.size(); ++row) {
        Row &shown = m_rows[row];
        const ApiKey::State state = shown.state;
        const bool stale = shown.stale;
        evaluate(shown, at);
        if (state != shown.state || stale != shown.stale || expiresSoon(shown.key, at))
            emitRowChanged(row);
    }
    emit countsChanged();
}

void ApiKeyModel::onKeysUsed(const QHash<qint64, qint64> &lastUsed)
{
    const QDateTime at = now();
    for (auto it = lastUsed.cbegin(); it != lastUsed.cend(); ++it) {
        const int row = rowOf(it.key());
        if (row < 0)
            continue; // created by another process since the last refresh: the next one shows it
        Row &shown = m_rows[row];
        const QDateTime used = QDateTime::fromMSecsSinceEpoch(it.value(), Qt::UTC);
        if (shown.key.lastUsedAt.isValid() && shown.key.lastUsedAt >= used)
            continue;
        shown.key.lastUsedAt = used;
        const bool stale = shown.stale;
        evaluate(shown, at);
        emitRowChanged(row);
        if (stale != shown.stale)
            emit countsChanged();
    }
}

void ApiKeyModel::upsert(const ApiKey &fresh)
{
    ApiKey key = fresh;
    const int row = rowOf(key.id);
    if (row < 0) {
        Row added{key};
        evaluate(added, now());
        const int position = sortedPosition(key);
        beginInsertRows({}, position, position);
        m_rows.insert(position, added);
        endInsertRows();
        return;
    }
    Row &shown = m_rows[row];
    // "Last used" arrives live from the HTTP thread and may be newer than a load that was read
    // before it was stored; it never moves backwards.
    if (shown.key.lastUsedAt.isValid() &&
        (!key.lastUsedAt.isValid() || key.lastUsedAt < shown.key.lastUsedAt))
        key.lastUsedAt = shown.key.lastUsedAt;
    if (sameContent(shown.key, key))
        return;
    shown.key = key;
    evaluate(shown, now());
    emitRowChanged(row);
}

void ApiKeyModel::evaluate(Row &row, const QDateTime &at) const
{
    row.state = row.key.stateAt(at);
    row.stale = row.key.isStaleAt(at);
}

void ApiKeyModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int ApiKeyModel::sortedPosition(const ApiKey &key) const
{
    int position = 0;
    while (position < m_rows.size() && before(m_rows.at(position).key, key))
        ++position;
    return position;
}

int ApiKeyModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).key.id == id)
            return row;
    return -1;
}

int ApiKeyModel::countInState(ApiKey::State state) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [state](const Row &row) { return row.state == state; }));
}

int ApiKeyModel::staleCount() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return row.stale; }));
}

bool ApiKeyModel::engineReady(const Callback &done) const
{
    if (m_engine.status().state == EngineState::Running)
        return true;
    Outcome outcome;
    outcome.error = tr("The engine is not running, so keys cannot be changed. Restart the "
                       "console; if the engine still does not start, the status bar says why.");
    done(outcome);
    return false;
}

ApiKeyModel::Callback ApiKeyModel::whenDone(Callback done)
{
    // Runs on this model's thread once the engine has answered: the rows change before done
    // runs, so it sees the key it asked for.
    return [this, done = std::move(done)](const Outcome &outcome) {
        if (outcome.ok) {
            if (outcome.previous.id != 0)
                upsert(outcome.previous);
            upsert(outcome.key);
            emit countsChanged();
            emit keysChanged();
        }
        done(outcome);
    };
}

void ApiKeyModel::createKey(const QString &name, const QStringList &scopes,
                            const QDateTime &expiresAt, Callback done)
{
    if (!engineReady(done))
        return;
    ApiKeyStore *store = &m_engine.apiKeys();
    m_engine.runInBackground(
        this,
        [store, name, scopes, expiresAt] {
            Outcome outcome;
            auto created = store->create(name, scopes, expiresAt, kActor, &outcome.error);
            if (created) {
                outcome.ok = true;
                outcome.key = created->key;
                outcome.token = created->token;
            }
            return outcome;
        },
        whenDone(std::move(done)));
}

void ApiKeyModel::rotateKey(qint64 id, qint64 overlapMs, Callback done)
{
    if (!engineReady(done))
        return;
    ApiKeyStore *store = &m_engine.apiKeys();
    m_engine.runInBackground(
        this,
        [store, id, overlapMs] {
            Outcome outcome;
            auto created = store->rotate(id, overlapMs, kActor, &outcome.error);
            if (created) {
                outcome.ok = true;
                outcome.key = created->key;
                outcome.token = created->token;
                // The old key's row needs its new expiry (the end of the overlap).
                if (auto previous = store->get(id))
                    outcome.previous = *previous;
            }
            return outcome;
        },
        whenDone(std::move(done)));
}

void ApiKeyModel::revokeKey(qint64 id, Callback done)
{
    if (!engineReady(done))
        return;
    ApiKeyStore *store = &m_engine.apiKeys();
    m_engine.runInBackground(
        this,
        [store, id] {
            Outcome outcome;
            auto revoked = store->revoke(id, kActor, &outcome.error);
            if (revoked) {
                outcome.ok = true;
                outcome.key = *revoked;
            }
            return outcome;
        },
        whenDone(std::move(done)));
}

int ApiKeyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApiKeyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApiKeyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ApiKey &key = row.key;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case IdRole:
        return key.id;
    case StateRole:
        return int(row.state);
    case StaleRole:
        return row.stale;
    case PrefixRole:
        return key.prefix;
    case NameRole:
        return key.name;
    case ScopesRole:
        return key.scopes;
    case CreatedRole:
        return key.createdAt;
    case LastUsedRole:
        return key.lastUsedAt;
    case ExpiresRole:
        return key.expiresAt;
    case RevokedRole:
        return key.revokedAt;
    case RotatedFromRole:
        return key.rotatedFrom;
    case SortRole:
        return sortValue(row, index.column());
    case ActionsRole:
        return int(actionsFor(row.state));
    case Qt::AccessibleTextRole:
        if (index.column() == ActionsColumn) {
            // The buttons are painted, not widgets: this is what a screen reader announces.
            QStringList titles;
            for (Action action : kAllActions)
                if (actionsFor(row.state).testFlag(action))
                    titles.append(actionTitle(action));
            return tr("Actions for \u201c%1\u201d: %2").arg(key.name, titles.join(tr(", ")));
        }
        return {};
    case Qt::AccessibleDescriptionRole:
        if (index.column() == ActionsColumn)
            return tr("The same actions are in the toolbar and the context menu, and have "
                      "shortcuts for the selected key.");
        return {};
    }
    return {};
}

QVariant ApiKeyModel::display(const Row &row, int column) const
{
    const ApiKey &key = row.key;
    switch (column) {
    case NameColumn:
        return key.name;
    case PrefixColumn:
        // The ellipsis says this is the start of a longer key, not all of it.
        return QString(key.prefix + QStringLiteral("\u2026"));
    case StateColumn:
        return stateTitle(row.state);
    case CreatedColumn:
        return localTime(key.createdAt);
    case LastUsedColumn:
        return key.lastUsedAt.isValid() ? localTime(key.lastUsedAt) : tr("Never");
    case ExpiresColumn: {
        if (!key.expiresAt.isValid())
            return tr("Never");
        const QDateTime at = now();
        if (expiresSoon(key, at))
            return tr("%1 (%2)").arg(localTime(key.expiresAt), relative(key.expiresAt, at));
        return localTime(key.expiresAt);
    }
    case ScopesColumn:
        return scopesText(key.scopes);
    }
    return {};
}

QVariant ApiKeyModel::toolTip(const Row &row, int column) const
{
    const ApiKey &key = row.key;
    const QDateTime at = now();
    switch (column) {
    case NameColumn: {
        QString text = key.name;
        if (key.rotatedFrom != 0) {
            const int previous = rowOf(key.rotatedFrom);
            text +=
                QLatin1Char('\n') +
                (previous >= 0 ? tr("Replaces %1 (rotation)").arg(m_rows.at(previous).key.prefix)
                               : tr("Replaces an earlier key (rotation)"));
        }
        return text;
    }
    case PrefixColumn:
        return tr("The first characters of the key, to recognise it in logs and configuration. "
                  "The full key was shown once, when it was created; BotBat keeps only its hash.");
    case StateColumn:
        switch (row.state) {
        case ApiKey::State::Active: {
            QString text = tr("Active: the API accepts this key.");
            if (row.stale) {
                const QDateTime since = key.lastUsedAt.isValid() ? key.lastUsedAt : key.createdAt;
                text += QLatin1Char('\n') +
                        (key.lastUsedAt.isValid()
                             ? tr("Stale: not used for %1 days (last used %2). If nothing needs "
                                  "it any more, revoke it.")
                                   .arg(since.daysTo(at))
                                   .arg(localTime(since))
                             : tr("Stale: never used in the %1 days since it was created. If "
                                  "nothing needs it, revoke it.")
                                   .arg(since.daysTo(at)));
            }
            if (key.expiresAt.isValid())
                text +=
                    QLatin1Char('\n') +
                    tr("Expires %1 (%2).").arg(relative(key.expiresAt, at), utcTime(key.expiresAt));
            return text;
        }
        case ApiKey::State::Expired:
            return tr("Expired %1 (%2): the API refuses this key. Use its replacement or "
                      "create a new key.")
                .arg(relative(key.expiresAt, at), utcTime(key.expiresAt));
        case ApiKey::State::Revoked:
            return tr("Revoked %1 (%2): the API refuses this key. Revoking is final.")
                .arg(relative(key.revokedAt, at), utcTime(key.revokedAt));
        }
        return {};
    case CreatedColumn:
        return tr("%1 (%2)").arg(utcTime(key.createdAt), relative(key.createdAt, at));
    case LastUsedColumn:
        return key.lastUsedAt.isValid()
                   ? tr("%1 (%2)").arg(utcTime(key.lastUsedAt), relative(key.lastUsedAt, at))
                   : tr("No request has used this key since it was created.");
    case ExpiresColumn:
        if (!key.expiresAt.isValid())
            return tr("This key does not expire. Rotate it from time to time, and revoke it when "
                      "it is no longer needed.");
        return tr("%1 (%2)").arg(utcTime(key.expiresAt), relative(key.expiresAt, at));
    case ScopesColumn: {
        QStringList lines;
        for (const QString &scope : key.scopes)
            lines.append(tr("%1 \u2014 %2").arg(scope, ApiKeyScopes::describe(scope)));
        return lines.join(QLatin1Char('\n'));
    }
    }
    return {};
}

QVariant ApiKeyModel::sortValue(const Row &row, int column) const
{
    const ApiKey &key = row.key;
    auto ms = [](const QDateTime &at, qint64 fallback) {
        return at.isValid() ? at.toMSecsSinceEpoch() : fallback;
    };
    switch (column) {
    case NameColumn:
        return key.name.toLower();
    case PrefixColumn:
        return key.prefix;
    case StateColumn:
        return int(row.state) * 2 + (row.stale ? 1 : 0);
    case CreatedColumn:
        return key.createdAt.toMSecsSinceEpoch();
    case LastUsedColumn:
        return ms(key.lastUsedAt, 0);
    case ExpiresColumn:
        return ms(key.expiresAt, std::numeric_limits<qint64>::max());
    case ScopesColumn:
        return scopesText(key.scopes);
    case ActionsColumn:
        return int(row.state);
    }
    return {};
}

QVariant ApiKeyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Name");
        case PrefixColumn:
            return tr("Key");
        case StateColumn:
            return tr("State");
        case CreatedColumn:
            return tr("Created");
        case LastUsedColumn:
            return tr("Last used");
        case ExpiresColumn:
            return tr("Expires");
        case ScopesColumn:
            return tr("Scopes");
        case ActionsColumn:
            return tr("Actions");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case PrefixColumn:
            return tr("The start of each key; the rest is never shown again after creation");
        case StateColumn:
            return tr("Active keys are accepted; stale ones have not been used for %1 days")
                .arg(ApiKey::kStaleAfterDays);
        case CreatedColumn:
        case LastUsedColumn:
        case ExpiresColumn:
            return tr("Local time; hover a cell for the exact UTC time");
        case ActionsColumn:
            return tr("Copy a key's prefix, rotate or revoke it; the toolbar, the context menu "
                      "and shortcuts do the same for the selected key");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags ApiKeyModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ApiKeyModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("keyId"));
    names.insert(StateRole, QByteArrayLiteral("state"));
    names.insert(StaleRole, QByteArrayLiteral("stale"));
    names.insert(PrefixRole, QByteArrayLiteral("prefix"));
    names.insert(NameRole, QByteArrayLiteral("name"));
    names.insert(ScopesRole, QByteArrayLiteral("scopes"));
    names.insert(CreatedRole, QByteArrayLiteral("createdAt"));
    names.insert(LastUsedRole, QByteArrayLiteral("lastUsedAt"));
    names.insert(ExpiresRole, QByteArrayLiteral("expiresAt"));
    names.insert(RevokedRole, QByteArrayLiteral("revokedAt"));
    names.insert(RotatedFromRole, QByteArrayLiteral("rotatedFrom"));
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(ActionsRole, QByteArrayLiteral("actions"));
    return names;
}

QString ApiKeyModel::localTime(const QDateTime &at)
{
    return at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString ApiKeyModel::utcTime(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

QString ApiKeyModel::relative(const QDateTime &at, const QDateTime &now)
{
    const qint64 deltaMs = now.msecsTo(at);
    const bool future = deltaMs > 0;
    const qint64 seconds = std::abs(deltaMs) / 1000;
    if (seconds < 60)
        return future ? tr("in under a minute") : tr("just now");
    QString amount;
    // Rounded to the nearest unit: an overlap of 24 hours reads "in 24 hours" a second after it
    // began, not "in 23 hours". Plurals spelled out: without a translation loaded, tr()'s %n
    // would show "minute(s)".
    if (seconds < 60 * 60 - 30) {
        const qint64 minutes = std::max<qint64>(1, (seconds + 30) / 60);
        amount = minutes == 1 ? tr("1 minute") : tr("%1 minutes").arg(minutes);
    } else if (seconds < 48 * 60 * 60 - 30 * 60) {
        const qint64 hours = (seconds + 30 * 60) / 3600;
        amount = hours == 1 ? tr("1 hour") : tr("%1 hours").arg(hours);
    } else {
        amount = tr("%1 days").arg((seconds + 12 * 3600) / 86400);
    }
    return future ? tr("in %1").arg(amount) : tr("%1 ago").arg(amount);
}

QString ApiKeyModel::stateTitle(ApiKey::State state)
{
    switch (state) {
    case ApiKey::State::Active:
        return tr("Active");
    case ApiKey::State::Expired:
        return tr("Expired");
    case ApiKey::State::Revoked:
        return tr("Revoked");
    }
    return {};
}

ApiKeyModel::Actions ApiKeyModel::actionsFor(ApiKey::State state)
{
    switch (state) {
    case ApiKey::State::Active:
        return CopyPrefixAction | RotateAction | RevokeAction;
    case ApiKey::State::Expired:
        return CopyPrefixAction | RevokeAction;
    case ApiKey::State::Revoked:
        return CopyPrefixAction;
    }
    return {};
}

QString ApiKeyModel::actionTitle(Action action)
{
    switch (action) {
    case CopyPrefixAction:
        return tr("Copy key prefix");
    case RotateAction:
        return tr("Rotate\u2026");
    case RevokeAction:
        return tr("Revoke\u2026");
    }
    return {};
}

QString ApiKeyModel::scopesText(const QStringList &scopes)
{
    QStringList all = ApiKeyScopes::all();
    all.sort();
    QStringList sorted = scopes;
    sorted.sort();
    if (sorted == all)
        return tr("All scopes");
    return scopes.join(QStringLiteral(", "));
}

} // namespace botbat
