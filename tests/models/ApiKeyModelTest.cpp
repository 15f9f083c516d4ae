#include "models/ApiKeyModel.h"

#include "TestSupport.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "models/AuditLogModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace botbat;

namespace {
using Model = ApiKeyModel;
using State = ApiKey::State;

const QStringList kReadOnly = {ApiKeyScopes::ContactsRead};

// Every string any role of any cell holds, to prove a key's text never reaches the model.
QStringList everyText(const QAbstractItemModel &model)
{
    QStringList texts;
    const QList<int> roles = model.roleNames().keys() + QList<int>{Qt::ToolTipRole};
    for (int row = 0; row < model.rowCount(); ++row)
        for (int column = 0; column < model.columnCount(); ++column)
            for (int role : roles) {
                const QVariant value = model.index(row, column).data(role);
                texts.append(value.toStringList().isEmpty() ? value.toString()
                                                            : value.toStringList().join(u' '));
            }
    for (int column = 0; column < model.columnCount(); ++column)
        texts.append(model.headerData(column, Qt::Horizontal).toString());
    return texts;
}

bool changedColumn(const QSignalSpy &spy, int row, int column)
{
    for (const QList<QVariant> &arguments : spy) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        if (topLeft.row() <= row && row <= bottomRight.row() && topLeft.column() <= column &&
            column <= bottomRight.column())
            return true;
    }
    return false;
}
} // namespace

class ApiKeyModelTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void loadsKeysNewestFirstWithoutTheirText();
    void createRotateRevokeUpdateRows();
    void failedCreateSaysWhyAndAddsNothing();
    void changesFromAnotherProcessMergeOnRefresh();
    void keysUsedUpdatesLastUsedLive();
    void lastUsedNeverMovesBackwards();
    void unusedKeysBecomeStale();
    void expiryFollowsTheClock();
    void actionsFollowTheState();
    void auditLogIsNewestFirstAndPaged();
    void auditLogRefreshAddsNewEntriesOnTop();
    void auditLogTellsFailedAuthFromLifecycle();

private:
    void startEngine(bool manualClock = false);
    ApiKey storeCreate(const QString &name, const QStringList &scopes = kReadOnly,
                       const QDateTime &expiresAt = {});
    void load();
    Model::Outcome waitFor(const std::function<void(Model::Callback)> &action);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void ApiKeyModelTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void ApiKeyModelTest::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_engine.reset();
    m_clock.reset();
    m_dir.reset();
}

void ApiKeyModelTest::startEngine(bool manualClock)
{
    EngineConfig config = test::engineConfig(*m_dir);
    if (manualClock) {
        m_clock =
            std::make_shared<ManualClock>(QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC));
        config.clock = m_clock;
    }
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_model = std::make_unique<Model>(*m_engine);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

ApiKey ApiKeyModelTest::storeCreate(const QString &name, const QStringList &scopes,
                                    const QDateTime &expiresAt)
{
    QString error;
    const auto created =
        m_engine->apiKeys().create(name, scopes, expiresAt, QStringLiteral("cli"), &error);
    if (!created)
        qFatal("Cannot create a key: %s", qPrintable(error));
    return created->key;
}

void ApiKeyModelTest::load()
{
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->refresh();
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_model->isLoaded());
}

Model::Outcome ApiKeyModelTest::waitFor(const std::function<void(Model::Callback)> &action)
{
    std::optional<Model::Outcome> result;
    action([&result](const Model::Outcome &outcome) { result = outcome; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000) || !result)
        qFatal("The action did not answer");
    return *result;
}

