#include "models/IntegrationOverviewModel.h"

#include "TestSupport.h"
#include "core/Engine.h"
#include "integrations/IntegrationRegistry.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace botbat;

namespace {
using Model = IntegrationOverviewModel;
using Category = IntegrationSummary::Category;
using Status = IntegrationSummary::Status;

QString text(const QModelIndex &index, int column, int role = Qt::DisplayRole)
{
    return index.siblingAtColumn(column).data(role).toString();
}
} // namespace

class IntegrationOverviewModelTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void categoriesAreFixedTopLevelRows();
    void emptyCategoriesSayHonestly();
    void channelsArePresentAndReferenceOnly();
    void addUpdateRemoveAreIncremental();
    void rolesCarryStatusErrorAndTimes();
    void categoryDetailsCount();
    void refreshMergesWithoutReset();
    void staleLoadDoesNotUndoNewerChanges();
    void changeThatReordersMovesTheRow();

private:
    IntegrationSummary add(Category category, const QString &name, const QString &detail = {});
    void loadModel();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void IntegrationOverviewModelTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<Engine>(test::engineConfig(*m_dir));
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_model = std::make_unique<Model>(*m_engine);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void IntegrationOverviewModelTest::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_engine.reset();
    m_dir.reset();
}

IntegrationSummary IntegrationOverviewModelTest::add(Category category, const QString &name,
                                                     const QString &detail)
{
    IntegrationSummary integration;
    integration.category = category;
    integration.kind = QStringLiteral("test");
    integration.name = name;
    integration.status = Status::Inactive;
    // IntegrationRegistry::add binds a null QString as SQL NULL, which the NOT NULL columns
    // reject: pass empty-but-not-null strings.
    integration.detail = detail.isNull() ? QStringLiteral("") : detail;
    integration.lastError = QStringLiteral("");
    QString error;
    const auto stored = m_engine->integrations().add(integration, &error);
    if (!stored)
        qFatal("Cannot add an integration: %s", qPrintable(error));
    return *stored;
}

void IntegrationOverviewModelTest::loadModel()
{
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->refresh();
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_model->isLoaded());
}

void IntegrationOverviewModelTest::categoriesAreFixedTopLevelRows()
{
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->columnCount(), 4);
    const QStringList expected = {QStringLiteral("CRM"), QStringLiteral("Webhooks (outgoing)"),
                                  QStringLiteral("Incoming webhooks"), QStringLiteral("API keys"),
                                  QStringLiteral("Channels (reference only)")};
    for (int row = 0; row < 5; ++row) {
        const QModelIndex category = m_model->index(row, 0);
        QCOMPARE(category.data().toString(), expected.at(row));
        QVERIFY(category.data(Model::IsCategoryRole).toBool());
        QVERIFY(!category.data(Model::StatusRole).isValid());
        // Before the first answer the rows say so, rather than "none".
        QCOMPARE(text(category, Model::DetailsColumn), QStringLiteral("Loading\u2026"));
    }
    QCOMPARE(m_model->headerData(Model::LastSuccessColumn, Qt::Horizontal).toString(),
             QStringLiteral("Last success"));
}

void IntegrationOverviewModelTest::emptyCategoriesSayHonestly()
{
    loadModel();
    QCOMPARE(text(m_model->categoryIndex(Category::Crm), Model::DetailsColumn),
             QStringLiteral("No CRM connections yet"));
    QCOMPARE(text(m_model->categoryIndex(Category::WebhookOut), Model::DetailsColumn),
             QStringLiteral("No outgoing webhooks yet"));
    QCOMPARE(text(m_model->categoryIndex(Category::WebhookIn), Model::DetailsColumn),
             QStringLiteral("No incoming webhooks yet"));
    QCOMPARE(text(m_model->categoryIndex(Category::ApiKey), Model::DetailsColumn),
             QStringLiteral("No API keys yet"));
    for (Category category :
         {Category::Crm, Category::WebhookOut, Category::WebhookIn, Category::ApiKey})
        QCOMPARE(m_model->rowCount(m_model->categoryIndex(category)), 0);
}

