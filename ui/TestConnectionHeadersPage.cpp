#include "TestConnectionHeadersPage.h"

#include "Icons.h"
#include "PageLabels.h"
#include "StatusColors.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace botbat {

TestConnectionHeadersPage::TestConnectionHeadersPage(QWidget *parent) : QWizardPage(parent)
{
    setObjectName(QStringLiteral("headersPage"));
    setTitle(tr("Extra headers"));
    setSubTitle(tr("Headers the receiver needs besides the ones every delivery carries, e.g. a "
                   "tenant or routing header. Optional."));

    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("headersTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->horizontalHeader()->resizeSection(0, 200);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("Double-click or press F2 to edit a name or value"));

    m_empty = PageLabels::wrapped(
        QStringLiteral("headersEmptyLabel"),
        tr("No extra headers. Host, Content-Type, User-Agent, the delivery id and the signature "
           "headers are always set by the test itself, as deliveries set them."),
        StatusColors::muted(), this);

    m_add = new QPushButton(Icons::add(), tr("&Add Header"), this);
    m_add->setObjectName(QStringLiteral("addHeaderButton"));
    m_add->setToolTip(tr("Add a row to the table and start typing its name"));
    m_remove = new QPushButton(Icons::trash(), tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeHeaderButton"));
    m_remove->setToolTip(tr("Remove the selected header"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addHeader();
        m_table->setFocus();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(m_remove, &QPushButton::clicked, this, &TestConnectionHeadersPage::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TestConnectionHeadersPage::update);
    update();
}

void TestConnectionHeadersPage::addHeader(const QString &name, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(name));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
    update();
}

void TestConnectionHeadersPage::removeSelected()
{
    const int row = m_table->currentRow();
    if (row >= 0)
        m_table->removeRow(row);
    update();
}

void TestConnectionHeadersPage::update()
{
    m_empty->setVisible(m_table->rowCount() == 0);
    m_remove->setEnabled(m_table->currentRow() >= 0);
}

QList<QPair<QString, QString>> TestConnectionHeadersPage::headers() const
{
    QList<QPair<QString, QString>> headers;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name =
            m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (!name.isEmpty())
            headers.append({name, value});
    }
    return headers;
}

} // namespace botbat
