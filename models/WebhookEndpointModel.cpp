#include "WebhookEndpointModel.h"

#include "ApiKeyModel.h"
#include "WebhookEventTexts.h"
#include "WebhookStoreCall.h"
#include "core/Clock.h"
#include "core/Engine.h"

#include <QTimer>

namespace botbat {

namespace {

// The order the table starts in: newest first, like the store's list.
bool before(const WebhookEndpoint &a, const WebhookEndpoint &b)
{
    if (a.createdAt != b.createdAt)
        return a.createdAt > b.createdAt;
    return a.id > b.id;
}

bool sameContent(const WebhookEndpoint &a, const WebhookEndpoint &b)
{
    return a.id == b.id && a.url == b.url && a.description == b.description &&
           a.events == b.events && a.enabled == b.enabled && a.disabledReason == b.disabledReason &&
           a.disabledAt == b.disabledAt && a.maxConcurrency == b.maxConcurrency &&
           a.ratePerSecond == b.ratePerSecond && a.hasSecret == b.hasSecret &&
           a.secretRotatedAt == b.secretRotatedAt &&
           a.previousSecretUntil == b.previousSecretUntil && a.lastAttemptAt == b.lastAttemptAt &&
           a.lastSuccessAt == b.lastSuccessAt && a.lastStatus == b.lastStatus &&
           a.lastErrorClass == b.lastErrorClass && a.lastError == b.lastError &&
           a.failingSince == b.failingSince && a.updatedAt == b.updatedAt;
}

bool lastFailed(const WebhookEndpoint &endpoint)
{
    return endpoint.lastAttemptAt.isValid() && !endpoint.lastErrorClass.isEmpty();
}

} // namespace

WebhookEndpointModel::WebhookEndpointModel(Engine &engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine), m_reloadTimer(new QTimer(this)),
      m_tickTimer(new QTimer(this))
{
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(kHealthReloadDelayMs);
    connect(m_reloadTimer, &QTimer::timeout, this, &WebhookEndpointModel::reloadTouched);
    // Relative times ("2 minutes ago") go stale while the table is open.
    m_tickTimer->setInterval(kRelativeTimeTickMs);
    connect(m_tickTimer, &QTimer::timeout, this, [this] {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, LastDeliveryColumn),
                             index(int(m_rows.size()) - 1, LastDeliveryColumn));
    });
    m_tickTimer->start();

    connect(&engine, &Engine::webhookEndpointChanged, this, [this](const WebhookEndpoint &changed) {
        upsert(changed);
        emit countsChanged();
    });
    connect(&engine, &Engine::webhookEndpointRemoved, this, [this](qint64 id) {
        removeRow(id);
        emit countsChanged();
    });
    connect(&engine, &Engine::webhookAttemptsRecorded, this,
            &WebhookEndpointModel::onAttemptsRecorded);
    // A restarted engine may hold different endpoints.
    connect(&engine, &Engine::statusChanged, this, [this](const EngineStatus &status) {
        if (status.state == EngineState::Running)
            refresh();
    });
}

QDateTime WebhookEndpointModel::now() const
{
    return m_engine.clock().now();
}

QString WebhookEndpointModel::adminDisabledReason()
{
    return tr("Disabled by an admin in the console");
}

void WebhookEndpointModel::refresh()
{
    WebhookStoreCall::run(
        m_engine, this, [](WebhookStore &store) { return store.list(); },
        [this](const DomainResult<QList<WebhookEndpoint>> &result) { onLoaded(result); });
}