void IntegrationOverviewModelTest::channelsArePresentAndReferenceOnly()
{
    loadModel();
    const QModelIndex channels = m_model->categoryIndex(Category::Channel);
    const auto reference = IntegrationRegistry::referenceChannels();
    QCOMPARE(m_model->rowCount(channels), int(reference.size()));
    QStringList names;
    for (int row = 0; row < m_model->rowCount(channels); ++row) {
        const QModelIndex channel = m_model->index(row, 0, channels);
        names.append(channel.data().toString());
        QCOMPARE(channel.data(Model::StatusRole).toInt(), int(Status::ReferenceOnly));
        QCOMPARE(channel.data(Model::CategoryRole).toInt(), int(Category::Channel));
        QCOMPARE(text(channel, Model::StatusColumn), QStringLiteral("Reference"));
        QCOMPARE(channel.data(Model::IdRole).toLongLong(), 0);
        QVERIFY(!(channel.flags() & Qt::ItemIsEditable));
    }
    QVERIFY(names.contains(QStringLiteral("WhatsApp Business")));
    QVERIFY(text(channels, Model::DetailsColumn).contains(QStringLiteral("managed in BotBat")));
}

void IntegrationOverviewModelTest::addUpdateRemoveAreIncremental()
{
    loadModel();
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const QModelIndex crm = m_model->categoryIndex(Category::Crm);

    const IntegrationSummary salesforce =
        add(Category::Crm, QStringLiteral("Salesforce"), QStringLiteral("acme.my.salesforce.com"));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), crm);
    QCOMPARE(m_model->rowCount(crm), 1);
    QModelIndex row = m_model->integrationIndex(salesforce.id);
    QCOMPARE(row.parent(), crm);
    QCOMPARE(row.data().toString(), QStringLiteral("Salesforce"));
    QCOMPARE(text(row, Model::StatusColumn), QStringLiteral("Inactive"));

    // Sorted by name: "HubSpot" goes before "Salesforce".
    const IntegrationSummary hubspot = add(Category::Crm, QStringLiteral("HubSpot"));
    QCOMPARE(m_model->index(0, 0, crm).data().toString(), QStringLiteral("HubSpot"));
    QCOMPARE(m_model->index(1, 0, crm).data().toString(), QStringLiteral("Salesforce"));

    changed.clear();
    QVERIFY(m_engine->integrations().recordSuccess(salesforce.id));
    row = m_model->integrationIndex(salesforce.id);
    QCOMPARE(text(row, Model::StatusColumn), QStringLiteral("Connected"));
    QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [&row](const QList<QVariant> &args) {
        return args.at(0).value<QModelIndex>().row() == row.row() &&
               args.at(0).value<QModelIndex>().parent() == row.parent();
    }));

    QString error;
    QVERIFY2(m_engine->integrations().remove(hubspot.id, &error), qPrintable(error));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(crm), 1);
    QVERIFY(!m_model->integrationIndex(hubspot.id).isValid());
    QCOMPARE(resets.count(), 0);
}