void ApiKeyModelTest::loadsKeysNewestFirstWithoutTheirText()
{
    startEngine(true);
    QString error;
    const auto zapier = m_engine->apiKeys().create(QStringLiteral("Zapier"), ApiKeyScopes::all(),
                                                   {}, QStringLiteral("cli"), &error);
    QVERIFY2(zapier, qPrintable(error));
    m_clock->advance(60 * 1000);
    const QDateTime expiry = m_clock->now().addDays(90);
    const auto exporter = m_engine->apiKeys().create(QStringLiteral("Nightly export"), kReadOnly,
                                                     expiry, QStringLiteral("cli"), &error);
    QVERIFY2(exporter, qPrintable(error));

    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->isLoaded());
    load();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->columnCount(), int(Model::ColumnCount));

    const QModelIndex first = m_model->index(0, Model::NameColumn);
    QCOMPARE(first.data().toString(), QStringLiteral("Nightly export"));
    QCOMPARE(first.data(Model::IdRole).toLongLong(), exporter->key.id);
    QCOMPARE(first.siblingAtColumn(Model::PrefixColumn).data().toString(),
             QString(exporter->key.prefix + QStringLiteral("\u2026")));
    QCOMPARE(first.siblingAtColumn(Model::StateColumn).data().toString(), QStringLiteral("Active"));
    QCOMPARE(State(first.data(Model::StateRole).toInt()), State::Active);
    QCOMPARE(first.data(Model::StaleRole).toBool(), false);
    QCOMPARE(first.siblingAtColumn(Model::LastUsedColumn).data().toString(),
             QStringLiteral("Never"));
    QCOMPARE(first.siblingAtColumn(Model::ScopesColumn).data().toString(),
             QStringLiteral("contacts:read"));
    QVERIFY(first.siblingAtColumn(Model::ScopesColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(ApiKeyScopes::describe(ApiKeyScopes::ContactsRead)));
    QCOMPARE(first.data(Model::ExpiresRole).toDateTime(), expiry);
    // Local time in the cell, the exact UTC time in the tooltip.
    QCOMPARE(first.siblingAtColumn(Model::CreatedColumn).data().toString(),
             exporter->key.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QVERIFY(first.siblingAtColumn(Model::CreatedColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("2026-03-02 09:31:00 UTC")));
    QVERIFY(first.siblingAtColumn(Model::ExpiresColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral(" UTC")));

    const QModelIndex second = m_model->index(1, Model::NameColumn);
    QCOMPARE(second.data().toString(), QStringLiteral("Zapier"));
    QCOMPARE(second.siblingAtColumn(Model::ScopesColumn).data().toString(),
             QStringLiteral("All scopes"));
    QCOMPARE(second.siblingAtColumn(Model::ExpiresColumn).data().toString(),
             QStringLiteral("Never"));

    const QStringList texts = everyText(*m_model);
    for (const QString &token : {zapier->token, exporter->token})
        for (const QString &text : texts)
            QVERIFY2(!text.contains(token), qPrintable(text));
}

void ApiKeyModelTest::createRotateRevokeUpdateRows()
{
    startEngine(true);
    load();
    QSignalSpy inserted(m_model.get(), &Model::rowsInserted);
    QSignalSpy changed(m_model.get(), &Model::dataChanged);
    QSignalSpy resets(m_model.get(), &Model::modelReset);
    QSignalSpy keysChanged(m_model.get(), &Model::keysChanged);

    const Model::Outcome created = waitFor([this](Model::Callback done) {
        m_model->createKey(QStringLiteral("Order system"),
                           {ApiKeyScopes::ContactsRead, ApiKeyScopes::MessagesWrite}, {},
                           std::move(done));
    });
    QVERIFY2(created.ok, qPrintable(created.error));
    QVERIFY(created.token.startsWith(QStringLiteral("bbk_")));
    QCOMPARE(created.key.prefix, created.token.left(12));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(keysChanged.size(), 1);
    QCOMPARE(m_model->index(0, Model::NameColumn).data(Model::IdRole).toLongLong(), created.key.id);

    m_clock->advance(5 * 60 * 1000);
    const qint64 overlapMs = 6LL * 60 * 60 * 1000;
    const QDateTime rotatedAt = m_clock->now();
    const Model::Outcome rotated = waitFor([this, &created, overlapMs](Model::Callback done) {
        m_model->rotateKey(created.key.id, overlapMs, std::move(done));
    });
    QVERIFY2(rotated.ok, qPrintable(rotated.error));
    QVERIFY(rotated.token.startsWith(QStringLiteral("bbk_")));
    QVERIFY(rotated.token != created.token);
    QCOMPARE(rotated.key.name, QStringLiteral("Order system"));
    QCOMPARE(rotated.key.scopes, created.key.scopes);
    QCOMPARE(rotated.previous.id, created.key.id);
    QCOMPARE(rotated.previous.expiresAt, rotatedAt.addMSecs(overlapMs));
    QCOMPARE(m_model->rowCount(), 2);
    // Newest first: the successor on top, the old key below with the end of its overlap.
    QCOMPARE(m_model->index(0, 0).data(Model::IdRole).toLongLong(), rotated.key.id);
    QCOMPARE(m_model->index(0, 0).data(Model::RotatedFromRole).toLongLong(), created.key.id);
    const QModelIndex old = m_model->index(1, Model::ExpiresColumn);
    QCOMPARE(old.data(Model::ExpiresRole).toDateTime(), rotatedAt.addMSecs(overlapMs));
    QVERIFY2(old.data().toString().contains(QStringLiteral("in 6 hours")),
             qPrintable(old.data().toString()));
    QCOMPARE(State(old.data(Model::StateRole).toInt()), State::Active);
    // The old key's row changed in place (at row 0 then: its successor went in above it after).
    QVERIFY(changedColumn(changed, 0, Model::ExpiresColumn));

    changed.clear();
    const Model::Outcome revoked = waitFor([this, &created](Model::Callback done) {
        m_model->revokeKey(created.key.id, std::move(done));
    });
    QVERIFY2(revoked.ok, qPrintable(revoked.error));
    QVERIFY(revoked.token.isEmpty());
    const QModelIndex state = m_model->index(1, Model::StateColumn);
    QCOMPARE(state.data().toString(), QStringLiteral("Revoked"));
    QCOMPARE(State(state.data(Model::StateRole).toInt()), State::Revoked);
    QVERIFY(state.data(Model::RevokedRole).toDateTime().isValid());
    QVERIFY(changedColumn(changed, 1, Model::StateColumn));
    QVERIFY(m_engine->apiKeys().get(created.key.id)->revokedAt.isValid());
    QCOMPARE(m_model->countInState(State::Revoked), 1);
    QCOMPARE(m_model->countInState(State::Active), 1);

    // Revoking twice is refused with a reason, and changes nothing.
    const Model::Outcome again = waitFor([this, &created](Model::Callback done) {
        m_model->revokeKey(created.key.id, std::move(done));
    });
    QVERIFY(!again.ok);
    QVERIFY2(again.error.contains(QStringLiteral("already revoked")), qPrintable(again.error));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(keysChanged.size(), 3);

    for (const QString &text : everyText(*m_model)) {
        QVERIFY(!text.contains(created.token));
        QVERIFY(!text.contains(rotated.token));
    }
}

void ApiKeyModelTest::failedCreateSaysWhyAndAddsNothing()
{
    startEngine();
    load();
    const Model::Outcome outcome = waitFor([this](Model::Callback done) {
        m_model->createKey(QStringLiteral("   "), kReadOnly, {}, std::move(done));
    });
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.token.isEmpty());
    QVERIFY2(outcome.error.contains(QStringLiteral("name")), qPrintable(outcome.error));
    QCOMPARE(m_model->rowCount(), 0);

    const Model::Outcome noScopes = waitFor([this](Model::Callback done) {
        m_model->createKey(QStringLiteral("Nothing allowed"), {}, {}, std::move(done));
    });
    QVERIFY(!noScopes.ok);
    QVERIFY2(noScopes.error.contains(QStringLiteral("scope")), qPrintable(noScopes.error));
    QCOMPARE(m_model->rowCount(), 0);
}

