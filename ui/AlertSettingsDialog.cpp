#include "AlertSettingsDialog.h"

#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "alerts/AlertStore.h"
#include "core/Engine.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace botbat {

namespace {
constexpr qint64 kMinute = 60 * 1000;

struct Loaded
{
    AlertSettings settings;
    QString error;
};
} // namespace

AlertSettingsDialog::AlertSettingsDialog(Engine &engine, QWidget *parent)
    : QDialog(parent), m_engine(engine)
{
    setObjectName(QStringLiteral("alertSettingsDialog"));
    setWindowTitle(tr("Alerts"));
    setMinimumWidth(560);

    auto *intro = PageLabels::intro(
        tr("Alerts tell you when a webhook delivery has failed for good or an integration went "
           "into Error. A burst of failures of one integration is one alert at once and one "
           "summary when the burst window closes, so a dead endpoint does not flood anyone."),
        this);
    intro->setObjectName(QStringLiteral("alertSettingsIntro"));

    m_desktop = new QCheckBox(tr("Show &desktop notifications"), this);
    m_desktop->setObjectName(QStringLiteral("alertDesktopCheck"));
    m_desktop->setToolTip(tr("A system tray message naming the integration and the reason; "
                             "clicking it opens the failed deliveries"));

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("alertWebhookUrlEdit"));
    m_url->setEchoMode(QLineEdit::Password);
    m_url->setClearButtonEnabled(true);
    m_url->setPlaceholderText(tr("https://hooks.slack.com/services/…"));
    m_url->setToolTip(tr("An incoming-webhook address (e.g. Slack's) that receives a short JSON "
                         "summary per alert. It is a credential: it is kept in the secret store "
                         "and never shown again."));
    m_reveal = new QToolButton(this);
    m_reveal->setObjectName(QStringLiteral("revealAlertUrlButton"));
    m_reveal->setIcon(Icons::reveal());
    m_reveal->setCheckable(true);
    m_reveal->setToolTip(tr("Show or hide what you typed (a stored URL is never shown)"));
    m_reveal->setAccessibleName(tr("Reveal the typed URL"));
    m_clearUrl = new QPushButton(tr("Re&move"), this);
    m_clearUrl->setObjectName(QStringLiteral("removeAlertUrlButton"));
    m_clearUrl->setToolTip(tr("Stop sending alerts to a webhook and delete the stored URL from "
                              "the secret store (when you save)"));
    auto *urlRow = new QHBoxLayout;
    urlRow->setSpacing(6);
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_reveal);
    urlRow->addWidget(m_clearUrl);

    m_urlState = PageLabels::muted(QString(), this);
    m_urlState->setObjectName(QStringLiteral("alertUrlState"));
    m_urlProblem = PageLabels::wrapped(QStringLiteral("alertUrlProblem"), QString(),
                                       StatusColors::errorText(), this);
    m_urlProblem->hide();

    m_window = new QSpinBox(this);
    m_window->setObjectName(QStringLiteral("alertBurstWindowSpin"));
    m_window->setRange(static_cast<int>(AlertSettings::kMinBurstWindowMs / kMinute),
                       static_cast<int>(AlertSettings::kMaxBurstWindowMs / kMinute));
    m_window->setSuffix(tr(" min"));
    m_window->setValue(static_cast<int>(AlertSettings::kDefaultBurstWindowMs / kMinute));
    m_window->setToolTip(tr("After an integration's first alert, its further failures for this "
                            "long are counted and sent as one summary"));

    m_test = new QPushButton(Icons::send(), tr("Send &Test Alert"), this);
    m_test->setObjectName(QStringLiteral("sendTestAlertButton"));
    m_test->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_test->setToolTip(tr("Send a sample alert to the URL typed above, or to the stored one "
                          "(Ctrl+T)"));
    m_testResult = PageLabels::muted(QString(), this);
    m_testResult->setObjectName(QStringLiteral("testAlertResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *urlLabel = new QLabel(tr("Alert &webhook:"), this);
    urlLabel->setBuddy(m_url);
    form->addRow(QString(), m_desktop);
    form->addRow(urlLabel, urlRow);
    form->addRow(QString(), m_urlState);
    form->addRow(QString(), m_urlProblem);
    form->addRow(tr("&Burst window:"), m_window);
    form->addRow(QString(), m_test);
    form->addRow(QString(), m_testResult);
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(m_window)))
        label->setBuddy(m_window);
    // Wrapped labels in a form get only their minimum width otherwise.
    for (QLabel *label : {m_urlProblem, m_testResult})
        label->setMinimumWidth(380);

    m_problem = PageLabels::wrapped(QStringLiteral("alertSettingsProblem"), QString(),
                                    StatusColors::errorText(), this);
    m_problem->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("alertSettingsButtons"));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, &AlertSettingsDialog::validateUrl);
    connect(m_reveal, &QToolButton::toggled, this, [this](bool shown) {
        m_url->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_clearUrl, &QPushButton::clicked, this, [this] {
        m_url->clear();
        m_removeUrl = true;
        m_urlState->setText(tr("The stored URL will be removed when you save."));
        m_clearUrl->setEnabled(false);
    });
    connect(m_test, &QPushButton::clicked, this, &AlertSettingsDialog::sendTest);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AlertSettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setBusy(true);
    load();
}

