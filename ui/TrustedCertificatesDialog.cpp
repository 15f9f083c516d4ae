#include "TrustedCertificatesDialog.h"

#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"
#include "core/Engine.h"
#include "models/TrustedCertificateModel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace botbat {

namespace {
using Model = TrustedCertificateModel;
// A CA bundle is a few KiB; anything far larger is not what the admin meant to pick.
constexpr qint64 kMaxPemBytes = 1024 * 1024;
} // namespace

TrustedCertificatesDialog::TrustedCertificatesDialog(Engine &engine, QWidget *parent)
    : QDialog(parent), m_model(new TrustedCertificateModel(engine, this))
{
    setObjectName(QStringLiteral("trustedCertificatesDialog"));
    setWindowTitle(tr("Trusted Certificates"));
    setMinimumSize(760, 420);

    auto *title = PageLabels::title(tr("Trusted CA certificates"), this, 1.3);
    title->setObjectName(QStringLiteral("trustedCertificatesTitle"));
    auto *intro = PageLabels::wrapped(
        QStringLiteral("trustedCertificatesIntro"),
        tr("Webhooks are sent only to endpoints whose certificate is valid and chains to a "
           "trusted CA; TLS errors are never ignored. Besides the CAs this computer trusts, "
           "certificates of the CAs listed here are accepted, e.g. your company's internal CA."),
        StatusColors::muted(), this);

    m_addAction = new QAction(Icons::add(), tr("&Add from PEM File\u2026"), this);
    m_addAction->setObjectName(QStringLiteral("addCertificateAction"));
    m_addAction->setShortcut(QKeySequence::Open);
    m_addAction->setToolTip(tr("Trust the CA certificates in a PEM file (%1)")
                                .arg(m_addAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_addAction, &QAction::triggered, this, &TrustedCertificatesDialog::addFromFile);
    m_removeAction = new QAction(Icons::trash(), tr("&Remove\u2026"), this);
    m_removeAction->setObjectName(QStringLiteral("removeCertificateAction"));
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setToolTip(
        tr("Stop trusting the selected CA; asks first (%1)")
            .arg(m_removeAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_removeAction, &QAction::triggered, this, &TrustedCertificatesDialog::removeSelected);
    addActions({m_addAction, m_removeAction});

    auto *addButton = new QPushButton(m_addAction->icon(), m_addAction->text(), this);
    addButton->setObjectName(QStringLiteral("addCertificateButton"));
    addButton->setToolTip(m_addAction->toolTip());
    addButton->setAutoDefault(false);
    connect(addButton, &QPushButton::clicked, m_addAction, &QAction::trigger);
    m_removeButton = new QPushButton(m_removeAction->icon(), m_removeAction->text(), this);
    m_removeButton->setObjectName(QStringLiteral("removeCertificateButton"));
    m_removeButton->setToolTip(m_removeAction->toolTip());
    m_removeButton->setAutoDefault(false);
    connect(m_removeButton, &QPushButton::clicked, m_removeAction, &QAction::trigger);

    m_table = new QTreeView(this);
    m_table->setObjectName(QStringLiteral("trustedCertificatesTable"));
    m_table->setModel(m_model);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAllColumnsShowFocus(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Fingerprints are long: the start and the end are what people compare.
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->header()->setStretchLastSection(true);
    m_table->header()->resizeSection(Model::SubjectColumn, 220);
    m_table->header()->resizeSection(Model::IssuerColumn, 200);
    m_table->header()->resizeSection(Model::ExpiresColumn, 150);

    m_empty = PageLabels::wrapped(QStringLiteral("trustedCertificatesEmpty"),
                                  tr("No extra CA certificates: only the CAs this computer "
                                     "trusts are accepted. Add one from a PEM file if an "
                                     "endpoint uses a certificate from your own CA."),
                                  StatusColors::muted(), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    const QStringList files = engine.config().webhooks.trustedCaFiles;
    auto *fromCommandLine =
        PageLabels::wrapped(QStringLiteral("trustedCaFilesLabel"),
                            tr("Also trusted, from the engine's --trusted-ca option: %1")
                                .arg(files.join(QStringLiteral(", "))),
                            StatusColors::muted(), this);
    fromCommandLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fromCommandLine->setVisible(!files.isEmpty());

    m_message = PageLabels::wrapped(QStringLiteral("trustedCertificatesMessage"), QString(),
                                    StatusColors::muted(), this);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)
        ->setObjectName(QStringLiteral("closeCertificatesButton"));

    auto *tools = new QHBoxLayout;
    tools->setSpacing(6);
    tools->addWidget(addButton);
    tools->addWidget(m_removeButton);
    tools->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addLayout(tools);
    layout->addWidget(m_stack, 1);
    layout->addWidget(fromCommandLine);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_model, &Model::loaded, this, &TrustedCertificatesDialog::updateView);
    connect(m_model, &Model::rowsInserted, this, &TrustedCertificatesDialog::updateView);
    connect(m_model, &Model::rowsRemoved, this, &TrustedCertificatesDialog::updateView);
    connect(m_model, &Model::loadFailed, this,
            [this](const QString &error) { showMessage(error, true); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TrustedCertificatesDialog::updateView);
    updateView();
    m_model->refresh();
}

void TrustedCertificatesDialog::updateView()
{
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_empty) : m_table);
    const bool selected = m_table->selectionModel()->hasSelection();
    m_removeAction->setEnabled(selected);
    m_removeButton->setEnabled(selected);
}

void TrustedCertificatesDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QPalette palette = m_message->palette();
    palette.setColor(
        QPalette::WindowText,
        error ? StatusColors::errorText()
              : StatusColors::forStatus(IntegrationSummary::Status::Connected).darker(120));
    m_message->setPalette(palette);
    m_message->show();
}