void ApiKeyModelTest::changesFromAnotherProcessMergeOnRefresh()
{
    startEngine();
    const ApiKey first = storeCreate(QStringLiteral("First"));
    load();
    QCOMPARE(m_model->rowCount(), 1);
    const QPersistentModelIndex kept(m_model->index(0, Model::NameColumn));

    // The command line creates and revokes keys on the same database.
    const ApiKey second = storeCreate(QStringLiteral("Second"));
    QString error;
    QVERIFY(m_engine->apiKeys().revoke(first.id, QStringLiteral("cli"), &error));
    QSignalSpy resets(m_model.get(), &Model::modelReset);
    QSignalSpy changed(m_model.get(), &Model::dataChanged);
    load();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(resets.size(), 0);
    // Rows are merged, not rebuilt: an index into the old row (a selection) still points at it.
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data(Model::IdRole).toLongLong(), first.id);
    QCOMPARE(State(kept.data(Model::StateRole).toInt()), State::Revoked);
    QVERIFY(changedColumn(changed, kept.row(), Model::StateColumn));
    QCOMPARE(m_model->index(0, 0).data(Model::IdRole).toLongLong(), second.id);

    // A refresh with nothing new changes nothing.
    changed.clear();
    load();
    QCOMPARE(changed.size(), 0);
}

