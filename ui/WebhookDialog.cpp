#include "WebhookDialog.h"

#include "ClipboardGuard.h"
#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "core/Event.h"
#include "models/WebhookEventTexts.h"
#include "webhooks/WebhookSecret.h"
#include "webhooks/WebhookStore.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace botbat {

namespace {
const QString kUrlField = QStringLiteral("url");
const QString kDescriptionField = QStringLiteral("description");
const QString kEventsField = QStringLiteral("events");
const QString kSecretField = QStringLiteral("secret");
const QString kConcurrencyField = QStringLiteral("max_concurrency");
const QString kRateField = QStringLiteral("rate_per_second");

void setColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

QLabel *messageLabel(const QString &objectName, QWidget *parent)
{
    return PageLabels::wrapped(objectName, QString(), StatusColors::muted(), parent);
}

void say(QLabel *label, const QString &text, const QColor &color)
{
    label->setText(text);
    setColor(label, color);
    label->setVisible(!text.isEmpty());
}

// "message.received" -> "eventCheck_message_received"
QString checkName(const QString &eventType)
{
    QString name = eventType;
    name.replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("eventCheck_") + name;
}

// The store names fields as the REST API does; "events[2]" belongs to events.
QString fieldKey(const QString &field)
{
    for (const QString &known :
         {kUrlField, kDescriptionField, kEventsField, kSecretField, kConcurrencyField, kRateField})
        if (field == known || field.startsWith(known + QLatin1Char('.')) ||
            field.startsWith(known + QLatin1Char('[')))
            return known;
    return field;
}
// The store's field messages continue the field's name ("url: uses http://, which is
// refused…"); next to the field they read as a sentence about it.
QString fieldSentence(const QString &key, const QString &message)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("botbat::WebhookDialog", text);
    };
    if (key == kUrlField)
        return tr("The URL %1.").arg(message);
    if (key == kDescriptionField)
        return tr("The description %1.").arg(message);
    if (key == kEventsField)
        return tr("The subscription %1.").arg(message);
    if (key == kConcurrencyField)
        return tr("Max concurrency %1.").arg(message);
    if (key == kRateField)
        return tr("The throttle %1.").arg(message);
    return message;
}
} // namespace

WebhookDialog::WebhookDialog(ClipboardGuard &clipboard, QWidget *parent)
    : QDialog(parent), m_clipboard(clipboard), m_mode(Mode::Add)
{
    build();
}

WebhookDialog::WebhookDialog(const WebhookEndpoint &endpoint, ClipboardGuard &clipboard,
                             QWidget *parent)
    : QDialog(parent), m_clipboard(clipboard), m_mode(Mode::Edit), m_endpoint(endpoint)
{
    build();
}

