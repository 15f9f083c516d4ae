#include "WebhookAttemptModel.h"

#include "ApiKeyModel.h"
#include "WebhookEndpointModel.h"
#include "WebhookEventTexts.h"
#include "WebhookStoreCall.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "webhooks/RetryPolicy.h"

namespace botbat {

namespace {
QString firstLine(const QString &text)
{
    const qsizetype end = text.indexOf(QLatin1Char('\n'));
    return end < 0 ? text : text.left(end);
}
} // namespace

WebhookAttemptModel::WebhookAttemptModel(Engine &engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine)
{
    connect(&engine, &Engine::webhookAttemptsRecorded, this,
            &WebhookAttemptModel::onAttemptsRecorded);
    connect(&engine, &Engine::webhookEndpointRemoved, this, [this](qint64 id) {
        if (id == m_endpointId)
            setEndpoint(0);
    });
}

QDateTime WebhookAttemptModel::now() const
{
    return m_engine.clock().now();
}

void WebhookAttemptModel::setEndpoint(qint64 endpointId)
{
    m_endpointId = endpointId;
    reset();
}

void WebhookAttemptModel::setOutcome(Outcome outcome)
{
    if (outcome == m_outcome)
        return;
    m_outcome = outcome;
    reset();
}

void WebhookAttemptModel::reset()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_ids.clear();
    m_loaded = false;
    m_more = false;
    m_capacity = kMaxLiveRows;
    endResetModel();
    if (m_endpointId != 0)
        loadPage(0);
    emit pagingChanged();
}

void WebhookAttemptModel::refresh()
{
    if (m_endpointId != 0)
        loadPage(0);
}

void WebhookAttemptModel::loadMore()
{
    if (m_endpointId == 0 || m_rows.isEmpty() || !m_more || isLoading())
        return;
    loadPage(m_rows.last().id);
}

void WebhookAttemptModel::loadPage(qint64 beforeId)
{
    ++m_loading;
    emit pagingChanged();
    WebhookStore::AttemptFilter filter;
    filter.endpointId = m_endpointId;
    filter.outcome = m_outcome;
    filter.beforeId = beforeId;
    filter.limit = kPageSize;
    const int generation = m_generation;
    WebhookStoreCall::run(
        m_engine, this, [filter](WebhookStore &store) { return store.recentAttempts(filter); },
        [this, generation, beforeId](const DomainResult<QList<WebhookAttempt>> &page) {
            onPage(generation, beforeId, page);
        });
}

void WebhookAttemptModel::onPage(int generation, qint64 beforeId,
                                 const DomainResult<QList<WebhookAttempt>> &page)
{
    m_loading = std::max(0, m_loading - 1);
    // An answer for another endpoint or filter than the one shown now.
    if (generation != m_generation) {
        emit pagingChanged();
        return;
    }
    if (!page) {
        emit pagingChanged();
        emit loadFailed(page.error().message());
        return;
    }
    const QList<WebhookAttempt> &attempts = page.value();
    const bool full = attempts.size() >= kPageSize;
    if (beforeId == 0 && m_loaded && full && !m_rows.isEmpty() &&
        std::none_of(attempts.cbegin(), attempts.cend(), [this](const WebhookAttempt &attempt) {
            return m_ids.contains(attempt.id);
        })) {
        // A whole page newer than everything shown: keeping the old rows would leave a gap.
        beginResetModel();
        m_rows.clear();
        m_ids.clear();
        m_capacity = kMaxLiveRows;
        endResetModel();
    }
    for (const WebhookAttempt &attempt : attempts)
        insert(attempt);
    if (beforeId != 0) {
        m_more = full;
        m_capacity = std::max(m_capacity, int(m_rows.size()));
    } else if (!m_loaded || m_rows.size() <= attempts.size()) {
        m_more = full;
    }
    trim();
    m_loaded = true;
    emit pagingChanged();
    emit loaded();
}

void WebhookAttemptModel::onAttemptsRecorded(const QList<WebhookAttempt> &attempts)
{
    if (m_endpointId == 0)
        return;
    QList<WebhookAttempt> fresh;
    for (const WebhookAttempt &attempt : attempts)
        if (matches(attempt) && !m_ids.contains(attempt.id))
            fresh.append(attempt);
    if (fresh.isEmpty())
        return;
    std::sort(fresh.begin(), fresh.end(),
              [](const WebhookAttempt &a, const WebhookAttempt &b) { return a.id > b.id; });
    // Under load whole batches arrive newer than everything shown: one insert on top, of no
    // more rows than are kept, instead of a row at a time.
    if (m_rows.isEmpty() || fresh.last().id > m_rows.first().id) {
        if (fresh.size() > m_capacity) {
            fresh.resize(m_capacity);
            if (!m_more) {
                m_more = true; // the older part of the batch is in the store
                emit pagingChanged();
            }
        }
        beginInsertRows({}, 0, int(fresh.size()) - 1);
        for (const WebhookAttempt &attempt : std::as_const(fresh))
            m_ids.insert(attempt.id);
        m_rows = fresh + m_rows;
        endInsertRows();
    } else {
        for (const WebhookAttempt &attempt : std::as_const(fresh))
            insert(attempt);
    }
    trim();
}