void ApiKeyModelTest::keysUsedUpdatesLastUsedLive()
{
    startEngine();
    const ApiKey key = storeCreate(QStringLiteral("Zapier"));
    const ApiKey other = storeCreate(QStringLiteral("Other"));
    load();
    const int row = m_model->rowOf(key.id);
    QVERIFY(row >= 0);
    QSignalSpy changed(m_model.get(), &Model::dataChanged);

    const qint64 usedAt = m_engine->clock().nowMs();
    const QHash<qint64, qint64> batch = {{key.id, usedAt}};
    QVERIFY(m_engine->apiKeys().storeLastUsed(batch));
    emit m_engine->apiKeysUsed(batch);

    QCOMPARE(changed.size(), 1);
    QVERIFY(changedColumn(changed, row, Model::LastUsedColumn));
    QVERIFY(!changedColumn(changed, m_model->rowOf(other.id), Model::LastUsedColumn));
    const QModelIndex cell = m_model->index(row, Model::LastUsedColumn);
    QCOMPARE(cell.data(Model::LastUsedRole).toDateTime().toMSecsSinceEpoch(), usedAt);
    QCOMPARE(cell.data().toString(),
             ApiKeyModel::localTime(QDateTime::fromMSecsSinceEpoch(usedAt)));
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral(" UTC")));
    QCOMPARE(m_model->index(m_model->rowOf(other.id), Model::LastUsedColumn).data().toString(),
             QStringLiteral("Never"));

    // The same batch again is no change; a key the model does not show yet is ignored.
    changed.clear();
    emit m_engine->apiKeysUsed(batch);
    emit m_engine->apiKeysUsed({{987654, usedAt}});
    QCOMPARE(changed.size(), 0);
}

void ApiKeyModelTest::lastUsedNeverMovesBackwards()
{
    startEngine();
    const ApiKey key = storeCreate(QStringLiteral("Zapier"));
    load();
    // The live signal can be ahead of a load that was read before the batch was stored.
    const qint64 usedAt = m_engine->clock().nowMs();
    emit m_engine->apiKeysUsed({{key.id, usedAt}});
    load();
    QCOMPARE(m_model->index(0, 0).data(Model::LastUsedRole).toDateTime().toMSecsSinceEpoch(),
             usedAt);
}

void ApiKeyModelTest::unusedKeysBecomeStale()
{
    startEngine(true);
    const ApiKey unused = storeCreate(QStringLiteral("Forgotten"));
    const ApiKey busy = storeCreate(QStringLiteral("Busy"));
    load();
    QCOMPARE(m_model->staleCount(), 0);

    m_clock->advance(qint64(ApiKey::kStaleAfterDays + 1) * 24 * 60 * 60 * 1000);
    const QHash<qint64, qint64> batch = {{busy.id, m_clock->nowMs()}};
    QVERIFY(m_engine->apiKeys().storeLastUsed(batch));
    emit m_engine->apiKeysUsed(batch);

    QSignalSpy changed(m_model.get(), &Model::dataChanged);
    QSignalSpy counts(m_model.get(), &Model::countsChanged);
    m_model->reevaluate();
    const int row = m_model->rowOf(unused.id);
    QVERIFY(m_model->index(row, 0).data(Model::StaleRole).toBool());
    QVERIFY(!m_model->index(m_model->rowOf(busy.id), 0).data(Model::StaleRole).toBool());
    QVERIFY(changedColumn(changed, row, Model::StateColumn));
    QVERIFY(!counts.isEmpty());
    QCOMPARE(m_model->staleCount(), 1);
    // Stale is a warning on an active key, not a state of its own.
    QCOMPARE(m_model->index(row, Model::StateColumn).data().toString(), QStringLiteral("Active"));
    const QString tip = m_model->index(row, Model::StateColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("Stale")) && tip.contains(QStringLiteral("31 days")),
             qPrintable(tip));

    // Using it again clears the mark at once.
    emit m_engine->apiKeysUsed({{unused.id, m_clock->nowMs()}});
    QVERIFY(!m_model->index(row, 0).data(Model::StaleRole).toBool());
    QCOMPARE(m_model->staleCount(), 0);
}

