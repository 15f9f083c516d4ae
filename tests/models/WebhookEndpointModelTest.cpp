// The Webhooks tab's endpoint model on a real engine with a real HTTPS receiver (test CA):
// rows follow the store's changes whoever makes them, health and the last delivery follow the
// dispatcher's attempts, no secret reaches any role, and the Enabled check box enables.
#include "models/WebhookEndpointModel.h"

#include "HttpsReceiver.h"
#include "TestCa.h"
#include "TestSupport.h"
#include "core/Engine.h"
#include "core/Event.h"
#include "domain/ContactInput.h"
#include "domain/Domain.h"
#include "models/TrustedCertificateModel.h"
#include "webhooks/WebhookStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace botbat;
using namespace botbat::test;

namespace {
using Model = WebhookEndpointModel;
using Health = WebhookEndpoint::Health;

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
    return texts;
}

template<typename T>
std::optional<DomainResult<T>>
waitFor(const std::function<void(std::function<void(const DomainResult<T> &)>)> &action)
{
    std::optional<DomainResult<T>> result;
    action([&result](const DomainResult<T> &answer) { result = answer; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return std::nullopt;
    return result;
}

WebhookEndpointInput input(const QString &url, const QStringList &events)
{
    WebhookEndpointInput in;
    in.url = url;
    in.events = events;
    return in;
}
} // namespace

class WebhookEndpointModelTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void loadsEndpointsNewestFirstWithoutSecrets();
    void createUpdateRemoveThroughTheModel();
    void httpUrlIsRefusedWithTheFieldError();
    void changesMadeElsewhereArriveLive();
    void enabledCheckBoxEnablesAndDisables();
    void attemptsUpdateHealthAndLastDelivery();
    void failedDeliveryShowsErrorWithWhatToDo();
    void secretIsReadOnlyOnRequest();
    void trustedCertificatesAddAndRemove();

private:
    void startEngine();
    WebhookStore::Saved storeCreate(const QString &url,
                                    const QStringList &events = {EventType::ContactCreated});
    void load();
    void emitContact(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestCa> m_ca;
    std::unique_ptr<HttpsReceiver> m_receiver;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void WebhookEndpointModelTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ca = std::make_unique<TestCa>();
    m_receiver = std::make_unique<HttpsReceiver>();
    m_receiver->setCertificate(m_ca->issue());
    QVERIFY2(m_receiver->listen(), qPrintable(m_receiver->errorString()));
    startEngine();
}

void WebhookEndpointModelTest::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_engine.reset();
    m_receiver.reset();
    m_ca.reset();
    m_dir.reset();
}

void WebhookEndpointModelTest::startEngine()
{
    const QString caFile = m_dir->filePath(QStringLiteral("test-ca.pem"));
    QVERIFY(m_ca->writeCaPem(caFile));
    EngineConfig config = engineConfig(*m_dir);
    config.webhooks.trustedCaFiles = {caFile};
    config.webhooks.pollIntervalMs = 20;
    m_engine = std::make_unique<Engine>(config);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_model = std::make_unique<Model>(*m_engine);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

WebhookStore::Saved WebhookEndpointModelTest::storeCreate(const QString &url,
                                                          const QStringList &events)
{
    WebhookEndpointInput in = input(url, events);
    in.secretAction = WebhookEndpointInput::SecretAction::Generate;
    auto saved = m_engine->webhooks().create(in);
    if (!saved)
        qFatal("create failed: %s", qPrintable(saved.error().message()));
    return saved.value();
}

void WebhookEndpointModelTest::load()
{
    QSignalSpy loaded(m_model.get(), &Model::loaded);
    m_model->refresh();
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_model->isLoaded());
}

void WebhookEndpointModelTest::emitContact(const QString &name)
{
    ContactInput contact;
    contact.name = name;
    QVERIFY(m_engine->domain().createContact(contact));
}