void WebhookEndpointModel::onLoaded(const DomainResult<QList<WebhookEndpoint>> &result)
{
    if (!result) {
        emit loadFailed(result.error().message());
        return;
    }
    QSet<qint64> listed;
    for (const WebhookEndpoint &endpoint : result.value())
        listed.insert(endpoint.id);
    // Loads and changes share the engine's one worker thread and answer in order, so an
    // endpoint missing from this answer was deleted (from here, the API or another console).
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!listed.contains(m_rows.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    for (const WebhookEndpoint &endpoint : result.value())
        upsert(endpoint);
    m_loaded = true;
    emit countsChanged();
    emit loaded();
}

void WebhookEndpointModel::onAttemptsRecorded(const QList<WebhookAttempt> &attempts)
{
    for (const WebhookAttempt &attempt : attempts)
        if (rowOf(attempt.endpointId) >= 0)
            m_touched.insert(attempt.endpointId);
    if (!m_touched.isEmpty() && !m_reloadTimer->isActive())
        m_reloadTimer->start();
}

void WebhookEndpointModel::reloadTouched()
{
    const QList<qint64> ids(m_touched.cbegin(), m_touched.cend());
    m_touched.clear();
    if (ids.isEmpty())
        return;
    struct Reloaded
    {
        QList<WebhookEndpoint> found;
        QList<qint64> missing;
    };
    WebhookStoreCall::run(
        m_engine, this,
        [ids](WebhookStore &store) {
            Reloaded reloaded;
            for (qint64 id : ids) {
                const auto endpoint = store.get(id);
                if (endpoint)
                    reloaded.found.append(endpoint.value());
                else if (endpoint.error().kind() == DomainError::Kind::NotFound)
                    reloaded.missing.append(id);
            }
            return DomainResult<Reloaded>(reloaded);
        },
        [this](const DomainResult<Reloaded> &result) {
            if (!result)
                return;
            for (const WebhookEndpoint &endpoint : result.value().found)
                upsert(endpoint);
            for (qint64 id : result.value().missing)
                removeRow(id);
            emit countsChanged();
        });
}

template<typename T>
WebhookEndpointModel::Callback<T> WebhookEndpointModel::applying(Callback<T> done)
{
    return [this, done = std::move(done)](const DomainResult<T> &result) {
        if (result) {
            if constexpr (std::is_same_v<T, WebhookStore::Saved>)
                upsert(result.value().endpoint);
            else if constexpr (std::is_same_v<T, WebhookEndpoint>)
                upsert(result.value());
            else if constexpr (std::is_same_v<T, qint64>)
                removeRow(result.value());
            emit countsChanged();
        }
        done(result);
    };
}

void WebhookEndpointModel::create(const WebhookEndpointInput &input,
                                  Callback<WebhookStore::Saved> done)
{
    WebhookStoreCall::run(
        m_engine, this, [input](WebhookStore &store) { return store.create(input); },
        applying(std::move(done)));
}

void WebhookEndpointModel::update(qint64 id, const WebhookEndpointInput &input,
                                  Callback<WebhookStore::Saved> done)
{
    WebhookStoreCall::run(
        m_engine, this, [id, input](WebhookStore &store) { return store.update(id, input); },
        applying(std::move(done)));
}

void WebhookEndpointModel::remove(qint64 id, Callback<qint64> done)
{
    WebhookStoreCall::run(
        m_engine, this, [id](WebhookStore &store) { return store.remove(id); },
        applying(std::move(done)));
}

void WebhookEndpointModel::setEnabled(qint64 id, bool enabled, Callback<WebhookEndpoint> done)
{
    WebhookStoreCall::run(
        m_engine, this,
        [id, enabled](WebhookStore &store) {
            return store.setEnabled(id, enabled, enabled ? QString() : adminDisabledReason());
        },
        applying(std::move(done)));
}

void WebhookEndpointModel::rotateSecret(qint64 id, Callback<WebhookStore::Saved> done)
{
    WebhookStoreCall::run(
        m_engine, this, [id](WebhookStore &store) { return store.rotateSecret(id); },
        applying(std::move(done)));
}

void WebhookEndpointModel::loadSecret(qint64 id, Callback<QString> done)
{
    WebhookStoreCall::run(
        m_engine, this, [id](WebhookStore &store) { return store.secret(id); }, std::move(done));
}

void WebhookEndpointModel::upsert(const WebhookEndpoint &endpoint)
{
    const int row = rowOf(endpoint.id);
    if (row < 0) {
        const int position = sortedPosition(endpoint);
        beginInsertRows({}, position, position);
        m_rows.insert(position, endpoint);
        endInsertRows();
        return;
    }
    if (sameContent(m_rows.at(row), endpoint))
        return;
    m_rows[row] = endpoint;
    emitRowChanged(row);
}

void WebhookEndpointModel::removeRow(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void WebhookEndpointModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int WebhookEndpointModel::sortedPosition(const WebhookEndpoint &endpoint) const
{
    int position = 0;
    while (position < m_rows.size() && before(m_rows.at(position), endpoint))
        ++position;
    return position;
}

int WebhookEndpointModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == id)
            return row;
    return -1;
}

std::optional<WebhookEndpoint> WebhookEndpointModel::endpoint(qint64 id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

int WebhookEndpointModel::countWithHealth(Health health) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [health](const WebhookEndpoint &e) { return e.health() == health; }));
}

int WebhookEndpointModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookEndpointModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookEndpointModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebhookEndpoint &endpoint = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(endpoint, index.column());
    case Qt::ToolTipRole:
        return toolTip(endpoint, index.column());
    case Qt::CheckStateRole:
        if (index.column() == EnabledColumn)
            return endpoint.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == EnabledColumn)
            return endpoint.enabled ? tr("Enabled") : tr("Disabled");
        return {};
    case IdRole:
        return endpoint.id;
    case HealthRole:
        return int(endpoint.health());
    case UrlRole:
        return endpoint.url;
    case DescriptionRole:
        return endpoint.description;
    case EventsRole:
        return endpoint.events;
    case EnabledRole:
        return endpoint.enabled;
    case HasSecretRole:
        return endpoint.hasSecret;
    case LastAttemptRole:
        return endpoint.lastAttemptAt;
    case LastStatusRole:
        return endpoint.lastStatus;
    case LastErrorRole:
        return endpoint.lastError;
    case LastFailedRole:
        return lastFailed(endpoint);
    case DisabledReasonRole:
        return endpoint.disabledReason;
    case SortRole:
        return sortValue(endpoint, index.column());
    }
    return {};
}