bool WebhookAttemptModel::matches(const WebhookAttempt &attempt) const
{
    if (attempt.endpointId != m_endpointId)
        return false;
    switch (m_outcome) {
    case Outcome::Any:
        return true;
    case Outcome::Succeeded:
        return attempt.succeeded;
    case Outcome::Failed:
        return !attempt.succeeded;
    }
    return true;
}

bool WebhookAttemptModel::insert(const WebhookAttempt &attempt)
{
    if (m_ids.contains(attempt.id))
        return false;
    // Newest first by id; most inserts land on top (live) or at the bottom (a page).
    int position = int(m_rows.size());
    if (position > 0 && m_rows.last().id < attempt.id) {
        position = 0;
        while (position < m_rows.size() && m_rows.at(position).id > attempt.id)
            ++position;
    }
    beginInsertRows({}, position, position);
    m_rows.insert(position, attempt);
    m_ids.insert(attempt.id);
    endInsertRows();
    return true;
}

void WebhookAttemptModel::trim()
{
    const int excess = int(m_rows.size()) - m_capacity;
    if (excess <= 0)
        return;
    const int first = m_capacity;
    beginRemoveRows({}, first, int(m_rows.size()) - 1);
    for (int row = first; row < m_rows.size(); ++row)
        m_ids.remove(m_rows.at(row).id);
    m_rows.remove(first, excess);
    endRemoveRows();
    const bool wasMore = m_more;
    m_more = true;
    if (!wasMore)
        emit pagingChanged();
}

int WebhookAttemptModel::rowOf(qint64 attemptId) const
{
    if (!m_ids.contains(attemptId))
        return -1;
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == attemptId)
            return row;
    return -1;
}

void WebhookAttemptModel::loadDetails(qint64 attemptId, Callback<WebhookAttemptDetails> done)
{
    WebhookStoreCall::run(
        m_engine, this,
        [attemptId](WebhookStore &store) { return WebhookAttemptDetails::load(store, attemptId); },
        std::move(done));
}

void WebhookAttemptModel::resend(qint64 deliveryId, Callback<WebhookDelivery> done)
{
    WebhookStoreCall::run(
        m_engine, this, [deliveryId](WebhookStore &store) { return store.resend(deliveryId); },
        std::move(done));
}

void WebhookAttemptModel::retryFailedSince(const QDateTime &since, Callback<int> done)
{
    const qint64 endpointId = m_endpointId;
    WebhookStoreCall::run(
        m_engine, this,
        [endpointId, since](WebhookStore &store) {
            return store.retryFailedSince(endpointId, since);
        },
        std::move(done));
}

int WebhookAttemptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookAttemptModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookAttemptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebhookAttempt &attempt = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(attempt, index.column());
    case Qt::ToolTipRole:
        return toolTip(attempt, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptColumn || index.column() == StatusColumn ||
            index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return attempt.id;
    case DeliveryIdRole:
        return attempt.deliveryId;
    case ResultRole:
        return int(resultOf(attempt));
    case IsTestRole:
        return attempt.isTest;
    case ErrorClassRole:
        return int(attempt.errorClass);
    case ErrorMessageRole:
        return attempt.errorMessage;
    case StartedRole:
        return attempt.startedAt;
    case NextRetryRole:
        return attempt.nextRetryAt;
    case SortRole:
        return sortValue(attempt, index.column());
    }
    return {};
}

QVariant WebhookAttemptModel::display(const WebhookAttempt &attempt, int column) const
{
    switch (column) {
    case TimeColumn:
        return localTime(attempt.startedAt);
    case EventColumn:
        return attempt.isTest ? tr("%1 (test)").arg(attempt.eventType) : attempt.eventType;
    case AttemptColumn:
        return QString::number(attempt.attempt);
    case StatusColumn:
        return attempt.httpStatus > 0 ? QString::number(attempt.httpStatus)
                                      : QStringLiteral("\u2014");
    case DurationColumn:
        return tr("%1 ms").arg(attempt.durationMs);
    case ResultColumn:
        return resultText(attempt);
    case NextRetryColumn:
        switch (resultOf(attempt)) {
        case Result::Delivered:
            return QString();
        case Result::Retrying: {
            // Soon is what matters while waiting ("in 2 minutes"); the tooltip has the time.
            const QDateTime at = now();
            if (attempt.nextRetryAt > at && at.msecsTo(attempt.nextRetryAt) < 24LL * 3600 * 1000)
                return ApiKeyModel::relative(attempt.nextRetryAt, at);
            return localTime(attempt.nextRetryAt);
        }
        case Result::Failed:
            return attempt.isTest ? tr("Not retried (test)") : tr("None");
        }
        return {};
    }
    return {};
}