void WebhookDialog::build()
{
    const bool adding = m_mode == Mode::Add;
    setObjectName(QStringLiteral("webhookDialog"));
    setWindowTitle(adding ? tr("Add Webhook") : tr("Edit Webhook"));
    setMinimumWidth(680);

    auto *title = PageLabels::title(adding ? tr("Add a webhook") : tr("Edit webhook"), this, 1.3);
    title->setObjectName(QStringLiteral("webhookDialogTitle"));
    auto *intro = PageLabels::wrapped(
        QStringLiteral("webhookDialogIntro"),
        adding ? tr("BotBat sends each event you choose to this HTTPS address as a signed JSON "
                    "POST, and retries failed deliveries for about 45 minutes. Saving activates "
                    "it at once.")
               : tr("Changes apply to deliveries from the moment you save. Deliveries already "
                    "queued keep the payload they were created with."),
        StatusColors::muted(), this);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("webhookUrlEdit"));
    m_url->setMaxLength(WebhookStore::kMaxUrlLength);
    m_url->setPlaceholderText(tr("https://hooks.example.com/botbat"));
    m_url->setToolTip(tr("The HTTPS address BotBat POSTs events to. Plain http:// is refused."));
    m_url->setClearButtonEnabled(true);
    m_url->setText(m_endpoint.url);
    m_urlMessage = messageLabel(QStringLiteral("webhookUrlMessage"), this);

    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("webhookDescriptionEdit"));
    m_description->setMaxLength(WebhookStore::kMaxDescriptionLength);
    m_description->setPlaceholderText(tr("Optional, e.g. Analytics pipeline, Slack alerts"));
    m_description->setToolTip(tr("What receives these events; shown in the console."));
    m_description->setText(m_endpoint.description);
    m_descriptionMessage = messageLabel(QStringLiteral("webhookDescriptionMessage"), this);
    m_descriptionMessage->hide();

    auto column = [](QWidget *field, QLabel *message) {
        auto *layout = new QVBoxLayout;
        layout->setSpacing(4);
        layout->addWidget(field);
        layout->addWidget(message);
        return layout;
    };
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setHorizontalSpacing(14);
    form->setVerticalSpacing(10);
    auto *urlLabel = new QLabel(tr("Endpoint &URL:"), this);
    urlLabel->setBuddy(m_url);
    auto *descriptionLabel = new QLabel(tr("&Description:"), this);
    descriptionLabel->setBuddy(m_description);
    auto *secretLabel = new QLabel(tr("Signing &secret:"), this);
    form->addRow(urlLabel, column(m_url, m_urlMessage));
    form->addRow(descriptionLabel, column(m_description, m_descriptionMessage));
    QWidget *secretRow = createSecretRow();
    secretLabel->setBuddy(m_secret);
    form->addRow(secretLabel, secretRow);

    m_error = PageLabels::wrapped(QStringLiteral("webhookDialogError"), QString(),
                                  StatusColors::errorText(), this);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("webhookDialogButtons"));
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveWebhookButton"));
    m_save->setText(adding ? tr("Add Webhook") : tr("Save Changes"));
    m_save->setToolTip(adding ? tr("Save the endpoint; it receives events from now on")
                              : tr("Save the changes; they apply to the next delivery"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("cancelWebhookButton"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(2);
    layout->addLayout(form);
    layout->addWidget(createEvents());
    layout->addWidget(createAdvanced());
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textEdited, this, [this] {
        m_urlEdited = true;
        m_serverErrors.remove(kUrlField);
        m_error->hide();
        validate();
    });
    // Once the admin leaves the field, an empty URL is worth saying too.
    connect(m_url, &QLineEdit::editingFinished, this, [this] {
        m_urlEdited = true;
        validate();
    });
    connect(m_description, &QLineEdit::textEdited, this, [this] {
        m_serverErrors.remove(kDescriptionField);
        validate();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        m_urlEdited = m_eventsEdited = true;
        validate();
        if (isValid() && !m_busy)
            emit submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    validate();
    m_url->setFocus();
}

QWidget *WebhookDialog::createSecretRow()
{
    auto *row = new QWidget(this);
    row->setObjectName(QStringLiteral("webhookSecretRow"));

    m_secret = new QLineEdit(row);
    m_secret->setObjectName(QStringLiteral("webhookSecretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secret->setAccessibleName(tr("Signing secret"));
    // Every copy goes through the ClipboardGuard (Ctrl+C is caught in eventFilter); the line
    // edit's own menu would bypass it.
    m_secret->setContextMenuPolicy(Qt::NoContextMenu);
    m_secret->installEventFilter(this);
    if (m_mode == Mode::Add)
        m_secret->setPlaceholderText(tr("Optional: Generate, or paste a whsec_\u2026 secret"));
    else if (m_endpoint.hasSecret)
        m_secret->setPlaceholderText(tr("Stored (hidden): reveal or copy it, or type a new one"));
    else
        m_secret->setPlaceholderText(tr("None: Generate, or paste a whsec_\u2026 secret"));
    m_secret->setToolTip(
        tr("Receivers verify the X-BotBat-Signature and webhook-signature headers with this "
           "secret. It is kept in the secret store, never in the database."));

    m_generate = new QPushButton(Icons::key(), tr("&Generate"), row);
    m_generate->setObjectName(QStringLiteral("generateSecretButton"));
    m_generate->setToolTip(tr("Make a new random whsec_ secret (32 bytes from OpenSSL)"));
    m_generate->setAutoDefault(false);

    m_reveal = new QToolButton(row);
    m_reveal->setObjectName(QStringLiteral("revealSecretButton"));
    m_reveal->setIcon(Icons::reveal());
    m_reveal->setCheckable(true);
    m_reveal->setToolTip(tr("Show or hide the secret"));
    m_reveal->setAccessibleName(tr("Reveal secret"));

    m_copy = new QToolButton(row);
    m_copy->setObjectName(QStringLiteral("copySecretButton"));
    m_copy->setIcon(Icons::copy());
    m_copy->setToolTip(tr("Copy the secret; the clipboard is cleared again after %1 seconds")
                           .arg((m_clipboard.clearAfterMs() + 999) / 1000));
    m_copy->setAccessibleName(tr("Copy secret"));

    m_secretMessage = messageLabel(QStringLiteral("webhookSecretMessage"), row);

    auto *line = new QHBoxLayout;
    line->setSpacing(6);
    line->addWidget(m_secret, 1);
    line->addWidget(m_reveal);
    line->addWidget(m_copy);
    line->addWidget(m_generate);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(line);
    layout->addWidget(m_secretMessage);

    connect(m_secret, &QLineEdit::textEdited, this, [this] {
        m_secretEdited = true;
        m_serverErrors.remove(kSecretField);
        validate();
    });
    connect(m_generate, &QPushButton::clicked, this, &WebhookDialog::generateSecret);
    connect(m_reveal, &QToolButton::toggled, this, &WebhookDialog::toggleReveal);
    connect(m_copy, &QToolButton::clicked, this, &WebhookDialog::copySecret);
    return row;
}

QWidget *WebhookDialog::createEvents()
{
    auto *group = new QGroupBox(tr("Events"), this);
    group->setObjectName(QStringLiteral("webhookEventsGroup"));
    group->setToolTip(tr("The events BotBat sends to this endpoint, each when its condition "
                         "happens"));

    m_allEvents = new QCheckBox(tr("All events"), group);
    m_allEvents->setObjectName(QStringLiteral("allEventsCheck"));
    m_allEvents->setToolTip(tr("Select every event type that exists now"));
    QFont bold = m_allEvents->font();
    bold.setBold(true);
    m_allEvents->setFont(bold);

    auto *line = new QFrame(group);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(5);
    const QStringList types = WebhookEventTexts::ordered();
    for (int row = 0; row < types.size(); ++row) {
        const QString &type = types.at(row);
        auto *check = new QCheckBox(type, group);
        check->setObjectName(checkName(type));
        check->setToolTip(WebhookEventTexts::trigger(type));
        check->setChecked(m_endpoint.events.contains(type));
        auto *trigger = new QLabel(WebhookEventTexts::trigger(type), group);
        setColor(trigger, StatusColors::muted());
        trigger->setBuddy(check);
        grid->addWidget(check, row, 0);
        grid->addWidget(trigger, row, 1);
        m_eventChecks.insert(type, check);
        connect(check, &QCheckBox::toggled, this, [this] {
            m_eventsEdited = true;
            m_serverErrors.remove(kEventsField);
            validate();
        });
    }
    grid->setColumnStretch(1, 1);

    m_nudge = PageLabels::wrapped(QStringLiteral("allEventsNudge"),
                                  tr("Subscribe only to what you use: every event costs your "
                                     "endpoint a request."),
                                  StatusColors::warningText(), group);
    m_nudge->hide();
    m_eventsMessage = messageLabel(QStringLiteral("webhookEventsMessage"), group);

    auto *layout = new QVBoxLayout(group);
    layout->setSpacing(8);
    layout->addWidget(m_allEvents);
    layout->addWidget(line);
    layout->addLayout(grid);
    layout->addWidget(m_nudge);
    layout->addWidget(m_eventsMessage);

    connect(m_allEvents, &QCheckBox::clicked, this, &WebhookDialog::onAllEventsClicked);
    return group;
}

QWidget *WebhookDialog::createAdvanced()
{
    auto *box = new QWidget(this);
    m_advancedToggle = new QToolButton(box);
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("Ad&vanced delivery settings"));
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolTip(tr("How many deliveries run at once, and an optional throttle"));

    m_advanced = new QGroupBox(box);
    m_advanced->setObjectName(QStringLiteral("advancedGroup"));

    m_concurrency = new QSpinBox(m_advanced);
    m_concurrency->setObjectName(QStringLiteral("maxConcurrencySpin"));
    m_concurrency->setRange(1, WebhookEndpoint::kMaxMaxConcurrency);
    m_concurrency->setValue(m_mode == Mode::Add ? WebhookEndpoint::kDefaultMaxConcurrency
                                                : m_endpoint.maxConcurrency);
    m_concurrency->setToolTip(tr("Requests to this endpoint in flight at once (default %1). Lower "
                                 "it for a receiver that cannot take parallel requests.")
                                  .arg(WebhookEndpoint::kDefaultMaxConcurrency));

    m_rate = new QDoubleSpinBox(m_advanced);
    m_rate->setObjectName(QStringLiteral("throttleSpin"));
    m_rate->setRange(0, WebhookStore::kMaxRatePerSecond);
    m_rate->setDecimals(1);
    m_rate->setSingleStep(1);
    m_rate->setSuffix(tr(" deliveries/s"));
    m_rate->setSpecialValueText(tr("No throttle"));
    m_rate->setValue(m_endpoint.ratePerSecond);
    m_rate->setToolTip(tr("At most this many deliveries per second to this endpoint; 0 sends as "
                          "fast as the endpoint answers."));

    m_advancedMessage = messageLabel(QStringLiteral("advancedMessage"), m_advanced);
    m_advancedMessage->hide();

    // Numbers need no full-width fields.
    m_concurrency->setMinimumWidth(120);
    m_rate->setMinimumWidth(180);
    auto *form = new QFormLayout(m_advanced);
    form->setHorizontalSpacing(14);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    auto *concurrencyLabel = new QLabel(tr("Max &concurrency:"), m_advanced);
    concurrencyLabel->setBuddy(m_concurrency);
    auto *rateLabel = new QLabel(tr("&Throttle:"), m_advanced);
    rateLabel->setBuddy(m_rate);
    form->addRow(concurrencyLabel, m_concurrency);
    form->addRow(rateLabel, m_rate);
    form->addRow(m_advancedMessage);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_advanced);

    auto expand = [this](bool open) {
        m_advanced->setVisible(open);
        m_advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        adjustSize();
    };
    connect(m_advancedToggle, &QToolButton::toggled, this, expand);
    const bool custom = m_mode == Mode::Edit &&
                        (m_endpoint.maxConcurrency != WebhookEndpoint::kDefaultMaxConcurrency ||
                         m_endpoint.ratePerSecond > 0);
    m_advancedToggle->setChecked(custom);
    m_advanced->setVisible(custom);
    m_advancedToggle->setArrowType(custom ? Qt::DownArrow : Qt::RightArrow);
    for (QAbstractSpinBox *spin :
         {static_cast<QAbstractSpinBox *>(m_concurrency), static_cast<QAbstractSpinBox *>(m_rate)})
        connect(spin, &QAbstractSpinBox::editingFinished, this, [this] {
            m_serverErrors.remove(kConcurrencyField);
            m_serverErrors.remove(kRateField);
            validate();
        });
    return box;
}

bool WebhookDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_secret &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        event->accept();
        if (event->type() == QEvent::KeyPress)
            copySecret();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void WebhookDialog::onAllEventsClicked()
{
    // Partially checked cycles to checked: a click selects all, a second clears.
    const bool select = events().size() != m_eventChecks.size();
    for (QCheckBox *check : std::as_const(m_eventChecks)) {
        const QSignalBlocker blocker(check);
        check->setChecked(select);
    }
    m_eventsEdited = true;
    m_serverErrors.remove(kEventsField);
    validate();
}

void WebhookDialog::generateSecret()
{
    m_secret->setText(WebhookSecret::generate());
    m_secretEdited = true;
    m_serverErrors.remove(kSecretField);
    // A generated secret is meant to be copied to the receiver: show it.
    m_reveal->setChecked(true);
    validate();
}

bool WebhookDialog::hasStoredSecret() const
{
    return m_mode == Mode::Edit && m_endpoint.hasSecret;
}

void WebhookDialog::requestStoredSecret(Pending then)
{
    m_pending = then;
    m_reveal->setEnabled(false);
    m_copy->setEnabled(false);
    say(m_secretMessage, tr("Reading the secret from the secret store\u2026"),
        StatusColors::muted());
    emit secretRequested();
}

void WebhookDialog::setStoredSecret(const QString &secret)
{
    m_storedSecret = secret;
    m_storedSecretLoaded = true;
    m_reveal->setEnabled(true);
    m_copy->setEnabled(true);
    if (!m_secretEdited) {
        const QSignalBlocker blocker(m_secret);
        m_secret->setText(secret);
    }
    const Pending pending = m_pending;
    m_pending = Pending::None;
    if (pending == Pending::Reveal) {
        const QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(true);
        m_secret->setEchoMode(QLineEdit::Normal);
    } else if (pending == Pending::Copy) {
        copySecret();
        return;
    }
    validate();
}

void WebhookDialog::storedSecretFailed(const QString &error)
{
    m_pending = Pending::None;
    m_reveal->setEnabled(true);
    m_copy->setEnabled(true);
    {
        const QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(false);
    }
    say(m_secretMessage, tr("The secret cannot be read: %1").arg(error), StatusColors::errorText());
}

void WebhookDialog::toggleReveal(bool reveal)
{
    if (reveal && hasStoredSecret() && !m_storedSecretLoaded && !m_secretEdited) {
        {
            const QSignalBlocker blocker(m_reveal);
            m_reveal->setChecked(false);
        }
        requestStoredSecret(Pending::Reveal);
        return;
    }
    m_secret->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
}

void WebhookDialog::copySecret()
{
    if (hasStoredSecret() && !m_storedSecretLoaded && !m_secretEdited) {
        requestStoredSecret(Pending::Copy);
        return;
    }
    const QString secret = m_secret->text();
    if (secret.isEmpty()) {
        say(m_secretMessage, tr("There is no secret to copy: Generate one first."),
            StatusColors::warningText());
        return;
    }
    m_clipboard.copySecret(secret);
    const int seconds = (m_clipboard.clearAfterMs() + 999) / 1000;
    say(m_secretMessage,
        tr("Copied to the clipboard; it is cleared from there in %1 seconds.").arg(seconds),
        StatusColors::forStatus(IntegrationSummary::Status::Connected).darker(120));
}

QString WebhookDialog::url() const
{
    return m_url->text().trimmed();
}

QStringList WebhookDialog::events() const
{
    QStringList chosen;
    for (const QString &type : WebhookEventTexts::ordered())
        if (m_eventChecks.value(type)->isChecked())
            chosen.append(type);
    return chosen;
}

WebhookEndpointInput WebhookDialog::input() const
{
    WebhookEndpointInput input;
    const QString description = m_description->text().trimmed();
    QStringList chosen = events();
    chosen.sort();
    if (m_mode == Mode::Add) {
        input.url = url();
        input.description = description;
        input.events = chosen;
        input.enabled = true;
        input.maxConcurrency = m_concurrency->value();
        input.ratePerSecond = m_rate->value();
    } else {
        QStringList stored = m_endpoint.events;
        stored.sort();
        if (url() != m_endpoint.url)
            input.url = url();
        if (description != m_endpoint.description)
            input.description = description;
        if (chosen != stored)
            input.events = chosen;
        if (m_concurrency->value() != m_endpoint.maxConcurrency)
            input.maxConcurrency = m_concurrency->value();
        if (!qFuzzyCompare(1.0 + m_rate->value(), 1.0 + m_endpoint.ratePerSecond))
            input.ratePerSecond = m_rate->value();
    }
    const QString secret = m_secret->text().trimmed();
    if (!m_secretEdited || (m_storedSecretLoaded && secret == m_storedSecret)) {
        input.secretAction = WebhookEndpointInput::SecretAction::Keep;
    } else if (secret.isEmpty()) {
        input.secretAction = hasStoredSecret() ? WebhookEndpointInput::SecretAction::Remove
                                               : WebhookEndpointInput::SecretAction::Keep;
    } else {
        input.secretAction = WebhookEndpointInput::SecretAction::Set;
        input.secret = secret;
    }
    return input;
}

bool WebhookDialog::urlValid(QString *problem) const
{
    const QString text = url();
    if (text.isEmpty()) {
        *problem = tr("Enter the HTTPS address of the endpoint that receives the events.");
        return false;
    }
    const QUrl parsed(text, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        *problem = tr("http:// is refused: deliveries carry customer data and their "
                      "signatures, so BotBat sends them only over HTTPS. Use the endpoint's "
                      "https:// address.");
        return false;
    }
    if (!parsed.isValid() || scheme != QLatin1String("https") || parsed.host().isEmpty()) {
        *problem = tr("Enter a full address that starts with https://, e.g. "
                      "https://hooks.example.com/botbat.");
        return false;
    }
    if (!parsed.userInfo().isEmpty()) {
        *problem = tr("Remove the user name and password from the address; use the signing "
                      "secret to let the receiver check that requests come from BotBat.");
        return false;
    }
    return true;
}

bool WebhookDialog::secretValid(QString *problem) const
{
    const QString secret = m_secret->text().trimmed();
    if (!m_secretEdited || secret.isEmpty() || (m_storedSecretLoaded && secret == m_storedSecret))
        return true;
    QString error;
    if (WebhookSecret::decode(secret, &error))
        return true;
    *problem = error;
    return false;
}

bool WebhookDialog::isValid() const
{
    QString ignored;
    return urlValid(&ignored) && secretValid(&ignored) && !events().isEmpty();
}

void WebhookDialog::validate()
{
    const QColor error = StatusColors::errorText();
    const QColor muted = StatusColors::muted();

    QString problem;
    if (m_serverErrors.contains(kUrlField))
        say(m_urlMessage, m_serverErrors.value(kUrlField), error);
    else if (!urlValid(&problem) && (m_urlEdited || !url().isEmpty()))
        say(m_urlMessage, problem, error);
    else
        say(m_urlMessage, tr("BotBat POSTs JSON here and counts any 2xx answer as delivered."),
            muted);

    if (m_serverErrors.contains(kDescriptionField))
        say(m_descriptionMessage, m_serverErrors.value(kDescriptionField), error);
    else
        say(m_descriptionMessage, QString(), muted);

    problem.clear();
    const QString secret = m_secret->text().trimmed();
    if (m_pending != Pending::None) {
        // "Reading the secret…" stays until the answer.
    } else if (m_serverErrors.contains(kSecretField)) {
        say(m_secretMessage, m_serverErrors.value(kSecretField), error);
    } else if (!secretValid(&problem)) {
        say(m_secretMessage, problem, error);
    } else if (m_mode == Mode::Edit && m_secretEdited && secret.isEmpty() && hasStoredSecret()) {
        say(m_secretMessage,
            tr("Saving removes the secret: deliveries will no longer be signed, and receivers "
               "that verify signatures will reject them."),
            StatusColors::warningText());
    } else if (m_mode == Mode::Edit && m_secretEdited && hasStoredSecret() &&
               !(m_storedSecretLoaded && secret == m_storedSecret)) {
        say(m_secretMessage,
            tr("Saving replaces the secret at once. To switch receivers over without failures, "
               "cancel and use Rotate Secret, which signs with both for 24 hours."),
            StatusColors::warningText());
    } else if (secret.isEmpty() && !hasStoredSecret()) {
        say(m_secretMessage,
            tr("Without a secret, receivers cannot verify that requests come from BotBat."), muted);
    } else if (m_mode == Mode::Add || m_secretEdited) {
        say(m_secretMessage, tr("Copy it to your receiver to verify the signature headers."),
            muted);
    } else {
        say(m_secretMessage, QString(), muted);
    }

    const int chosen = int(events().size());
    const int all = int(m_eventChecks.size());
    m_allEvents->setCheckState(chosen == 0     ? Qt::Unchecked
                               : chosen == all ? Qt::Checked
                                               : Qt::PartiallyChecked);
    m_nudge->setVisible(chosen == all);
    if (m_serverErrors.contains(kEventsField))
        say(m_eventsMessage, m_serverErrors.value(kEventsField), error);
    else if (chosen == 0 && m_eventsEdited)
        say(m_eventsMessage, tr("Choose at least one event."), error);
    else
        say(m_eventsMessage,
            chosen == 0 ? tr("Choose the events this endpoint needs.")
                        : tr("%1 of %2 events selected.").arg(chosen).arg(all),
            muted);

    QStringList advanced;
    if (m_serverErrors.contains(kConcurrencyField))
        advanced.append(m_serverErrors.value(kConcurrencyField));
    if (m_serverErrors.contains(kRateField))
        advanced.append(m_serverErrors.value(kRateField));
    say(m_advancedMessage, advanced.join(QLatin1Char('\n')), error);

    m_save->setEnabled(!m_busy && isValid());
}

void WebhookDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *widget : findChildren<QWidget *>()) {
        if (widget != m_buttons && !m_buttons->isAncestorOf(widget) &&
            widget->parentWidget() == this)
            widget->setEnabled(!busy);
    }
    m_save->setText(busy ? tr("Saving\u2026")
                         : (m_mode == Mode::Add ? tr("Add Webhook") : tr("Save Changes")));
    if (busy)
        m_error->hide();
    validate();
}

void WebhookDialog::showError(const DomainError &error)
{
    QStringList general;
    for (const FieldError &field : error.fields()) {
        const QString key = fieldKey(field.field);
        if (key == kUrlField || key == kDescriptionField || key == kEventsField ||
            key == kSecretField || key == kConcurrencyField || key == kRateField) {
            const QString sentence = fieldSentence(key, field.message);
            m_serverErrors.insert(key, m_serverErrors.contains(key)
                                           ? m_serverErrors.value(key) + QLatin1Char(' ') + sentence
                                           : sentence);
        } else {
            general.append(field.text());
        }
    }
    if (m_serverErrors.contains(kConcurrencyField) || m_serverErrors.contains(kRateField))
        m_advancedToggle->setChecked(true);
    const QString title =
        m_mode == Mode::Add ? tr("The webhook was not added.") : tr("The changes were not saved.");
    QString text = title;
    if (error.fields().isEmpty() || !general.isEmpty())
        text += QLatin1Char(' ') +
                (general.isEmpty() ? error.message() : general.join(QLatin1Char('\n')));
    else
        text += QLatin1Char(' ') + tr("Correct the fields marked in red.");
    m_error->setText(text);
    m_error->show();
    validate();
}

} // namespace botbat
