#include "DeliveryLogFilterBar.h"

#include "core/Clock.h"
#include "core/Engine.h"
#include "models/WebhookEventTexts.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace botbat {

namespace {

using StatusFilter = DeliveryLogFilter::StatusFilter;
using HttpClass = DeliveryLogFilter::HttpClass;

enum TimeRange
{
    AnyTime,
    LastHour,
    LastDay,
    LastWeek,
    Custom
};

QComboBox *combo(const QString &objectName, const QString &toolTip, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setToolTip(toolTip);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

} // namespace

DeliveryLogFilterBar::DeliveryLogFilterBar(Engine &engine, QWidget *parent)
    : QWidget(parent), m_engine(engine)
{
    m_status =
        combo(QStringLiteral("logStatusFilter"), tr("Show attempts with this outcome"), this);
    m_status->addItem(tr("Any status"), int(StatusFilter::Any));
    m_status->addItem(tr("Failed (retrying or permanently)"), int(StatusFilter::Failing));
    m_status->addItem(tr("Pending (not attempted yet)"), int(StatusFilter::Pending));
    m_status->addItem(tr("Retrying"), int(StatusFilter::Retrying));
    m_status->addItem(tr("Succeeded"), int(StatusFilter::Succeeded));
    m_status->addItem(tr("Permanently failed"), int(StatusFilter::Failed));
    m_status->addItem(tr("Test"), int(StatusFilter::Test));

    m_failedOnly = new QToolButton(this);
    m_failedOnly->setObjectName(QStringLiteral("logFailedOnly"));
    m_failedOnly->setText(tr("Failed only"));
    m_failedOnly->setCheckable(true);
    m_failedOnly->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_failedOnly->setToolTip(tr("Show only failed attempts, retrying or permanently failed "
                                "(Ctrl+Shift+F)"));

    m_endpoint =
        combo(QStringLiteral("logEndpointFilter"), tr("Show one endpoint's attempts"), this);
    m_endpoint->addItem(tr("All endpoints"), qint64(0));

    m_eventType = combo(QStringLiteral("logEventFilter"), tr("Show one event type"), this);
    m_eventType->addItem(tr("All events"), QString());
    for (const QString &type : WebhookEventTexts::ordered())
        m_eventType->addItem(type, type);

    m_time = combo(QStringLiteral("logTimeFilter"), tr("Show attempts started in this time range"),
                   this);
    m_time->addItem(tr("Any time"), AnyTime);
    m_time->addItem(tr("Last hour"), LastHour);
    m_time->addItem(tr("Last 24 hours"), LastDay);
    m_time->addItem(tr("Last 7 days"), LastWeek);
    m_time->addItem(tr("Custom range"), Custom);
    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addDays(-1), this);
    m_from->setObjectName(QStringLiteral("logFromTime"));
    m_from->setToolTip(tr("From (local time, inclusive)"));
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_to = new QDateTimeEdit(now.addSecs(3600), this);
    m_to->setObjectName(QStringLiteral("logToTime"));
    m_to->setToolTip(tr("Until (local time, exclusive)"));
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));

    m_httpClass =
        combo(QStringLiteral("logHttpFilter"), tr("Show attempts by HTTP status class"), this);
    m_httpClass->addItem(tr("Any HTTP status"), int(HttpClass::Any));
    m_httpClass->addItem(tr("No answer (DNS, connect, TLS, timeout)"), int(HttpClass::NoAnswer));
    m_httpClass->addItem(tr("2xx"), int(HttpClass::Success));
    m_httpClass->addItem(tr("3xx"), int(HttpClass::Redirect));
    m_httpClass->addItem(tr("4xx"), int(HttpClass::ClientError));
    m_httpClass->addItem(tr("5xx"), int(HttpClass::ServerError));

    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("logSearch"));
    m_text->setPlaceholderText(tr("Search payloads, errors and URLs (Ctrl+F)"));
    m_text->setToolTip(tr("Free text, case-insensitive, in the payloads sent, the error messages "
                          "and the endpoint URLs"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(220);

    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("logClearFilters"));
    m_clear->setText(tr("Clear filters"));
    m_clear->setToolTip(tr("Show every attempt again"));

    m_textTimer = new QTimer(this);
    m_textTimer->setSingleShot(true);
    m_textTimer->setInterval(kTextDelayMs);

    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    auto *first = new QHBoxLayout;
    first->addWidget(m_failedOnly);
    first->addWidget(m_status);
    first->addWidget(m_endpoint);
    first->addWidget(m_eventType);
    first->addWidget(m_httpClass);
    first->addStretch(1);
    auto *second = new QHBoxLayout;
    second->addWidget(m_text, 1);
    second->addWidget(m_time);
    second->addWidget(m_from);
    second->addWidget(m_to);
    second->addWidget(m_clear);
    rows->addLayout(first);
    rows->addLayout(second);

    for (QComboBox *box : {m_status, m_endpoint, m_eventType, m_time, m_httpClass})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            updateTimeControls();
            changed();
        });
    for (QDateTimeEdit *edit : {m_from, m_to})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &DeliveryLogFilterBar::changed);
    connect(m_failedOnly, &QToolButton::toggled, this, &DeliveryLogFilterBar::setFailedOnly);
    connect(m_text, &QLineEdit::textChanged, m_textTimer, qOverload<>(&QTimer::start));
    connect(m_text, &QLineEdit::returnPressed, this, [this] {
        if (m_textTimer->isActive()) {
            m_textTimer->stop();
            changed();
        }
    });
    connect(m_textTimer, &QTimer::timeout, this, &DeliveryLogFilterBar::changed);
    connect(m_clear, &QToolButton::clicked, this, &DeliveryLogFilterBar::clear);
    updateTimeControls();
}