QVariant WebhookAttemptModel::toolTip(const WebhookAttempt &attempt, int column) const
{
    const QDateTime at = now();
    switch (column) {
    case TimeColumn:
        return tr("%1 (%2)").arg(ApiKeyModel::utcTime(attempt.startedAt),
                                 ApiKeyModel::relative(attempt.startedAt, at));
    case EventColumn:
        return attempt.isTest ? tr("A test delivery with a sample %1 payload, sent with Send "
                                   "Test; tests are never retried.")
                                    .arg(attempt.eventType)
                              : WebhookEventTexts::trigger(attempt.eventType);
    case AttemptColumn:
        return attempt.isTest ? tr("Tests are sent once.")
                              : tr("Attempt %1 of at most %2 (the first and %3 retries).")
                                    .arg(attempt.attempt)
                                    .arg(RetryPolicy::kMaxAttempts)
                                    .arg(RetryPolicy::kMaxAttempts - 1);
    case StatusColumn:
        return attempt.httpStatus > 0 ? tr("The endpoint answered HTTP %1.").arg(attempt.httpStatus)
                                      : tr("No HTTP answer arrived.");
    case DurationColumn:
        return tr("From the start of the request to the last byte of the answer.");
    case ResultColumn:
        if (attempt.succeeded)
            return tr("Delivered: the endpoint answered with a 2xx status.");
        return attempt.errorMessage.isEmpty()
                   ? WebhookEndpointModel::errorClassTitle(
                         WebhookAttempt::errorClassKey(attempt.errorClass))
                   : attempt.errorMessage;
    case NextRetryColumn:
        switch (resultOf(attempt)) {
        case Result::Delivered:
            return {};
        case Result::Retrying:
            return tr("Tried again %1 (%2).")
                .arg(ApiKeyModel::utcTime(attempt.nextRetryAt),
                     ApiKeyModel::relative(attempt.nextRetryAt, at));
        case Result::Failed:
            return attempt.isTest ? tr("Tests are never retried; use Send Test again.")
                                  : tr("No further attempt is scheduled: the delivery failed for "
                                       "good. Resend sends it again now.");
        }
        return {};
    }
    return {};
}

QVariant WebhookAttemptModel::sortValue(const WebhookAttempt &attempt, int column) const
{
    switch (column) {
    case TimeColumn:
        return attempt.id;
    case EventColumn:
        return attempt.eventType;
    case AttemptColumn:
        return attempt.attempt;
    case StatusColumn:
        return attempt.httpStatus;
    case DurationColumn:
        return attempt.durationMs;
    case ResultColumn:
        return int(resultOf(attempt));
    case NextRetryColumn:
        return attempt.nextRetryAt.isValid() ? attempt.nextRetryAt.toMSecsSinceEpoch() : 0;
    }
    return {};
}

QVariant WebhookAttemptModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn:
            return tr("Time");
        case EventColumn:
            return tr("Event");
        case AttemptColumn:
            return tr("Attempt");
        case StatusColumn:
            return tr("HTTP");
        case DurationColumn:
            return tr("Time taken");
        case ResultColumn:
            return tr("Result");
        case NextRetryColumn:
            return tr("Next retry");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TimeColumn:
            return tr("When the attempt started (local time; hover a cell for UTC)");
        case AttemptColumn:
            return tr("1 is the first try; failed deliveries are retried up to %1 times")
                .arg(RetryPolicy::kMaxAttempts - 1);
        case StatusColumn:
            return tr("The HTTP status the endpoint answered; \u2014 when no answer arrived");
        case ResultColumn:
            return tr("Delivered, or the error with what to do about it");
        case NextRetryColumn:
            return tr("When a failed delivery is tried again");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags WebhookAttemptModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> WebhookAttemptModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("attemptId"));
    names.insert(DeliveryIdRole, QByteArrayLiteral("deliveryId"));
    names.insert(ResultRole, QByteArrayLiteral("result"));
    names.insert(IsTestRole, QByteArrayLiteral("isTest"));
    names.insert(ErrorClassRole, QByteArrayLiteral("errorClass"));
    names.insert(ErrorMessageRole, QByteArrayLiteral("errorMessage"));
    names.insert(StartedRole, QByteArrayLiteral("startedAt"));
    names.insert(NextRetryRole, QByteArrayLiteral("nextRetryAt"));
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    return names;
}

WebhookAttemptModel::Result WebhookAttemptModel::resultOf(const WebhookAttempt &attempt)
{
    if (attempt.succeeded)
        return Result::Delivered;
    return attempt.nextRetryAt.isValid() ? Result::Retrying : Result::Failed;
}

QString WebhookAttemptModel::resultTitle(Result result)
{
    switch (result) {
    case Result::Delivered:
        return tr("Delivered");
    case Result::Retrying:
        return tr("Retrying");
    case Result::Failed:
        return tr("Failed");
    }
    return {};
}

QString WebhookAttemptModel::resultText(const WebhookAttempt &attempt)
{
    if (attempt.succeeded)
        return tr("Delivered");
    if (!attempt.errorMessage.isEmpty())
        return firstLine(attempt.errorMessage);
    return WebhookEndpointModel::errorClassTitle(WebhookAttempt::errorClassKey(attempt.errorClass));
}

QString WebhookAttemptModel::localTime(const QDateTime &at)
{
    return at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace botbat