void AlertSettingsDialog::load()
{
    if (m_engine.status().state != EngineState::Running) {
        onLoaded({}, tr("The engine is not running, so the alert settings cannot be read. "
                        "Restart the console; if the engine still does not start, the status "
                        "bar says why."));
        return;
    }
    AlertStore *store = &m_engine.alerts();
    m_engine.runInBackground(
        this,
        [store] {
            Loaded result;
            result.settings = store->settings(&result.error);
            return result;
        },
        [this](const Loaded &result) { onLoaded(result.settings, result.error); });
}

void AlertSettingsDialog::onLoaded(const AlertSettings &settings, const QString &error)
{
    m_loadedSettings = settings;
    m_desktop->setChecked(settings.desktopNotifications);
    m_window->setValue(static_cast<int>(settings.burstWindowMs / kMinute));
    m_clearUrl->setEnabled(settings.webhookConfigured);
    m_urlState->setText(settings.webhookConfigured
                            ? tr("Stored in the secret store (hidden); type a new URL to "
                                 "replace it.")
                            : tr("No alert webhook: alerts are shown here only."));
    m_loaded = true;
    setBusy(false);
    if (!error.isEmpty())
        showProblem(error);
    adjustSize(); // the texts just set may need more room than the placeholders did
}

void AlertSettingsDialog::validateUrl()
{
    const QString text = m_url->text().trimmed();
    if (!text.isEmpty())
        m_removeUrl = false;
    const auto problem = text.isEmpty() ? std::nullopt : AlertStore::validateWebhookUrl(text);
    m_urlProblem->setText(problem.value_or(QString()));
    m_urlProblem->setVisible(problem.has_value());
    // A form row does not grow for a wrapped label by itself: give it the height its text needs
    // at the width the layout gives it, then let the dialog fit.
    layout()->activate();
    const int height = problem ? m_urlProblem->heightForWidth(m_urlProblem->width()) : 0;
    if (height != m_urlProblem->minimumHeight()) {
        m_urlProblem->setMinimumHeight(height);
        adjustSize();
    }
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(m_loaded && !problem);
}

void AlertSettingsDialog::sendTest()
{
    const QString typed = m_url->text().trimmed();
    if (typed.isEmpty() && !m_loadedSettings.webhookConfigured) {
        m_testResult->setText(tr("Type the alert webhook's https:// URL first."));
        return;
    }
    m_test->setEnabled(false);
    m_testResult->setPalette(palette());
    m_testResult->setText(tr("Sending…"));
    m_engine.sendTestAlert(typed, this, [this](bool ok, const QString &message) {
        m_test->setEnabled(true);
        QPalette palette = m_testResult->palette();
        palette.setColor(QPalette::WindowText,
                         ok ? StatusColors::forWebhookHealth(WebhookEndpoint::Health::Connected)
                            : StatusColors::errorText());
        m_testResult->setPalette(palette);
        m_testResult->setText(message);
        layout()->activate();
        m_testResult->setMinimumHeight(m_testResult->heightForWidth(m_testResult->width()));
        adjustSize();
    });
}

void AlertSettingsDialog::save()
{
    AlertSettings settings = m_loadedSettings;
    settings.desktopNotifications = m_desktop->isChecked();
    settings.burstWindowMs = m_window->value() * kMinute;
    const QString url = m_url->text().trimmed();
    const bool changeUrl = !url.isEmpty() || m_removeUrl;
    if (m_engine.status().state != EngineState::Running) {
        showProblem(tr("The engine is not running, so the alert settings cannot be saved."));
        return;
    }
    setBusy(true);
    AlertStore *store = &m_engine.alerts();
    m_engine.runInBackground(
        this,
        [store, settings, url, changeUrl] {
            QString error;
            if (changeUrl && !store->setWebhookUrl(url, &error))
                return error;
            store->setSettings(settings, &error);
            return error;
        },
        [this](const QString &error) {
            setBusy(false);
            if (!error.isEmpty()) {
                showProblem(error);
                return;
            }
            accept();
        });
}

void AlertSettingsDialog::setBusy(bool busy)
{
    for (QWidget *widget : {static_cast<QWidget *>(m_desktop), static_cast<QWidget *>(m_url),
                            static_cast<QWidget *>(m_window), static_cast<QWidget *>(m_test)})
        widget->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
}

void AlertSettingsDialog::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
    adjustSize();
}

} // namespace botbat