bool WebhookEndpointModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != EnabledColumn || role != Qt::CheckStateRole)
        return false;
    const WebhookEndpoint &endpoint = m_rows.at(index.row());
    const bool enabled = Qt::CheckState(value.toInt()) == Qt::Checked;
    if (enabled == endpoint.enabled)
        return false;
    // The check box follows the store's answer, not the click: it flips when the change is
    // stored (milliseconds) and stays put when it is refused.
    setEnabled(endpoint.id, enabled, [this](const DomainResult<WebhookEndpoint> &result) {
        if (!result)
            emit changeFailed(result.error().message());
    });
    return true;
}

QVariant WebhookEndpointModel::display(const WebhookEndpoint &endpoint, int column) const
{
    switch (column) {
    case HealthColumn:
        return healthTitle(endpoint.health());
    case UrlColumn:
        return endpoint.url;
    case DescriptionColumn:
        return endpoint.description;
    case EventsColumn:
        return WebhookEventTexts::countText(endpoint.events);
    case LastDeliveryColumn:
        return lastDeliveryText(endpoint, now());
    case EnabledColumn:
        return endpoint.enabled ? tr("On") : tr("Off");
    }
    return {};
}

QVariant WebhookEndpointModel::toolTip(const WebhookEndpoint &endpoint, int column) const
{
    switch (column) {
    case HealthColumn:
        return healthExplanation(endpoint);
    case UrlColumn: {
        QString text = endpoint.url;
        text += QLatin1Char('\n') + (endpoint.hasSecret
                                         ? tr("Deliveries are signed with its secret.")
                                         : tr("No signing secret: receivers cannot verify that "
                                              "deliveries come from BotBat."));
        if (endpoint.inRotationOverlapAt(now()))
            text +=
                QLatin1Char('\n') + tr("Secret rotated: the previous secret also signs until %1.")
                                        .arg(ApiKeyModel::localTime(endpoint.previousSecretUntil));
        return text;
    }
    case DescriptionColumn:
        return endpoint.description.isEmpty() ? QVariant() : QVariant(endpoint.description);
    case EventsColumn:
        return endpoint.events.isEmpty() ? tr("Subscribed to no events")
                                         : WebhookEventTexts::listText(endpoint.events);
    case LastDeliveryColumn: {
        if (!endpoint.lastAttemptAt.isValid())
            return tr("Nothing has been sent to this endpoint yet. Send Test checks it now.");
        QString text = tr("Last attempt %1 (%2).")
                           .arg(ApiKeyModel::utcTime(endpoint.lastAttemptAt),
                                ApiKeyModel::relative(endpoint.lastAttemptAt, now()));
        if (lastFailed(endpoint) && !endpoint.lastError.isEmpty())
            text += QLatin1Char('\n') + endpoint.lastError;
        if (endpoint.lastSuccessAt.isValid() && lastFailed(endpoint))
            text +=
                QLatin1Char('\n') +
                tr("Last success %1.").arg(ApiKeyModel::relative(endpoint.lastSuccessAt, now()));
        return text;
    }
    case EnabledColumn:
        return endpoint.enabled
                   ? tr("Enabled: receives the events it subscribes to. Uncheck to pause it.")
                   : tr("Disabled%1. Check to send it events again; events that happened while "
                        "it was disabled are not sent.")
                         .arg(endpoint.disabledReason.isEmpty()
                                  ? QString()
                                  : tr(" (%1)").arg(endpoint.disabledReason));
    }
    return {};
}

QVariant WebhookEndpointModel::sortValue(const WebhookEndpoint &endpoint, int column) const
{
    switch (column) {
    case HealthColumn:
        return int(endpoint.health());
    case UrlColumn:
        return endpoint.url.toLower();
    case DescriptionColumn:
        return endpoint.description.toLower();
    case EventsColumn:
        return int(endpoint.events.size());
    case LastDeliveryColumn:
        return endpoint.lastAttemptAt.isValid() ? endpoint.lastAttemptAt.toMSecsSinceEpoch() : 0;
    case EnabledColumn:
        return endpoint.enabled ? 1 : 0;
    }
    return {};
}