void TrustedCertificatesDialog::addFromFile()
{
    const QString path = m_chooser ? m_chooser()
                                   : QFileDialog::getOpenFileName(
                                         this, tr("Add Trusted CA Certificate"), QDir::homePath(),
                                         tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty())
        addFile(path);
}

void TrustedCertificatesDialog::addFile(const QString &path)
{
    QFile file(path);
    if (file.size() > kMaxPemBytes) {
        showMessage(tr("%1 is larger than 1 MiB, so it is not a CA certificate. Choose the "
                       "PEM file of the CA certificate.")
                        .arg(QFileInfo(path).fileName()),
                    true);
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("%1 cannot be read: %2. Check the path and that you may read it.")
                        .arg(path, file.errorString()),
                    true);
        return;
    }
    const QByteArray pem = file.readAll();
    const QString name = QFileInfo(path).fileName();
    m_model->add(pem, [this, name](const DomainResult<TrustedCertificate> &result) {
        if (!result) {
            showMessage(tr("%1 was not added: %2").arg(name, result.error().message()), true);
            return;
        }
        const int row = m_model->rowOf(result->id);
        if (row >= 0)
            m_table->setCurrentIndex(m_model->index(row, 0));
        showMessage(tr("Added \u201c%1\u201d. Deliveries use it from the next connection.")
                        .arg(result->subject),
                    false);
    });
}

void TrustedCertificatesDialog::removeSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->hasSelection())
        return;
    const qint64 id = current.data(Model::IdRole).toLongLong();
    const QString subject = current.data(Model::SubjectRole).toString();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Remove Trusted Certificate"),
                                tr("Stop trusting \u201c%1\u201d?").arg(subject),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeCertificateConfirmation"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Endpoints whose certificates chain only to this CA fail with a "
                               "TLS error from their next delivery, and are retried as usual."));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmRemoveCertificateButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelRemoveCertificateButton"));
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, remove, id, subject](QAbstractButton *button) {
                if (button != remove)
                    return;
                m_model->remove(id, [this, subject](const DomainResult<qint64> &result) {
                    if (!result)
                        showMessage(tr("\u201c%1\u201d was not removed: %2")
                                        .arg(subject, result.error().message()),
                                    true);
                    else
                        showMessage(tr("Removed \u201c%1\u201d.").arg(subject), false);
                });
            });
    box->open();
}

} // namespace botbat