void WebhookEndpointModelTest::loadsEndpointsNewestFirstWithoutSecrets()
{
    const auto first = storeCreate(QStringLiteral("https://a.example.com/hook"));
    QTest::qWait(5); // distinct creation times
    const auto second = storeCreate(QStringLiteral("https://b.example.com/hook"), EventType::all());
    load();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(0, 0).data(Model::IdRole).toLongLong(), second.endpoint.id);
    QCOMPARE(m_model->index(1, 0).data(Model::IdRole).toLongLong(), first.endpoint.id);
    QCOMPARE(m_model->index(0, Model::UrlColumn).data().toString(),
             QStringLiteral("https://b.example.com/hook"));
    QCOMPARE(m_model->index(0, Model::EventsColumn).data().toString(),
             QStringLiteral("All 8 events"));
    QCOMPARE(m_model->index(1, Model::EventsColumn).data().toString(), QStringLiteral("1 event"));
    // The tooltip lists the events with what triggers them.
    QVERIFY(m_model->index(1, Model::EventsColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("contact.created \u2014 A contact is added")));
    QCOMPARE(m_model->index(0, Model::HealthColumn).data().toString(), QStringLiteral("Waiting"));
    QCOMPARE(m_model->index(0, Model::LastDeliveryColumn).data().toString(),
             QStringLiteral("No deliveries yet"));
    QCOMPARE(m_model->index(0, Model::EnabledColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QVERIFY(m_model->index(0, 0).data(Model::HasSecretRole).toBool());
    const QStringList texts = everyText(*m_model);
    for (const QString &secret : {first.generatedSecret, second.generatedSecret})
        QVERIFY(std::none_of(texts.cbegin(), texts.cend(), [&secret](const QString &text) {
            return text.contains(secret) || text.contains(secret.mid(6, 12));
        }));
}

void WebhookEndpointModelTest::createUpdateRemoveThroughTheModel()
{
    load();
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    WebhookEndpointInput in = input(QStringLiteral("https://hooks.example.com/a"),
                                    {EventType::MessageReceived, EventType::MessageRead});
    in.description = QStringLiteral("Analytics");
    in.secretAction = WebhookEndpointInput::SecretAction::Generate;
    const auto created =
        waitFor<WebhookStore::Saved>([&](auto done) { m_model->create(in, std::move(done)); });
    QVERIFY(created && created->ok());
    QVERIFY(created->value().generatedSecret.startsWith(QStringLiteral("whsec_")));
    const qint64 id = created->value().endpoint.id;
    // The row is there when done runs, once (the engine's change signal does not add another).
    QCOMPARE(m_model->rowOf(id), 0);
    QTest::qWait(50);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, Model::DescriptionColumn).data().toString(),
             QStringLiteral("Analytics"));

    WebhookEndpointInput change;
    change.description = QStringLiteral("Warehouse");
    change.events = QStringList{EventType::CampaignCompleted};
    const auto updated = waitFor<WebhookStore::Saved>(
        [&](auto done) { m_model->update(id, change, std::move(done)); });
    QVERIFY(updated && updated->ok());
    QVERIFY(updated->value().generatedSecret.isEmpty());
    QCOMPARE(m_model->index(0, Model::DescriptionColumn).data().toString(),
             QStringLiteral("Warehouse"));
    QCOMPARE(m_model->index(0, Model::EventsColumn).data(Model::EventsRole).toStringList(),
             QStringList{EventType::CampaignCompleted});

    const auto removed = waitFor<qint64>([&](auto done) { m_model->remove(id, std::move(done)); });
    QVERIFY(removed && removed->ok());
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_engine->webhooks().get(id));
}

void WebhookEndpointModelTest::httpUrlIsRefusedWithTheFieldError()
{
    load();
    const auto refused = waitFor<WebhookStore::Saved>([&](auto done) {
        m_model->create(
            input(QStringLiteral("http://hooks.example.com/a"), {EventType::ContactCreated}),
            std::move(done));
    });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().kind(), DomainError::Kind::Validation);
    const auto field = refused->error().field(QStringLiteral("url"));
    QVERIFY(field);
    QVERIFY2(field->message.contains(QStringLiteral("https://hooks.example.com/a")),
             qPrintable(field->message));
    QCOMPARE(m_model->rowCount(), 0);
}

void WebhookEndpointModelTest::changesMadeElsewhereArriveLive()
{
    load();
    // As the REST API would: straight on the store, from another thread's point of view.
    const auto saved = storeCreate(QStringLiteral("https://api.example.com/hook"));
    QTRY_COMPARE(m_model->rowOf(saved.endpoint.id), 0);
    WebhookEndpointInput change;
    change.url = QStringLiteral("https://api.example.com/v2/hook");
    QVERIFY(m_engine->webhooks().update(saved.endpoint.id, change));
    QTRY_COMPARE(m_model->index(0, Model::UrlColumn).data().toString(),
                 QStringLiteral("https://api.example.com/v2/hook"));
    QVERIFY(m_engine->webhooks().remove(saved.endpoint.id));
    QTRY_COMPARE(m_model->rowCount(), 0);
}