QVariant WebhookEndpointModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case HealthColumn:
            return tr("Status");
        case UrlColumn:
            return tr("Endpoint URL");
        case DescriptionColumn:
            return tr("Description");
        case EventsColumn:
            return tr("Events");
        case LastDeliveryColumn:
            return tr("Last delivery");
        case EnabledColumn:
            return tr("Enabled");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case HealthColumn:
            return tr("Connected: the last delivery succeeded. Error: it failed (hover for why "
                      "and what to do). Inactive: disabled. Waiting: nothing sent yet.");
        case EventsColumn:
            return tr("How many event types the endpoint subscribes to; hover a cell for the list");
        case LastDeliveryColumn:
            return tr("The HTTP status or error of the most recent attempt, and when");
        case EnabledColumn:
            return tr("Only enabled endpoints receive events");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags WebhookEndpointModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == EnabledColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QHash<int, QByteArray> WebhookEndpointModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("endpointId"));
    names.insert(HealthRole, QByteArrayLiteral("health"));
    names.insert(UrlRole, QByteArrayLiteral("url"));
    names.insert(DescriptionRole, QByteArrayLiteral("description"));
    names.insert(EventsRole, QByteArrayLiteral("events"));
    names.insert(EnabledRole, QByteArrayLiteral("enabled"));
    names.insert(HasSecretRole, QByteArrayLiteral("hasSecret"));
    names.insert(LastAttemptRole, QByteArrayLiteral("lastAttemptAt"));
    names.insert(LastStatusRole, QByteArrayLiteral("lastStatus"));
    names.insert(LastErrorRole, QByteArrayLiteral("lastError"));
    names.insert(LastFailedRole, QByteArrayLiteral("lastFailed"));
    names.insert(DisabledReasonRole, QByteArrayLiteral("disabledReason"));
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    return names;
}

QString WebhookEndpointModel::healthTitle(Health health)
{
    switch (health) {
    case Health::Waiting:
        return tr("Waiting");
    case Health::Connected:
        return tr("Connected");
    case Health::Error:
        return tr("Error");
    case Health::Inactive:
        return tr("Inactive");
    }
    return {};
}

QString WebhookEndpointModel::errorClassTitle(const QString &errorClassKey)
{
    switch (WebhookAttempt::errorClassFromKey(errorClassKey)) {
    case WebhookAttempt::ErrorClass::Dns:
        return tr("DNS failure");
    case WebhookAttempt::ErrorClass::Connect:
        return tr("Connection failed");
    case WebhookAttempt::ErrorClass::Tls:
        return tr("TLS error");
    case WebhookAttempt::ErrorClass::Timeout:
        return tr("Timed out");
    case WebhookAttempt::ErrorClass::Http:
        return tr("HTTP error");
    case WebhookAttempt::ErrorClass::None:
        break;
    }
    return tr("Failed");
}

QString WebhookEndpointModel::lastDeliveryText(const WebhookEndpoint &endpoint,
                                               const QDateTime &now)
{
    if (!endpoint.lastAttemptAt.isValid())
        return tr("No deliveries yet");
    const QString what = endpoint.lastStatus > 0 ? QString::number(endpoint.lastStatus)
                                                 : errorClassTitle(endpoint.lastErrorClass);
    return tr("%1 \u00b7 %2").arg(what, ApiKeyModel::relative(endpoint.lastAttemptAt, now));
}

QString WebhookEndpointModel::healthExplanation(const WebhookEndpoint &endpoint) const
{
    const QDateTime at = now();
    switch (endpoint.health()) {
    case Health::Waiting:
        return tr("Waiting: enabled, and nothing has been sent yet. The first subscribed event "
                  "is delivered as soon as it happens; Send Test checks the endpoint now.");
    case Health::Connected:
        return tr("Connected: the last delivery succeeded (%1).")
            .arg(ApiKeyModel::relative(endpoint.lastAttemptAt, at));
    case Health::Error: {
        QString text = tr("Error: the last delivery failed.");
        if (!endpoint.lastError.isEmpty())
            text += QLatin1Char('\n') + endpoint.lastError;
        if (endpoint.failingSince.isValid()) {
            const qint64 days =
                m_engine.config().webhooks.autoDisableAfterMs / WebhookSettings::kDay;
            text += QLatin1Char('\n') +
                    tr("Failing since %1. Failed deliveries are retried; if every attempt keeps "
                       "failing for %2 days, the endpoint is disabled automatically.")
                        .arg(ApiKeyModel::relative(endpoint.failingSince, at))
                        .arg(days);
        }
        return text;
    }
    case Health::Inactive:
        return tr("Inactive: %1. Events are not sent to it while it is disabled; enable it to "
                  "receive new events again.")
            .arg(endpoint.disabledReason.isEmpty() ? tr("disabled") : endpoint.disabledReason);
    }
    return {};
}

} // namespace botbat