void DeliveryLogFilterBar::updateTimeControls()
{
    const bool custom = m_time->currentData().toInt() == Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    const bool failing = m_status->currentData().toInt() == int(StatusFilter::Failing);
    if (m_failedOnly->isChecked() != failing) {
        const QSignalBlocker blocker(m_failedOnly);
        m_failedOnly->setChecked(failing);
    }
}

void DeliveryLogFilterBar::changed()
{
    if (!m_applying)
        emit filterChanged();
}

DeliveryLogFilter DeliveryLogFilterBar::filter() const
{
    DeliveryLogFilter filter;
    filter.status = StatusFilter(m_status->currentData().toInt());
    filter.endpointId = m_endpoint->currentData().toLongLong();
    filter.eventType = m_eventType->currentData().toString();
    filter.httpClass = HttpClass(m_httpClass->currentData().toInt());
    filter.text = m_text->text().trimmed();
    const QDateTime now = m_engine.clock().now();
    switch (m_time->currentData().toInt()) {
    case LastHour:
        filter.from = now.addSecs(-3600);
        break;
    case LastDay:
        filter.from = now.addDays(-1);
        break;
    case LastWeek:
        filter.from = now.addDays(-7);
        break;
    case Custom:
        filter.from = m_from->dateTime().toUTC();
        filter.to = m_to->dateTime().toUTC();
        break;
    default:
        break;
    }
    return filter;
}

void DeliveryLogFilterBar::setFilter(const DeliveryLogFilter &filter)
{
    m_applying = true;
    m_status->setCurrentIndex(std::max(0, m_status->findData(int(filter.status))));
    if (filter.endpointId != 0 && m_endpoint->findData(filter.endpointId) < 0)
        m_endpoint->addItem(tr("#%1").arg(filter.endpointId), filter.endpointId);
    m_endpoint->setCurrentIndex(std::max(0, m_endpoint->findData(filter.endpointId)));
    m_eventType->setCurrentIndex(std::max(0, m_eventType->findData(filter.eventType)));
    m_httpClass->setCurrentIndex(std::max(0, m_httpClass->findData(int(filter.httpClass))));
    if (filter.from.isValid() || filter.to.isValid()) {
        m_time->setCurrentIndex(m_time->findData(Custom));
        if (filter.from.isValid())
            m_from->setDateTime(filter.from.toLocalTime());
        if (filter.to.isValid())
            m_to->setDateTime(filter.to.toLocalTime());
    } else {
        m_time->setCurrentIndex(0);
    }
    m_text->setText(filter.text);
    m_textTimer->stop();
    updateTimeControls();
    m_applying = false;
    emit filterChanged();
}

void DeliveryLogFilterBar::setFailedOnly(bool failedOnly)
{
    const int wanted = failedOnly ? int(StatusFilter::Failing) : int(StatusFilter::Any);
    if (m_status->currentData().toInt() == wanted)
        return;
    m_status->setCurrentIndex(m_status->findData(wanted)); // emits filterChanged
}

void DeliveryLogFilterBar::clear()
{
    setFilter(DeliveryLogFilter());
}

void DeliveryLogFilterBar::setEndpoints(const QList<QPair<qint64, QString>> &endpoints)
{
    const qint64 current = m_endpoint->currentData().toLongLong();
    m_applying = true;
    m_endpoint->clear();
    m_endpoint->addItem(tr("All endpoints"), qint64(0));
    for (const auto &[id, label] : endpoints)
        m_endpoint->addItem(label, id);
    int index = m_endpoint->findData(current);
    if (index < 0 && current != 0) {
        m_endpoint->addItem(tr("#%1 (deleted)").arg(current), current);
        index = m_endpoint->count() - 1;
    }
    m_endpoint->setCurrentIndex(std::max(0, index));
    m_applying = false;
}

void DeliveryLogFilterBar::focusSearch()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

} // namespace botbat