void IntegrationOverviewModelTest::rolesCarryStatusErrorAndTimes()
{
    loadModel();
    const IntegrationSummary hook =
        add(Category::WebhookOut, QStringLiteral("Order system"), QStringLiteral("https://x.test"));
    const QString message =
        QStringLiteral("The endpoint answered 503. Check that https://x.test is up.");
    QVERIFY(m_engine->integrations().recordError(hook.id, message));
    const QModelIndex row = m_model->integrationIndex(hook.id);
    QCOMPARE(row.data(Model::StatusRole).toInt(), int(Status::Error));
    QCOMPARE(row.data(Model::CategoryRole).toInt(), int(Category::WebhookOut));
    QCOMPARE(row.data(Model::IdRole).toLongLong(), hook.id);
    QCOMPARE(row.data(Model::LastErrorRole).toString(), message);
    QCOMPARE(text(row, Model::StatusColumn), QStringLiteral("Error"));
    QCOMPARE(text(row, Model::DetailsColumn), message);
    QVERIFY(text(row, Model::StatusColumn, Qt::ToolTipRole).contains(message));
    QVERIFY(text(row, Model::DetailsColumn, Qt::ToolTipRole).contains(QStringLiteral("x.test")));
    QCOMPARE(text(row, Model::LastSuccessColumn), QStringLiteral("Never"));
    QVERIFY(!row.data(Model::LastSuccessRole).toDateTime().isValid());

    QVERIFY(m_engine->integrations().recordSuccess(hook.id));
    const QModelIndex after = m_model->integrationIndex(hook.id);
    const QDateTime when = after.data(Model::LastSuccessRole).toDateTime();
    QVERIFY(when.isValid());
    QCOMPARE(text(after, Model::LastSuccessColumn),
             when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QCOMPARE(text(after, Model::LastSuccessColumn, Qt::ToolTipRole),
             when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC"));
    QCOMPARE(text(after, Model::DetailsColumn), QStringLiteral("https://x.test"));
    QVERIFY(after.data(Model::LastErrorRole).toString().isEmpty());
}

void IntegrationOverviewModelTest::categoryDetailsCount()
{
    loadModel();
    const QModelIndex keys = m_model->categoryIndex(Category::ApiKey);
    const IntegrationSummary first = add(Category::ApiKey, QStringLiteral("Zapier"));
    QCOMPARE(text(keys, Model::DetailsColumn), QStringLiteral("1 key, 1 inactive"));
    const IntegrationSummary second = add(Category::ApiKey, QStringLiteral("Partner"));
    QVERIFY(m_engine->integrations().recordSuccess(first.id));
    QVERIFY(m_engine->integrations().recordError(second.id, QStringLiteral("Revoked upstream")));
    QCOMPARE(text(keys, Model::DetailsColumn), QStringLiteral("2 keys, 1 in error"));
    QCOMPARE(keys.data(Model::ChildCountRole).toInt(), 2);
    QCOMPARE(keys.data(Model::ErrorCountRole).toInt(), 1);
    QCOMPARE(m_model->countWithStatus(Status::Error), 1);
    QCOMPARE(m_model->countWithStatus(Status::Connected), 1);
}

void IntegrationOverviewModelTest::refreshMergesWithoutReset()
{
    add(Category::Crm, QStringLiteral("Pipedrive"));
    loadModel();
    QCOMPARE(m_model->rowCount(m_model->categoryIndex(Category::Crm)), 1);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    loadModel();
    // The same data again changes nothing.
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(m_model->rowCount(m_model->categoryIndex(Category::Crm)), 1);
}

void IntegrationOverviewModelTest::staleLoadDoesNotUndoNewerChanges()
{
    const IntegrationSummary old = add(Category::Crm, QStringLiteral("Old CRM"));
    loadModel();
    const QList<IntegrationSummary> before = m_engine->integrations().list();

    // A load read before these changes, delivered after them, must not undo them.
    const IntegrationSummary fresh = add(Category::Crm, QStringLiteral("New CRM"));
    QString error;
    QVERIFY2(m_engine->integrations().remove(old.id, &error), qPrintable(error));
    emit m_engine->integrationsLoaded(before + IntegrationRegistry::referenceChannels());
    QVERIFY(m_model->integrationIndex(fresh.id).isValid());
    QVERIFY(!m_model->integrationIndex(old.id).isValid());

    // A real refresh racing with a change ends with the change, whichever came first.
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->refresh();
    const IntegrationSummary racing = add(Category::Crm, QStringLiteral("Racing CRM"));
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_model->integrationIndex(racing.id).isValid());
    QVERIFY(m_model->integrationIndex(fresh.id).isValid());
    QCOMPARE(m_model->rowCount(m_model->categoryIndex(Category::Crm)), 2);
}

void IntegrationOverviewModelTest::changeThatReordersMovesTheRow()
{
    loadModel();
    const IntegrationSummary alpha = add(Category::WebhookIn, QStringLiteral("Alpha"));
    add(Category::WebhookIn, QStringLiteral("Beta"));
    const QModelIndex parent = m_model->categoryIndex(Category::WebhookIn);
    QPersistentModelIndex tracked = m_model->integrationIndex(alpha.id);
    QCOMPARE(tracked.row(), 0);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    IntegrationSummary renamed = alpha;
    renamed.name = QStringLiteral("Zulu");
    emit m_engine->integrationChanged(renamed);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(tracked.row(), 1);
    QCOMPARE(tracked.data().toString(), QStringLiteral("Zulu"));
    QCOMPARE(m_model->index(0, 0, parent).data().toString(), QStringLiteral("Beta"));
}

QTEST_GUILESS_MAIN(IntegrationOverviewModelTest)
#include "IntegrationOverviewModelTest.moc"