void ApiKeyModelTest::expiryFollowsTheClock()
{
    startEngine(true);
    const ApiKey key =
        storeCreate(QStringLiteral("Temporary"), kReadOnly, m_clock->now().addSecs(3600));
    load();
    QCOMPARE(State(m_model->index(0, 0).data(Model::StateRole).toInt()), State::Active);
    QVERIFY(m_model->index(0, Model::ExpiresColumn)
                .data()
                .toString()
                .contains(QStringLiteral("in 1 hour")));

    m_clock->advance(2 * 3600 * 1000);
    QSignalSpy changed(m_model.get(), &Model::dataChanged);
    load(); // refresh re-evaluates the time and writes key.expired into the audit log
    QCOMPARE(State(m_model->index(0, 0).data(Model::StateRole).toInt()), State::Expired);
    QCOMPARE(m_model->index(0, Model::StateColumn).data().toString(), QStringLiteral("Expired"));
    QVERIFY(changedColumn(changed, 0, Model::StateColumn));
    QVERIFY(!m_model->index(0, 0).data(Model::StaleRole).toBool());

    const QList<AuditEntry> audit = m_engine->apiKeys().audit(10);
    QVERIFY(!audit.isEmpty());
    QCOMPARE(audit.first().action, AuditEntry::KeyExpired);
    QCOMPARE(audit.first().keyId, key.id);
}

// The Actions column offers what the store would accept: rotate only while active, revoke
// until revoked, the prefix always; its accessible text names the buttons a screen reader
// cannot see.
void ApiKeyModelTest::actionsFollowTheState()
{
    startEngine(true);
    const ApiKey active = storeCreate(QStringLiteral("Active one"), kReadOnly);
    const ApiKey expiring =
        storeCreate(QStringLiteral("Expiring one"), kReadOnly, m_clock->now().addSecs(60));
    const ApiKey revoked = storeCreate(QStringLiteral("Revoked one"), kReadOnly);
    QString error;
    QVERIFY2(m_engine->apiKeys().revoke(revoked.id, QStringLiteral("cli"), &error),
             qPrintable(error));
    m_clock->advance(120 * 1000);
    load();
    QCOMPARE(m_model->headerData(Model::ActionsColumn, Qt::Horizontal).toString(),
             QStringLiteral("Actions"));

    auto actions = [this](qint64 id) {
        return Model::Actions(m_model->index(m_model->rowOf(id), Model::ActionsColumn)
                                  .data(Model::ActionsRole)
                                  .toInt());
    };
    auto accessible = [this](qint64 id) {
        return m_model->index(m_model->rowOf(id), Model::ActionsColumn)
            .data(Qt::AccessibleTextRole)
            .toString();
    };
    QCOMPARE(actions(active.id),
             Model::CopyPrefixAction | Model::RotateAction | Model::RevokeAction);
    QCOMPARE(actions(expiring.id), Model::CopyPrefixAction | Model::RevokeAction);
    QCOMPARE(actions(revoked.id), Model::Actions(Model::CopyPrefixAction));
    QCOMPARE(accessible(active.id),
             QStringLiteral("Actions for \u201cActive one\u201d: Copy key prefix, Rotate\u2026, "
                            "Revoke\u2026"));
    QCOMPARE(accessible(revoked.id),
             QStringLiteral("Actions for \u201cRevoked one\u201d: Copy key prefix"));
    QVERIFY(m_model->index(0, Model::ActionsColumn).data().toString().isEmpty());
}

