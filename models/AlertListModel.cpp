#include "AlertListModel.h"

#include "alerts/AlertStore.h"
#include "core/Engine.h"

#include <QCoreApplication>
#include <QFont>
#include <QLocale>

namespace botbat {

namespace {
QString notRunning()
{
    return QCoreApplication::translate(
        "botbat::AlertListModel",
        "The engine is not running, so alerts cannot be read. Restart the console; if the "
        "engine still does not start, the status bar says why.");
}
} // namespace

AlertListModel::AlertListModel(Engine &engine, QObject *parent)
    : QAbstractListModel(parent), m_engine(engine)
{
    connect(&m_engine, &Engine::alertRaised, this, &AlertListModel::onRaised);
    connect(&m_engine, &Engine::alertsAcknowledged, this, &AlertListModel::refresh);
}

void AlertListModel::refresh()
{
    if (m_engine.status().state != EngineState::Running) {
        m_error = notRunning();
        emit failed(m_error);
        return;
    }
    AlertStore *store = &m_engine.alerts();
    m_engine.runInBackground(
        this,
        [store] {
            Loaded result;
            result.rows = store->recent(kMaxRows, &result.error);
            if (result.error.isEmpty())
                result.unread = store->unacknowledgedCount(&result.error);
            return result;
        },
        [this](const Loaded &result) { onLoaded(result); });
}

void AlertListModel::markAllRead()
{
    if (m_engine.status().state != EngineState::Running) {
        emit failed(notRunning());
        return;
    }
    AlertStore *store = &m_engine.alerts();
    m_engine.runInBackground(
        this,
        [store] {
            QString error;
            store->acknowledgeAll(&error);
            return error;
        },
        [this](const QString &error) {
            if (!error.isEmpty()) {
                m_error = error;
                emit failed(error);
            }
            // Success is announced by Engine::alertsAcknowledged, which reloads.
        });
}

void AlertListModel::onLoaded(const Loaded &result)
{
    m_error = result.error;
    if (!result.error.isEmpty()) {
        emit failed(result.error);
        return;
    }
    beginResetModel();
    m_rows = result.rows;
    endResetModel();
    m_loaded = true;
    setUnread(result.unread);
    emit loaded();
}

void AlertListModel::onRaised(const Alert &alert)
{
    for (const Alert &row : std::as_const(m_rows))
        if (row.id == alert.id)
            return; // already read from the database
    beginInsertRows({}, 0, 0);
    m_rows.prepend(alert);
    endInsertRows();
    if (m_rows.size() > kMaxRows) {
        beginRemoveRows({}, kMaxRows, m_rows.size() - 1);
        m_rows.resize(kMaxRows);
        endRemoveRows();
    }
    if (!alert.isAcknowledged())
        setUnread(m_unread + 1);
}

void AlertListModel::setUnread(int count)
{
    if (count == m_unread)
        return;
    m_unread = count;
    emit unreadCountChanged(count);
}

int AlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant AlertListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Alert &alert = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 — %2").arg(
            QLocale().toString(alert.raisedAt.toLocalTime(), QLocale::ShortFormat), alert.title());
    case Qt::FontRole: {
        if (alert.isAcknowledged())
            return {};
        QFont font;
        font.setBold(true); // unread
        return font;
    }
    case Qt::ToolTipRole:
        return tr("%1\n\n%2\n\nDouble-click to open the delivery log of this webhook.")
            .arg(alert.summaryLine(), alert.hint());
    case IdRole:
        return alert.id;
    case KindRole:
        return static_cast<int>(alert.kind);
    case SourceIdRole:
        return alert.sourceId;
    case IntegrationNameRole:
        return alert.integrationName;
    case ReasonRole:
        return alert.reason;
    case FailuresRole:
        return alert.failures;
    case RaisedAtRole:
        return alert.raisedAt;
    case UnreadRole:
        return !alert.isAcknowledged();
    default:
        return {};
    }
}

QHash<int, QByteArray> AlertListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "alertId");
    names.insert(KindRole, "kind");
    names.insert(SourceIdRole, "sourceId");
    names.insert(IntegrationNameRole, "integrationName");
    names.insert(ReasonRole, "reason");
    names.insert(FailuresRole, "failures");
    names.insert(RaisedAtRole, "raisedAt");
    names.insert(UnreadRole, "unread");
    return names;
}

} // namespace botbat