void WebhookEndpointModelTest::enabledCheckBoxEnablesAndDisables()
{
    const auto saved = storeCreate(QStringLiteral("https://a.example.com/hook"));
    load();
    const QModelIndex enabled = m_model->index(0, Model::EnabledColumn);
    QVERIFY(m_model->flags(enabled).testFlag(Qt::ItemIsUserCheckable));
    QVERIFY(m_model->setData(enabled, Qt::Unchecked, Qt::CheckStateRole));
    QTRY_COMPARE(m_model->index(0, 0).data(Model::HealthRole).toInt(), int(Health::Inactive));
    QCOMPARE(m_model->index(0, Model::HealthColumn).data().toString(), QStringLiteral("Inactive"));
    QCOMPARE(m_model->countWithHealth(Health::Inactive), 1);
    const auto stored = m_engine->webhooks().get(saved.endpoint.id);
    QVERIFY(stored && !stored->enabled);
    QCOMPARE(stored->disabledReason, Model::adminDisabledReason());
    QVERIFY(m_model->index(0, Model::HealthColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(Model::adminDisabledReason()));
    QVERIFY(
        m_model->setData(m_model->index(0, Model::EnabledColumn), Qt::Checked, Qt::CheckStateRole));
    QTRY_COMPARE(m_model->index(0, 0).data(Model::EnabledRole).toBool(), true);
    // Only the Enabled column takes a check.
    QVERIFY(
        !m_model->setData(m_model->index(0, Model::UrlColumn), Qt::Unchecked, Qt::CheckStateRole));
}

void WebhookEndpointModelTest::attemptsUpdateHealthAndLastDelivery()
{
    const auto saved = storeCreate(m_receiver->url(QStringLiteral("/hook")).toString());
    load();
    emitContact(QStringLiteral("Grace Hopper"));
    QVERIFY(m_receiver->waitForCount(1));
    QTRY_COMPARE(m_model->index(0, 0).data(Model::HealthRole).toInt(), int(Health::Connected));
    QTRY_VERIFY(m_model->index(0, Model::LastDeliveryColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("200 \u00b7 ")));
    QVERIFY(!m_model->index(0, 0).data(Model::LastFailedRole).toBool());
    QCOMPARE(m_model->countWithHealth(Health::Connected), 1);
    Q_UNUSED(saved);
}

void WebhookEndpointModelTest::failedDeliveryShowsErrorWithWhatToDo()
{
    m_receiver->setDefaultResponse({503, {}, QByteArrayLiteral("down for maintenance")});
    storeCreate(m_receiver->url(QStringLiteral("/hook")).toString());
    load();
    emitContact(QStringLiteral("Failing Contact"));
    QVERIFY(m_receiver->waitForCount(1));
    QTRY_COMPARE(m_model->index(0, 0).data(Model::HealthRole).toInt(), int(Health::Error));
    QTRY_VERIFY(m_model->index(0, Model::LastDeliveryColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("503 \u00b7 ")));
    QVERIFY(m_model->index(0, 0).data(Model::LastFailedRole).toBool());
    const QString tip = m_model->index(0, Model::HealthColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("503")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("disabled automatically")), qPrintable(tip));
}

void WebhookEndpointModelTest::secretIsReadOnlyOnRequest()
{
    const auto saved = storeCreate(QStringLiteral("https://a.example.com/hook"));
    load();
    const auto secret = waitFor<QString>(
        [&](auto done) { m_model->loadSecret(saved.endpoint.id, std::move(done)); });
    QVERIFY(secret && secret->ok());
    QCOMPARE(secret->value(), saved.generatedSecret);
    const auto rotated = waitFor<WebhookStore::Saved>(
        [&](auto done) { m_model->rotateSecret(saved.endpoint.id, std::move(done)); });
    QVERIFY(rotated && rotated->ok());
    QVERIFY(rotated->value().generatedSecret.startsWith(QStringLiteral("whsec_")));
    QVERIFY(rotated->value().generatedSecret != saved.generatedSecret);
    QVERIFY(rotated->value().endpoint.previousSecretUntil.isValid());
    QVERIFY(m_model->index(0, Model::UrlColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("previous secret also signs")));
}

void WebhookEndpointModelTest::trustedCertificatesAddAndRemove()
{
    TrustedCertificateModel certificates(*m_engine);
    QAbstractItemModelTester tester(&certificates,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&certificates, &TrustedCertificateModel::loaded);
    certificates.refresh();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(certificates.rowCount(), 0);

    TestCa corporate(QStringLiteral("Example Corp Internal CA"));
    std::optional<DomainResult<TrustedCertificate>> added;
    certificates.add(corporate.caPem(),
                     [&added](const DomainResult<TrustedCertificate> &result) { added = result; });
    QTRY_VERIFY(added.has_value());
    QVERIFY2(added->ok(), added->ok() ? "" : qPrintable(added->error().message()));
    QTRY_COMPARE(certificates.rowCount(), 1);
    QVERIFY(certificates.index(0, TrustedCertificateModel::SubjectColumn)
                .data()
                .toString()
                .contains(QStringLiteral("Example Corp Internal CA")));
    QVERIFY(!certificates.index(0, TrustedCertificateModel::FingerprintColumn)
                 .data()
                 .toString()
                 .isEmpty());

    std::optional<DomainResult<TrustedCertificate>> garbage;
    certificates.add(
        QByteArrayLiteral("not a certificate"),
        [&garbage](const DomainResult<TrustedCertificate> &result) { garbage = result; });
    QTRY_VERIFY(garbage.has_value());
    QVERIFY(!garbage->ok());
    QVERIFY(!garbage->error().message().isEmpty());

    std::optional<DomainResult<qint64>> removed;
    certificates.remove(added->value().id,
                        [&removed](const DomainResult<qint64> &result) { removed = result; });
    QTRY_VERIFY(removed.has_value());
    QVERIFY(removed->ok());
    QTRY_COMPARE(certificates.rowCount(), 0);
}

QTEST_MAIN(WebhookEndpointModelTest)
#include "WebhookEndpointModelTest.moc"