void ApiKeyModelTest::auditLogIsNewestFirstAndPaged()
{
    startEngine();
    for (int i = 1; i <= 5; ++i)
        storeCreate(QStringLiteral("Key %1").arg(i));
    // No QAbstractItemModelTester here: it calls fetchMore() itself, which would make the
    // page-by-page counts below depend on its timing.
    AuditLogModel audit(*m_engine);
    audit.setPageSize(2);
    QVERIFY(!audit.canFetchMore({}));

    QSignalSpy loaded(&audit, &AuditLogModel::loaded);
    audit.refresh();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(audit.rowCount(), 2);
    QCOMPARE(audit.index(0, AuditLogModel::KeyNameColumn).data().toString(),
             QStringLiteral("Key 5"));
    QCOMPARE(audit.index(1, AuditLogModel::KeyNameColumn).data().toString(),
             QStringLiteral("Key 4"));
    QCOMPARE(audit.index(0, AuditLogModel::ActionColumn).data().toString(),
             QStringLiteral("Created"));
    QCOMPARE(audit.index(0, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("cli"));
    QVERIFY(audit.canFetchMore({}));

    audit.fetchMore({});
    QVERIFY(!audit.canFetchMore({})); // one page at a time
    QVERIFY(loaded.wait(5000));
    QCOMPARE(audit.rowCount(), 4);
    audit.fetchMore({});
    QVERIFY(loaded.wait(5000));
    QCOMPARE(audit.rowCount(), 5);
    QVERIFY(audit.reachedEnd());
    QVERIFY(!audit.canFetchMore({}));
    QCOMPARE(audit.index(4, AuditLogModel::KeyNameColumn).data().toString(),
             QStringLiteral("Key 1"));
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int row = 0; row < audit.rowCount(); ++row) {
        const qint64 id = audit.index(row, 0).data(AuditLogModel::IdRole).toLongLong();
        QVERIFY(id < previous);
        previous = id;
    }
}

void ApiKeyModelTest::auditLogRefreshAddsNewEntriesOnTop()
{
    startEngine();
    const ApiKey key = storeCreate(QStringLiteral("Zapier"));
    AuditLogModel audit(*m_engine);
    QAbstractItemModelTester tester(&audit, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&audit, &AuditLogModel::loaded);
    audit.refresh();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(audit.rowCount(), 1);

    QString error;
    QVERIFY(m_engine->apiKeys().rotate(key.id, 1000, QStringLiteral("console"), &error));
    QSignalSpy inserted(&audit, &AuditLogModel::rowsInserted);
    QSignalSpy resets(&audit, &AuditLogModel::modelReset);
    audit.refresh();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(audit.rowCount(), 3);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(audit.index(0, AuditLogModel::ActionColumn).data(AuditLogModel::ActionRole).toString(),
             AuditEntry::KeyRotated);
    QVERIFY(audit.index(0, AuditLogModel::DetailColumn)
                .data()
                .toString()
                .contains(QStringLiteral("Replaced by")));
}

void ApiKeyModelTest::auditLogTellsFailedAuthFromLifecycle()
{
    startEngine();
    storeCreate(QStringLiteral("Zapier"));
    QVERIFY(m_engine->apiKeys().recordAuthFailure(QStringLiteral("203.0.113.7"),
                                                  QStringLiteral("bbk_AbCdEfGh"),
                                                  QStringLiteral("invalid_api_key")));
    AuditLogModel audit(*m_engine);
    QSignalSpy loaded(&audit, &AuditLogModel::loaded);
    audit.refresh();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(audit.rowCount(), 2);
    const QModelIndex failed = audit.index(0, AuditLogModel::ActionColumn);
    QCOMPARE(failed.data().toString(), QStringLiteral("Failed authentication"));
    QCOMPARE(failed.data(AuditLogModel::KindRole).toString(), AuditLogModel::kAuth);
    QCOMPARE(failed.siblingAtColumn(AuditLogModel::ClientColumn).data().toString(),
             QStringLiteral("203.0.113.7"));
    QCOMPARE(failed.siblingAtColumn(AuditLogModel::KeyPrefixColumn).data().toString(),
             QStringLiteral("bbk_AbCdEfGh\u2026"));
    QCOMPARE(failed.siblingAtColumn(AuditLogModel::ActorColumn).data().toString(),
             QStringLiteral("api"));
    QCOMPARE(audit.index(1, 0).data(AuditLogModel::KindRole).toString(), AuditLogModel::kLifecycle);
    QVERIFY(failed.siblingAtColumn(AuditLogModel::TimeColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .endsWith(QStringLiteral(" UTC")));
}

QTEST_MAIN(ApiKeyModelTest)
#include "ApiKeyModelTest.moc"
