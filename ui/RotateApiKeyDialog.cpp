#include "RotateApiKeyDialog.h"

#include "PageLabels.h"
#include "StatusColors.h"
#include "apikeys/ApiKeyStore.h"
#include "models/ApiKeyModel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace botbat {

namespace {
constexpr qint64 kHourMs = 60LL * 60 * 1000;
constexpr int kMaxCustomHours = 30 * 24;

} // namespace

RotateApiKeyDialog::RotateApiKeyDialog(const ApiKey &key, const QDateTime &now, QWidget *parent)
    : QDialog(parent), m_key(key), m_now(now)
{
    setObjectName(QStringLiteral("rotateApiKeyDialog"));
    setWindowTitle(tr("Rotate API Key"));
    setMinimumWidth(560);

    auto *title = new QLabel(tr("Rotate \u201c%1\u201d").arg(key.name), this);
    title->setObjectName(QStringLiteral("rotateKeyTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);

    QString text = tr("Rotating creates a new key with the same name and scopes (%1), shown "
                      "once. The old key %2\u2026 keeps working during the overlap, so the "
                      "systems that use it can switch to the new key without downtime; then it "
                      "expires.")
                       .arg(ApiKeyModel::scopesText(key.scopes), key.prefix);
    if (key.expiresAt.isValid())
        text += QLatin1Char(' ') + tr("The new key gets the same lifetime as this one (%1 days).")
                                       .arg(key.createdAt.daysTo(key.expiresAt));
    auto *explanation = PageLabels::wrapped(QStringLiteral("rotateExplanation"), text,
                                            palette().color(QPalette::WindowText), this);

    m_overlap = new QComboBox(this);
    m_overlap->setObjectName(QStringLiteral("overlapCombo"));
    m_overlap->addItem(tr("1 hour"), OneHour);
    m_overlap->addItem(tr("24 hours"), OneDay);
    m_overlap->addItem(tr("7 days"), SevenDays);
    m_overlap->addItem(tr("Custom\u2026"), CustomHours);
    m_overlap->setCurrentIndex(m_overlap->findData(OneDay));
    m_overlap->setToolTip(tr("How long the old and the new key both work. Long enough to update "
                             "every system that uses the key; short if it may have leaked."));
    m_hours = new QSpinBox(this);
    m_hours->setObjectName(QStringLiteral("overlapHoursSpin"));
    m_hours->setRange(0, kMaxCustomHours);
    m_hours->setValue(int(ApiKeyStore::kDefaultOverlapMs / kHourMs));
    m_hours->setSuffix(tr(" hours"));
    m_hours->setToolTip(tr("0 stops the old key at once (to stop a leaked key, Revoke is "
                           "clearer)."));
    m_hours->hide();

    auto *overlapRow = new QHBoxLayout;
    overlapRow->setSpacing(8);
    overlapRow->addWidget(m_overlap);
    overlapRow->addWidget(m_hours);
    overlapRow->addStretch(1);

    auto *form = new QFormLayout;
    form->setHorizontalSpacing(14);
    auto *overlapLabel = new QLabel(tr("&Overlap:"), this);
    overlapLabel->setBuddy(m_overlap);
    form->addRow(overlapLabel, overlapRow);

    m_end = PageLabels::wrapped(QStringLiteral("overlapEndLabel"), QString(), StatusColors::muted(),
                                this);
    m_error = PageLabels::wrapped(QStringLiteral("rotateKeyError"), QString(),
                                  StatusColors::errorText(), this);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_rotateButton = buttons->button(QDialogButtonBox::Ok);
    m_rotateButton->setObjectName(QStringLiteral("rotateKeyConfirmButton"));
    m_rotateButton->setText(tr("Rotate Key"));
    m_rotateButton->setToolTip(tr("Create the new key and start the overlap"));
    buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("rotateKeyCancelButton"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_end);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_overlap, &QComboBox::currentIndexChanged, this, [this] {
        m_hours->setVisible(m_overlap->currentData().toInt() == CustomHours);
        updateEnd();
    });
    connect(m_hours, &QSpinBox::valueChanged, this, &RotateApiKeyDialog::updateEnd);
    connect(buttons, &QDialogButtonBox::accepted, this, &RotateApiKeyDialog::submitted);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateEnd();
    m_overlap->setFocus();
}

qint64 RotateApiKeyDialog::overlapMs() const
{
    switch (m_overlap->currentData().toInt()) {
    case OneHour:
        return kHourMs;
    case OneDay:
        return 24 * kHourMs;
    case SevenDays:
        return 7 * 24 * kHourMs;
    case CustomHours:
        return m_hours->value() * kHourMs;
    }
    return ApiKeyStore::kDefaultOverlapMs;
}

void RotateApiKeyDialog::updateEnd()
{
    const QDateTime end = m_now.addMSecs(overlapMs());
    // The store never lengthens a key's life: an earlier expiry stays.
    if (m_key.expiresAt.isValid() && m_key.expiresAt < end) {
        m_end->setText(tr("The old key already expires %1 (%2), before the overlap would end; it "
                          "keeps that expiry.")
                           .arg(ApiKeyModel::localTime(m_key.expiresAt),
                                ApiKeyModel::relative(m_key.expiresAt, m_now)));
        m_end->setToolTip(ApiKeyModel::utcTime(m_key.expiresAt));
        return;
    }
    m_end->setText(overlapMs() == 0
                       ? tr("The old key stops working as soon as the new one is created.")
                       : tr("The old key stops working %1 (%2).")
                             .arg(ApiKeyModel::localTime(end), ApiKeyModel::relative(end, m_now)));
    m_end->setToolTip(ApiKeyModel::utcTime(end));
}

void RotateApiKeyDialog::setBusy(bool busy)
{
    m_overlap->setEnabled(!busy);
    m_hours->setEnabled(!busy);
    m_rotateButton->setEnabled(!busy);
    m_rotateButton->setText(busy ? tr("Rotating\u2026") : tr("Rotate Key"));
    if (busy)
        m_error->hide();
}

void RotateApiKeyDialog::showError(const QString &error)
{
    m_error->setText(tr("The key was not rotated: %1").arg(error));
    m_error->show();
}

} // namespace botbat
