#include "CreateApiKeyDialog.h"

#include "StatusColors.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "models/ApiKeyModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace botbat {

namespace {
constexpr int kDefaultCustomDays = 90;

void setColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

QLabel *messageLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    setColor(label, StatusColors::muted());
    return label;
}

// Object names cannot hold ':' conveniently in selectors: "contacts:read" ->
// "scopeCheck_contacts_read".
QString checkName(const QString &scope)
{
    QString name = scope;
    name.replace(QLatin1Char(':'), QLatin1Char('_'));
    return QStringLiteral("scopeCheck_") + name;
}
} // namespace

CreateApiKeyDialog::CreateApiKeyDialog(const QDateTime &now, const QStringList &existingNames,
                                       QWidget *parent)
    : QDialog(parent), m_now(now), m_existingNames(existingNames)
{
    setObjectName(QStringLiteral("createApiKeyDialog"));
    setWindowTitle(tr("Create API Key"));
    setMinimumWidth(600);

    auto *title = new QLabel(tr("Create an API key"), this);
    title->setObjectName(QStringLiteral("createKeyTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *intro = messageLabel(QStringLiteral("createKeyIntro"), this);
    intro->setText(tr("Give each system its own key with only the scopes it needs: then you can "
                      "see what uses it, and revoke it without breaking anything else. The key "
                      "is shown once, right after it is created."));

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("keyNameEdit"));
    m_name->setMaxLength(ApiKeyStore::kMaxNameLength);
    m_name->setPlaceholderText(tr("e.g. Zapier, Nightly export, Order system"));
    m_name->setToolTip(tr("What will use this key. Shown in the console and the audit log."));
    m_name->setClearButtonEnabled(true);
    m_nameMessage = messageLabel(QStringLiteral("keyNameMessage"), this);

    m_expiry = new QComboBox(this);
    m_expiry->setObjectName(QStringLiteral("expiryCombo"));
    m_expiry->addItem(tr("Never"), Never);
    m_expiry->addItem(tr("In 30 days"), Days30);
    m_expiry->addItem(tr("In 90 days"), Days90);
    m_expiry->addItem(tr("In 365 days"), Days365);
    m_expiry->addItem(tr("On a date\u2026"), CustomDate);
    m_expiry->setToolTip(tr("After this the API refuses the key. Keys for temporary work should "
                            "expire; long-lived ones should be rotated from time to time."));
    m_expiryDate = new QDateEdit(this);
    m_expiryDate->setObjectName(QStringLiteral("expiryDateEdit"));
    m_expiryDate->setCalendarPopup(true);
    m_expiryDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    const QDate today = m_now.toLocalTime().date();
    m_expiryDate->setMinimumDate(today.addDays(1));
    m_expiryDate->setDate(today.addDays(kDefaultCustomDays));
    m_expiryDate->setToolTip(tr("The key stops working at the end of this day (local time)."));
    m_expiryDate->hide();
    m_expiryHint = messageLabel(QStringLiteral("expiryHint"), this);

    auto *expiryRow = new QHBoxLayout;
    expiryRow->setSpacing(8);
    expiryRow->addWidget(m_expiry);
    expiryRow->addWidget(m_expiryDate);
    expiryRow->addStretch(1);

    auto *nameColumn = new QVBoxLayout;
    nameColumn->setSpacing(4);
    nameColumn->addWidget(m_name);
    nameColumn->addWidget(m_nameMessage);
    auto *expiryColumn = new QVBoxLayout;
    expiryColumn->setSpacing(4);
    expiryColumn->addLayout(expiryRow);
    expiryColumn->addWidget(m_expiryHint);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setHorizontalSpacing(14);
    form->setVerticalSpacing(10);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    auto *expiryLabel = new QLabel(tr("&Expires:"), this);
    expiryLabel->setBuddy(m_expiry);
    form->addRow(nameLabel, nameColumn);
    form->addRow(expiryLabel, expiryColumn);

    m_error = messageLabel(QStringLiteral("createKeyError"), this);
    setColor(m_error, StatusColors::errorText());
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("createKeyButtons"));
    m_createButton = m_buttons->button(QDialogButtonBox::Ok);
    m_createButton->setObjectName(QStringLiteral("createKeyConfirmButton"));
    m_createButton->setText(tr("Create Key"));
    m_createButton->setToolTip(tr("Create the key and show it once"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("createKeyCancelButton"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(4);
    layout->addLayout(form);
    layout->addWidget(createScopes());
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = true;
        m_error->hide();
        validate();
    });
    connect(m_expiry, &QComboBox::currentIndexChanged, this, [this] {
        m_expiryDate->setVisible(m_expiry->currentData().toInt() == CustomDate);
        updateExpiryHint();
    });
    connect(m_expiryDate, &QDateEdit::dateChanged, this, &CreateApiKeyDialog::updateExpiryHint);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        m_nameEdited = m_scopesEdited = true;
        validate();
        if (isValid())
            emit submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    validate();
    updateExpiryHint();
    m_name->setFocus();
}

QWidget *CreateApiKeyDialog::createScopes()
{
    auto *group = new QGroupBox(tr("Scopes"), this);
    group->setObjectName(QStringLiteral("scopesGroup"));
    group->setToolTip(tr("What the key may do. Requests outside its scopes are refused with 403."));

    m_allScopes = new QCheckBox(tr("All scopes"), group);
    m_allScopes->setObjectName(QStringLiteral("allScopesCheck"));
    m_allScopes->setToolTip(tr("Select every scope that exists now. Scopes added in later "
                               "versions are not granted to this key automatically."));
    QFont bold = m_allScopes->font();
    bold.setBold(true);
    m_allScopes->setFont(bold);

    auto *line = new QFrame(group);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    // One scope per line, its description beside it: scopes are read, not scanned, when
    // deciding what a key may do.
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(6);
    const QStringList &scopes = ApiKeyScopes::all();
    for (int row = 0; row < scopes.size(); ++row) {
        const QString &scope = scopes.at(row);
        auto *check = new QCheckBox(scope, group);
        check->setObjectName(checkName(scope));
        check->setToolTip(ApiKeyScopes::describe(scope));
        auto *description = new QLabel(ApiKeyScopes::describe(scope), group);
        setColor(description, StatusColors::muted());
        description->setToolTip(ApiKeyScopes::describe(scope));
        grid->addWidget(check, row, 0);
        grid->addWidget(description, row, 1);
        m_scopeChecks.insert(scope, check);
        connect(check, &QCheckBox::toggled, this, [this] {
            m_scopesEdited = true;
            validate();
        });
    }
    grid->setColumnStretch(1, 1);

    m_scopesMessage = messageLabel(QStringLiteral("scopesMessage"), group);

    auto *layout = new QVBoxLayout(group);
    layout->setSpacing(8);
    layout->addWidget(m_allScopes);
    layout->addWidget(line);
    layout->addLayout(grid);
    layout->addWidget(m_scopesMessage);

    connect(m_allScopes, &QCheckBox::clicked, this, &CreateApiKeyDialog::onAllScopesClicked);
    return group;
}

void CreateApiKeyDialog::onAllScopesClicked()
{
    // Partially checked cycles to checked: a click on "All scopes" selects all, a second clears.
    const bool select = scopes().size() != m_scopeChecks.size();
    for (QCheckBox *check : std::as_const(m_scopeChecks)) {
        const QSignalBlocker blocker(check);
        check->setChecked(select);
    }
    m_scopesEdited = true;
    validate();
}

QString CreateApiKeyDialog::name() const
{
    return m_name->text().trimmed();
}

QStringList CreateApiKeyDialog::scopes() const
{
    QStringList chosen;
    for (const QString &scope : ApiKeyScopes::all())
        if (m_scopeChecks.value(scope)->isChecked())
            chosen.append(scope);
    return chosen;
}

QDateTime CreateApiKeyDialog::expiresAt() const
{
    switch (m_expiry->currentData().toInt()) {
    case Days30:
        return m_now.addDays(30).toUTC();
    case Days90:
        return m_now.addDays(90).toUTC();
    case Days365:
        return m_now.addDays(365).toUTC();
    case CustomDate:
        return QDateTime(m_expiryDate->date(), QTime(23, 59, 59), Qt::LocalTime).toUTC();
    }
    return {};
}

bool CreateApiKeyDialog::isValid() const
{
    return !name().isEmpty() && !scopes().isEmpty();
}

void CreateApiKeyDialog::validate()
{
    const QString trimmed = name();
    if (trimmed.isEmpty() && m_nameEdited) {
        m_nameMessage->setText(tr("Give the key a name, e.g. the app or script that will use it."));
        setColor(m_nameMessage, StatusColors::errorText());
    } else if (m_existingNames.contains(trimmed, Qt::CaseInsensitive)) {
        m_nameMessage->setText(tr("A working key is already named \u201c%1\u201d. A distinct "
                                  "name keeps the audit log clear.")
                                   .arg(trimmed));
        setColor(m_nameMessage, StatusColors::warningText());
    } else {
        m_nameMessage->setText(tr("Shown in the console and in the audit log."));
        setColor(m_nameMessage, StatusColors::muted());
    }

    const int chosen = int(scopes().size());
    const int all = int(m_scopeChecks.size());
    m_allScopes->setCheckState(chosen == 0     ? Qt::Unchecked
                               : chosen == all ? Qt::Checked
                                               : Qt::PartiallyChecked);
    if (chosen == 0 && m_scopesEdited) {
        m_scopesMessage->setText(tr("Choose at least one scope."));
        setColor(m_scopesMessage, StatusColors::errorText());
    } else {
        m_scopesMessage->setText(chosen == 0
                                     ? tr("Choose what the key may do.")
                                     : tr("%1 of %2 scopes selected.").arg(chosen).arg(all));
        setColor(m_scopesMessage, StatusColors::muted());
    }
    m_createButton->setEnabled(isValid());
}

void CreateApiKeyDialog::updateExpiryHint()
{
    const QDateTime expires = expiresAt();
    if (!expires.isValid()) {
        m_expiryHint->setText(tr("The key works until it is revoked."));
        return;
    }
    m_expiryHint->setText(
        tr("Stops working %1 (local time).").arg(ApiKeyModel::localTime(expires)));
    m_expiryHint->setToolTip(ApiKeyModel::utcTime(expires));
}

void CreateApiKeyDialog::setBusy(bool busy)
{
    for (QWidget *widget : findChildren<QWidget *>()) {
        if (widget != m_buttons && !m_buttons->isAncestorOf(widget) &&
            widget->parentWidget() == this)
            widget->setEnabled(!busy);
    }
    m_createButton->setEnabled(!busy && isValid());
    m_createButton->setText(busy ? tr("Creating\u2026") : tr("Create Key"));
    if (busy)
        m_error->hide();
}

void CreateApiKeyDialog::showError(const QString &error)
{
    m_error->setText(tr("The key was not created: %1").arg(error));
    m_error->show();
}

} // namespace botbat
