#include "ui/ApiKeysPage.h"

#include "TestSupport.h"
#include "apikeys/ApiKeyScopes.h"
#include "apikeys/ApiKeyStore.h"
#include "core/Clock.h"
#include "core/Engine.h"
#include "models/AuditLogModel.h"
#include "ui/ApiKeyItemDelegate.h"
#include "ui/ClipboardGuard.h"
#include "ui/MainWindow.h"
#include "ui/RotateApiKeyDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <QtTest>
#include <memory>

using namespace botbat;

namespace {
using Model = ApiKeyModel;
using State = ApiKey::State;

// The first visible widget of type T named name under root (dialogs are the page's children).
template<typename T> T *visible(const QObject *root, const QString &name)
{
    const QList<T *> found = root->findChildren<T *>(name);
    for (T *widget : found)
        if (widget->isVisible())
            return widget;
    return nullptr;
}

void click(QWidget *widget)
{
    QVERIFY2(widget, "no such widget");
    QVERIFY2(widget->isVisible() && widget->isEnabled(), qPrintable(widget->objectName()));
    QTest::mouseClick(widget, Qt::LeftButton, {}, widget->rect().center());
}

// On the box, not the middle of a wide check box (which is outside its clickable text).
void clickCheck(QCheckBox *check)
{
    QVERIFY(check && check->isVisible());
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
}

QString checkName(const QString &scope)
{
    QString name = scope;
    name.replace(QLatin1Char(':'), QLatin1Char('_'));
    return QStringLiteral("scopeCheck_") + name;
}

// Everything any widget of the application shows or holds as text, including every role of
// every item view's model: where a key must never turn up once its dialog is closed.
QStringList everyVisibleText()
{
    QStringList texts;
    const QWidgetList widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        texts << widget->toolTip() << widget->windowTitle() << widget->accessibleName()
              << widget->statusTip() << widget->whatsThis();
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts << label->text();
        if (auto *edit = qobject_cast<QLineEdit *>(widget))
            texts << edit->text() << edit->placeholderText();
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts << button->text();
        if (auto *combo = qobject_cast<QComboBox *>(widget))
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model()) {
            const QAbstractItemModel *model = view->model();
            const QList<int> roles = model->roleNames().keys() + QList<int>{Qt::ToolTipRole};
            for (int row = 0; row < model->rowCount(); ++row)
                for (int column = 0; column < model->columnCount(); ++column)
                    for (int role : roles) {
                        const QVariant value = model->index(row, column).data(role);
                        texts << value.toString() << value.toStringList().join(u' ');
                    }
        }
    }
    return texts;
}

QModelIndex rowOf(const QTreeView *table, qint64 id)
{
    const QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(Model::IdRole).toLongLong() == id)
            return model->index(row, 0);
    return {};
}

QString cell(const QTreeView *table, qint64 id, int column, int role = Qt::DisplayRole)
{
    const QModelIndex row = rowOf(table, id);
    return row.isValid() ? row.siblingAtColumn(column).data(role).toString() : QString();
}

// Where the button for action is in the key's Actions cell, in viewport coordinates, found as a
// person finds it: in that row, under the Actions header.
QPoint rowButton(QTreeView *table, qint64 id, Model::Action action)
{
    const QModelIndex index = rowOf(table, id).siblingAtColumn(Model::ActionsColumn);
    if (!index.isValid())
        return {};
    table->scrollTo(index);
    const QRect cellRect = table->visualRect(index);
    if (!table->viewport()->rect().contains(cellRect))
        qWarning("The Actions cell is not fully visible");
    return ApiKeyItemDelegate::buttonRect(cellRect, action).center();
}
} // namespace

class ApiKeysPageTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void replacesTheEmptyStateWithAnHonestOne();
    void adminCreatesSeesOnceCopiesAndRevokes();
    void createDialogValidatesInline();
    void rotateShowsTheNewKeyAndGivesTheOldOneAnExpiry();
    void closingBeforeCopyingAsksFirst();
    void deleteKeyAsksAndCancelKeepsTheKey();
    void rowButtonsCopyRotateAndRevoke();
    void keysFromTheCommandLineAppearOnF5KeepingSelection();
    void lastUsedFollowsUseLive();
    void auditLogListsLifecycleAndFailedAuth();
    void clipboardGuardLeavesOtherContentAlone();
    void screenshots();

private:
    void startEngine(EngineConfig config);
    void openWindow();
    ApiKeysPage *showPage();
    ApiKeyStore::Created storeCreate(const QString &name, const QStringList &scopes,
                                     const QDateTime &expiresAt = {});
    QDialog *createThroughDialog(const QString &name, const QStringList &scopes);
    void selectRow(qint64 id);
    // A real request to the engine's REST API with key (any valid key may read the OpenAPI
    // document).
    test::HttpResult getOpenApi(const QString &key) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    ApiKeysPage *m_page = nullptr;
    QTreeView *m_table = nullptr;
};

void ApiKeysPageTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BotBat"));
    QCoreApplication::setApplicationName(QStringLiteral("botbat-console-test"));
    QSettings().clear();
}

void ApiKeysPageTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    startEngine(test::engineConfig(*m_dir));
}

void ApiKeysPageTest::cleanup()
{
    m_window.reset();
    m_engine.reset();
    m_clock.reset();
    m_dir.reset();
    m_page = nullptr;
    m_table = nullptr;
    QGuiApplication::clipboard()->clear();
    QSettings().clear();
}

void ApiKeysPageTest::startEngine(EngineConfig config)
{
    m_window.reset();
    m_engine = std::make_unique<Engine>(std::move(config));
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
}

void ApiKeysPageTest::openWindow()
{
    m_window = std::make_unique<MainWindow>(*m_engine);
    m_window->resize(1200, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_page = m_window->findChild<ApiKeysPage *>(QStringLiteral("apiKeysPage"));
    QVERIFY(m_page);
    m_table = m_page->findChild<QTreeView *>(QStringLiteral("apiKeysTable"));
    QVERIFY(m_table);
    // Tests wait a second, not half a minute, for the clipboard to be cleared.
    m_page->clipboardGuard().setClearAfterMs(1000);
}

ApiKeysPage *ApiKeysPageTest::showPage()
{
    if (!m_window)
        openWindow();
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    tabs->setCurrentWidget(m_page);
    if (!QTest::qWaitFor([this] { return m_page->model().isLoaded(); }, 5000))
        qWarning("The API keys did not load");
    return m_page;
}

ApiKeyStore::Created ApiKeysPageTest::storeCreate(const QString &name, const QStringList &scopes,
                                                  const QDateTime &expiresAt)
{
    QString error;
    const auto created =
        m_engine->apiKeys().create(name, scopes, expiresAt, QStringLiteral("cli"), &error);
    if (!created)
        qFatal("Cannot create a key: %s", qPrintable(error));
    return *created;
}

test::HttpResult ApiKeysPageTest::getOpenApi(const QString &key) const
{
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/v1/openapi.json").arg(m_engine->httpPort()));
    return test::httpRequest("GET", url, {},
                             {{QByteArrayLiteral("Authorization"),
                               QByteArray(QByteArrayLiteral("Bearer ") + key.toLatin1())}});
}

void ApiKeysPageTest::selectRow(qint64 id)
{
    QTRY_VERIFY(rowOf(m_table, id).isValid());
    const QModelIndex index = rowOf(m_table, id);
    m_table->scrollTo(index);
    QTest::mouseClick(m_table->viewport(), Qt::LeftButton, {}, m_table->visualRect(index).center());
    QTRY_COMPARE(m_page->selectedKeyId(), id);
}

// Fills the create dialog as an admin would and accepts it; returns the dialog showing the key.
QDialog *ApiKeysPageTest::createThroughDialog(const QString &name, const QStringList &scopes)
{
    auto *create = m_page->findChild<QToolButton *>(QStringLiteral("createKeyButton"));
    if (!create || !create->isVisible())
        return nullptr;
    QTest::mouseClick(create, Qt::LeftButton);
    QDialog *dialog = nullptr;
    if (!QTest::qWaitFor(
            [&] {
                return (dialog = visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog")));
            },
            5000))
        return nullptr;
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("createKeyConfirmButton"));
    auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("keyNameEdit"));
    if (!confirm || !nameEdit || confirm->isEnabled())
        return nullptr;
    QTest::keyClicks(nameEdit, name);
    for (const QString &scope : scopes) {
        auto *check = dialog->findChild<QCheckBox *>(checkName(scope));
        if (!check)
            return nullptr;
        clickCheck(check);
    }
    if (!confirm->isEnabled())
        return nullptr;
    QTest::mouseClick(confirm, Qt::LeftButton);
    QDialog *shown = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (shown = visible<QDialog>(m_page, QStringLiteral("newApiKeyDialog"))); },
            5000))
        return nullptr;
    return shown;
}

void ApiKeysPageTest::replacesTheEmptyStateWithAnHonestOne()
{
    showPage();
    auto *empty = m_page->findChild<QWidget *>(QStringLiteral("apiKeysEmptyState"));
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(!m_table->isVisible());
    auto *title = empty->findChild<QLabel *>(QStringLiteral("emptyStateTitle"));
    auto *text = empty->findChild<QLabel *>(QStringLiteral("emptyStateText"));
    QCOMPARE(title->text(), QStringLiteral("No API keys yet"));
    QVERIFY(text->text().startsWith(
        QStringLiteral("Create one to let other systems call the BotBat API")));
    QVERIFY(!text->text().contains(QStringLiteral("not available")));
    auto *button = empty->findChild<QPushButton *>(QStringLiteral("emptyStateCreateButton"));
    QVERIFY(button && button->isVisible() && button->isEnabled());

    // The toolbar: object names, tooltips, and the actions that need a key are off without one.
    for (const char *name : {"createKeyButton", "rotateKeyButton", "revokeKeyButton",
                             "copyPrefixButton", "auditLogButton"}) {
        auto *tool = m_page->findChild<QToolButton *>(QLatin1String(name));
        QVERIFY2(tool && tool->isVisible(), name);
        QVERIFY2(!tool->toolTip().isEmpty(), name);
    }
    QVERIFY(!m_page->findChild<QToolButton *>(QStringLiteral("rotateKeyButton"))->isEnabled());
    QVERIFY(!m_page->findChild<QToolButton *>(QStringLiteral("revokeKeyButton"))->isEnabled());
    QVERIFY(!m_page->findChild<QToolButton *>(QStringLiteral("copyPrefixButton"))->isEnabled());
    QCOMPARE(m_page->findChild<QAction *>(QStringLiteral("createKeyAction"))->shortcut(),
             QKeySequence(Qt::CTRL | Qt::Key_N));
    QCOMPARE(m_page->findChild<QAction *>(QStringLiteral("revokeKeyAction"))->shortcut(),
             QKeySequence(Qt::Key_Delete));

    // The empty state's own button opens the create dialog.
    click(button);
    QTRY_VERIFY(visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog")));
    visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog"))->reject();
}

void ApiKeysPageTest::adminCreatesSeesOnceCopiesAndRevokes()
{
    openWindow();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    // Open the tab as an admin would, then create with the keyboard.
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    // The tab's shortcuts belong to the tab: Ctrl+N on the Overview creates nothing.
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    QTest::qWait(100);
    QVERIFY(!visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog")));
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QTRY_COMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_page));
    QTRY_VERIFY(m_page->model().isLoaded());
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    QDialog *createDialog = nullptr;
    QTRY_VERIFY((createDialog = visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog"))));
    createDialog->reject();
    QTRY_VERIFY(!visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog")));

    QPointer<QDialog> shown = createThroughDialog(
        QStringLiteral("Zapier"), {ApiKeyScopes::ContactsRead, ApiKeyScopes::MessagesWrite});
    QVERIFY(shown);
    auto *keyEdit = shown->findChild<QLineEdit *>(QStringLiteral("newKeyEdit"));
    QVERIFY(keyEdit && keyEdit->isReadOnly());
    const QString key = keyEdit->text();
    QVERIFY2(key.startsWith(QStringLiteral("bbk_")) && key.size() == 44, qPrintable(key));
    QVERIFY(keyEdit->font().fixedPitch() || keyEdit->font().styleHint() == QFont::Monospace ||
            QFontInfo(keyEdit->font()).fixedPitch());
    auto *warning = shown->findChild<QWidget *>(QStringLiteral("newKeyWarning"));
    QVERIFY(warning && warning->isVisible());
    QStringList warningTexts;
    for (QLabel *label : warning->findChildren<QLabel *>())
        warningTexts << label->text();
    QVERIFY2(warningTexts.join(u' ').contains(QStringLiteral("cannot be shown again")),
             qPrintable(warningTexts.join(u' ')));
    QVERIFY(!shown->findChild<QWidget *>(QStringLiteral("rotationInfo")));

    // Exactly once: while the dialog is open, only its key field holds the key.
    const QStringList whileOpen = everyVisibleText();
    QCOMPARE(std::count_if(whileOpen.cbegin(), whileOpen.cend(),
                           [&key](const QString &text) { return text.contains(key); }),
             1);

    click(shown->findChild<QPushButton *>(QStringLiteral("copyKeyButton")));
    QCOMPARE(QGuiApplication::clipboard()->text(), key);
    auto *copied = shown->findChild<QLabel *>(QStringLiteral("copiedLabel"));
    QVERIFY(copied && copied->isVisible());
    QVERIFY(m_page->clipboardGuard().isPending());

    click(shown->findChild<QPushButton *>(QStringLiteral("closeKeyButton")));
    // Copied, so no question: the dialog closes and is gone.
    QTRY_VERIFY(shown.isNull());

    // The table shows the key by name and prefix, and nothing anywhere shows the key itself.
    const auto stored = m_engine->apiKeys().find(QStringLiteral("Zapier"), nullptr);
    QVERIFY(stored);
    QTRY_VERIFY(rowOf(m_table, stored->id).isValid());
    QVERIFY(m_table->isVisible());
    QCOMPARE(cell(m_table, stored->id, Model::StateColumn), QStringLiteral("Active"));
    QCOMPARE(cell(m_table, stored->id, Model::PrefixColumn),
             QString(key.left(12) + QStringLiteral("\u2026")));
    QCOMPARE(m_page->selectedKeyId(), stored->id); // the new key is selected
    for (const QString &text : everyVisibleText())
        QVERIFY2(!text.contains(key), "the full key is still shown somewhere");
    auto *message = m_page->findChild<QLabel *>(QStringLiteral("apiKeysMessage"));
    QVERIFY(message->text().contains(QStringLiteral("Zapier")));

    // The key works, and the table follows its use live (the engine reports uses in batches).
    QCOMPARE(getOpenApi(key).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(
        cell(m_table, stored->id, Model::LastUsedColumn) != QStringLiteral("Never"), 8000);

    // The clipboard is cleared after the (shortened) timeout.
    QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 5000);
    QVERIFY(!m_page->clipboardGuard().isPending());

    // Revoke, with the confirmation that names the key and says it is final.
    selectRow(stored->id);
    click(m_page->findChild<QToolButton *>(QStringLiteral("revokeKeyButton")));
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = visible<QMessageBox>(m_page, QStringLiteral("revokeConfirmation"))));
    QVERIFY2(confirm->text().contains(QStringLiteral("Zapier")), qPrintable(confirm->text()));
    QVERIFY(confirm->text().contains(stored->prefix));
    QVERIFY2(confirm->informativeText().contains(QStringLiteral("immediate and final")),
             qPrintable(confirm->informativeText()));
    // Enter and Escape both keep the key.
    QCOMPARE(confirm->defaultButton()->objectName(), QStringLiteral("cancelRevokeButton"));
    click(confirm->findChild<QPushButton *>(QStringLiteral("confirmRevokeButton")));

    QTRY_COMPARE(cell(m_table, stored->id, Model::StateColumn), QStringLiteral("Revoked"));
    QVERIFY(m_engine->apiKeys().get(stored->id)->revokedAt.isValid());
    QVERIFY(!m_page->findChild<QToolButton *>(QStringLiteral("revokeKeyButton"))->isEnabled());
    QVERIFY(!m_page->findChild<QToolButton *>(QStringLiteral("rotateKeyButton"))->isEnabled());

    // The revoked key is refused over real HTTP, from its very next request.
    const test::HttpResult answer = getOpenApi(key);
    QCOMPARE(answer.status, 401);
    QCOMPARE(answer.json()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             QStringLiteral("revoked_api_key"));
}

void ApiKeysPageTest::createDialogValidatesInline()
{
    showPage();
    click(m_page->findChild<QToolButton *>(QStringLiteral("createKeyButton")));
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog"))));
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("createKeyConfirmButton"));
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("keyNameEdit"));
    auto *nameMessage = dialog->findChild<QLabel *>(QStringLiteral("keyNameMessage"));
    auto *scopesMessage = dialog->findChild<QLabel *>(QStringLiteral("scopesMessage"));
    auto *all = dialog->findChild<QCheckBox *>(QStringLiteral("allScopesCheck"));
    QVERIFY(confirm && name && nameMessage && scopesMessage && all);
    QVERIFY(!confirm->isEnabled());

    // Typing and erasing a name says what is missing, next to the field.
    QTest::keyClicks(name, QStringLiteral("X"));
    QTest::keyClick(name, Qt::Key_Backspace);
    QVERIFY2(nameMessage->text().contains(QStringLiteral("Give the key a name")),
             qPrintable(nameMessage->text()));
    QTest::keyClicks(name, QStringLiteral("Nightly export"));
    QVERIFY(!confirm->isEnabled()); // still no scope

    // "All scopes" selects every scope; every scope has its description as tooltip.
    clickCheck(all);
    QCOMPARE(all->checkState(), Qt::Checked);
    for (const QString &scope : ApiKeyScopes::all()) {
        auto *check = dialog->findChild<QCheckBox *>(checkName(scope));
        QVERIFY(check && check->isChecked());
        QCOMPARE(check->toolTip(), ApiKeyScopes::describe(scope));
    }
    QVERIFY(confirm->isEnabled());
    clickCheck(all);
    QCOMPARE(all->checkState(), Qt::Unchecked);
    QVERIFY(!confirm->isEnabled());
    QVERIFY2(scopesMessage->text().contains(QStringLiteral("at least one")),
             qPrintable(scopesMessage->text()));
    auto *read = dialog->findChild<QCheckBox *>(checkName(ApiKeyScopes::ContactsRead));
    clickCheck(read);
    QCOMPARE(all->checkState(), Qt::PartiallyChecked);
    QVERIFY(confirm->isEnabled());

    // Expiry: presets and a custom date that only shows when chosen.
    auto *expiry = dialog->findChild<QComboBox *>(QStringLiteral("expiryCombo"));
    auto *date = dialog->findChild<QDateEdit *>(QStringLiteral("expiryDateEdit"));
    QVERIFY(expiry && date);
    QCOMPARE(expiry->currentText(), QStringLiteral("Never"));
    QVERIFY(!date->isVisible());
    expiry->setCurrentIndex(expiry->findText(QStringLiteral("In 30 days")));
    auto *hint = dialog->findChild<QLabel *>(QStringLiteral("expiryHint"));
    QVERIFY(hint->text().startsWith(QStringLiteral("Stops working")));
    expiry->setCurrentIndex(expiry->count() - 1);
    QVERIFY(date->isVisible());
    QVERIFY(date->minimumDate() > QDate::currentDate());

    // Cancel creates nothing.
    click(dialog->findChild<QPushButton *>(QStringLiteral("createKeyCancelButton")));
    QTRY_VERIFY(!visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog")));
    QVERIFY(m_engine->apiKeys().list().isEmpty());
}

void ApiKeysPageTest::rotateShowsTheNewKeyAndGivesTheOldOneAnExpiry()
{
    const auto old = storeCreate(QStringLiteral("Order system"),
                                 {ApiKeyScopes::ContactsWrite, ApiKeyScopes::MessagesWrite});
    showPage();
    selectRow(old.key.id);
    QCOMPARE(cell(m_table, old.key.id, Model::ExpiresColumn), QStringLiteral("Never"));
    click(m_page->findChild<QToolButton *>(QStringLiteral("rotateKeyButton")));

    QDialog *rotate = nullptr;
    QTRY_VERIFY((rotate = visible<QDialog>(m_page, QStringLiteral("rotateApiKeyDialog"))));
    auto *overlap = rotate->findChild<QComboBox *>(QStringLiteral("overlapCombo"));
    QVERIFY(overlap);
    QCOMPARE(overlap->currentText(), QStringLiteral("24 hours"));
    auto *end = rotate->findChild<QLabel *>(QStringLiteral("overlapEndLabel"));
    QVERIFY2(end->text().contains(QStringLiteral("in 24 hours")), qPrintable(end->text()));
    overlap->setCurrentIndex(overlap->findText(QStringLiteral("Custom\u2026")));
    auto *hours = rotate->findChild<QSpinBox *>(QStringLiteral("overlapHoursSpin"));
    QVERIFY(hours && hours->isVisible());
    hours->setValue(6);
    QVERIFY2(end->text().contains(QStringLiteral("in 6 hours")), qPrintable(end->text()));
    overlap->setCurrentIndex(overlap->findText(QStringLiteral("24 hours")));
    const QDateTime before = m_engine->clock().now();
    click(rotate->findChild<QPushButton *>(QStringLiteral("rotateKeyConfirmButton")));

    QPointer<QDialog> shown;
    QTRY_VERIFY((shown = visible<QDialog>(m_page, QStringLiteral("newApiKeyDialog"))));
    const QString key = shown->findChild<QLineEdit *>(QStringLiteral("newKeyEdit"))->text();
    QVERIFY(key.startsWith(QStringLiteral("bbk_")));
    QVERIFY(key != old.token);
    auto *info = shown->findChild<QLabel *>(QStringLiteral("rotationInfo"));
    QVERIFY(info && info->isVisible());
    QVERIFY2(info->text().contains(old.key.prefix) &&
                 info->text().contains(QStringLiteral("24 hours")),
             qPrintable(info->text()));
    // Ctrl+C in the key field copies through the clipboard guard too (and counts as copied).
    auto *keyEdit = shown->findChild<QLineEdit *>(QStringLiteral("newKeyEdit"));
    keyEdit->setFocus();
    keyEdit->selectAll();
    QTest::keyClick(keyEdit, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), key);
    QVERIFY(m_page->clipboardGuard().isPending());
    QCOMPARE(keyEdit->contextMenuPolicy(), Qt::NoContextMenu);
    click(shown->findChild<QPushButton *>(QStringLiteral("closeKeyButton")));
    QTRY_VERIFY(shown.isNull());

    // Two rows now; the new one is selected, the old one works until the overlap ends.
    QTRY_COMPARE(m_table->model()->rowCount(), 2);
    const qint64 newId = m_page->selectedKeyId();
    QVERIFY(newId != old.key.id);
    QCOMPARE(cell(m_table, newId, Model::NameColumn), QStringLiteral("Order system"));
    const QDateTime expires = rowOf(m_table, old.key.id).data(Model::ExpiresRole).toDateTime();
    QVERIFY(expires.isValid());
    QVERIFY(qAbs(before.addMSecs(ApiKeyStore::kDefaultOverlapMs).msecsTo(expires)) < 60 * 1000);
    QCOMPARE(cell(m_table, old.key.id, Model::StateColumn), QStringLiteral("Active"));
    QVERIFY(cell(m_table, old.key.id, Model::ExpiresColumn).contains(QStringLiteral("in ")));
    for (const QString &text : everyVisibleText())
        QVERIFY2(!text.contains(key), "the rotated key is still shown somewhere");
}

void ApiKeysPageTest::closingBeforeCopyingAsksFirst()
{
    showPage();
    QPointer<QDialog> shown =
        createThroughDialog(QStringLiteral("Reporting"), {ApiKeyScopes::AnalyticsRead});
    QVERIFY(shown);
    QTest::keyClick(shown, Qt::Key_Escape);
    QMessageBox *ask = nullptr;
    QTRY_VERIFY(
        (ask = visible<QMessageBox>(shown, QStringLiteral("closeWithoutCopyConfirmation"))));
    QVERIFY(ask->informativeText().contains(QStringLiteral("cannot be shown again")));
    click(ask->findChild<QPushButton *>(QStringLiteral("goBackButton")));
    QTRY_VERIFY(!visible<QMessageBox>(shown, QStringLiteral("closeWithoutCopyConfirmation")));
    QVERIFY(shown && shown->isVisible());

    click(shown->findChild<QPushButton *>(QStringLiteral("closeKeyButton")));
    QTRY_VERIFY(
        (ask = visible<QMessageBox>(shown, QStringLiteral("closeWithoutCopyConfirmation"))));
    click(ask->findChild<QPushButton *>(QStringLiteral("closeWithoutCopyButton")));
    QTRY_VERIFY(shown.isNull());
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
}

void ApiKeysPageTest::deleteKeyAsksAndCancelKeepsTheKey()
{
    const auto created = storeCreate(QStringLiteral("Keep me"), {ApiKeyScopes::ContactsRead});
    showPage();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    selectRow(created.key.id);
    m_table->setFocus();
    QTest::keyClick(m_table, Qt::Key_Delete);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = visible<QMessageBox>(m_page, QStringLiteral("revokeConfirmation"))));
    click(confirm->findChild<QPushButton *>(QStringLiteral("cancelRevokeButton")));
    QTRY_VERIFY(!visible<QMessageBox>(m_page, QStringLiteral("revokeConfirmation")));
    QTest::qWait(200);
    QVERIFY(!m_engine->apiKeys().get(created.key.id)->revokedAt.isValid());
    QCOMPARE(cell(m_table, created.key.id, Model::StateColumn), QStringLiteral("Active"));

    // The context menu offers the same actions.
    auto *revoke = m_page->findChild<QAction *>(QStringLiteral("revokeKeyAction"));
    QVERIFY(revoke && revoke->isEnabled());
    const QRect rect = m_table->visualRect(rowOf(m_table, created.key.id));
    emit m_table->customContextMenuRequested(rect.center());
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = visible<QMenu>(m_page, QStringLiteral("apiKeyContextMenu"))));
    QVERIFY(menu->actions().contains(revoke));
    QVERIFY(
        menu->actions().contains(m_page->findChild<QAction *>(QStringLiteral("rotateKeyAction"))));
    QVERIFY(
        menu->actions().contains(m_page->findChild<QAction *>(QStringLiteral("copyPrefixAction"))));
    menu->close();

    // Copy prefix puts only the prefix on the clipboard.
    click(m_page->findChild<QToolButton *>(QStringLiteral("copyPrefixButton")));
    QCOMPARE(QGuiApplication::clipboard()->text(), created.key.prefix);
}

void ApiKeysPageTest::rowButtonsCopyRotateAndRevoke()
{
    const auto zapier = storeCreate(QStringLiteral("Zapier"), {ApiKeyScopes::ContactsRead});
    const auto nightly =
        storeCreate(QStringLiteral("Nightly export"), {ApiKeyScopes::AnalyticsRead});
    showPage();
    QTRY_VERIFY(rowOf(m_table, zapier.key.id).isValid() &&
                rowOf(m_table, nightly.key.id).isValid());
    QCOMPARE(m_table->model()->headerData(Model::ActionsColumn, Qt::Horizontal).toString(),
             QStringLiteral("Actions"));
    // The buttons act on their own row, whatever is selected.
    selectRow(nightly.key.id);
    auto *viewport = m_table->viewport();

    // Each button says what it does, as a tooltip and to a screen reader.
    const QPoint copy = rowButton(m_table, zapier.key.id, Model::CopyPrefixAction);
    QHelpEvent help(QEvent::ToolTip, copy, viewport->mapToGlobal(copy));
    QApplication::sendEvent(viewport, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("Copy key prefix"));
    const QPoint revokeAt = rowButton(m_table, zapier.key.id, Model::RevokeAction);
    QHelpEvent revokeHelp(QEvent::ToolTip, revokeAt, viewport->mapToGlobal(revokeAt));
    QApplication::sendEvent(viewport, &revokeHelp);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("Revoke\u2026"));
    QToolTip::hideText();
    const QString accessible =
        cell(m_table, zapier.key.id, Model::ActionsColumn, Qt::AccessibleTextRole);
    QVERIFY2(accessible.contains(QStringLiteral("Copy key prefix")) &&
                 accessible.contains(QStringLiteral("Rotate\u2026")) &&
                 accessible.contains(QStringLiteral("Revoke\u2026")),
             qPrintable(accessible));

    // Copy: the prefix, never the key, and no clearing timer (the prefix is no secret).
    QTest::mouseClick(viewport, Qt::LeftButton, {}, copy);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), zapier.key.prefix);
    QVERIFY(!QGuiApplication::clipboard()->text().contains(zapier.token));
    QVERIFY(!m_page->clipboardGuard().isPending());
    QCOMPARE(m_page->selectedKeyId(), zapier.key.id);

    // Rotate opens the rotate dialog for that key; cancelling changes nothing.
    QTest::mouseClick(viewport, Qt::LeftButton, {},
                      rowButton(m_table, nightly.key.id, Model::RotateAction));
    QDialog *rotate = nullptr;
    QTRY_VERIFY((rotate = visible<QDialog>(m_page, QStringLiteral("rotateApiKeyDialog"))));
    auto *rotateDialog = qobject_cast<RotateApiKeyDialog *>(rotate);
    QVERIFY(rotateDialog);
    QCOMPARE(rotateDialog->keyId(), nightly.key.id);
    rotate->reject();
    QTRY_VERIFY(!visible<QDialog>(m_page, QStringLiteral("rotateApiKeyDialog")));
    QCOMPARE(m_engine->apiKeys().list(nullptr).size(), 2);

    // Revoke asks first, naming the key; confirming revokes it.
    selectRow(nightly.key.id);
    QTest::mouseClick(viewport, Qt::LeftButton, {},
                      rowButton(m_table, zapier.key.id, Model::RevokeAction));
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = visible<QMessageBox>(m_page, QStringLiteral("revokeConfirmation"))));
    QVERIFY2(confirm->text().contains(QStringLiteral("Zapier")), qPrintable(confirm->text()));
    QVERIFY(confirm->text().contains(zapier.key.prefix));
    QVERIFY(!m_engine->apiKeys().get(zapier.key.id)->revokedAt.isValid());
    click(confirm->findChild<QPushButton *>(QStringLiteral("confirmRevokeButton")));
    QTRY_COMPARE(cell(m_table, zapier.key.id, Model::StateColumn), QStringLiteral("Revoked"));
    QVERIFY(m_engine->apiKeys().get(zapier.key.id)->revokedAt.isValid());
    QVERIFY(!m_engine->apiKeys().get(nightly.key.id)->revokedAt.isValid());

    // A revoked key has no rotate or revoke button any more: clicking there does nothing.
    QCOMPARE(Model::Actions(rowOf(m_table, zapier.key.id)
                                .siblingAtColumn(Model::ActionsColumn)
                                .data(Model::ActionsRole)
                                .toInt()),
             Model::Actions(Model::CopyPrefixAction));
    QTest::mouseClick(viewport, Qt::LeftButton, {},
                      rowButton(m_table, zapier.key.id, Model::RevokeAction));
    QTest::mouseClick(viewport, Qt::LeftButton, {},
                      rowButton(m_table, zapier.key.id, Model::RotateAction));
    QTest::qWait(200);
    QVERIFY(!visible<QMessageBox>(m_page, QStringLiteral("revokeConfirmation")));
    QVERIFY(!visible<QDialog>(m_page, QStringLiteral("rotateApiKeyDialog")));
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(viewport, Qt::LeftButton, {},
                      rowButton(m_table, zapier.key.id, Model::CopyPrefixAction));
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), zapier.key.prefix);

    // The Actions header does not sort: the table stays newest first.
    QHeaderView *header = m_table->header();
    QTest::mouseClick(
        header->viewport(), Qt::LeftButton, {},
        QPoint(header->sectionViewportPosition(Model::ActionsColumn) + 10, header->height() / 2));
    QTest::qWait(100);
    QCOMPARE(header->sortIndicatorSection(), int(Model::CreatedColumn));
    QCOMPARE(rowOf(m_table, nightly.key.id).row(), 0);
}

void ApiKeysPageTest::keysFromTheCommandLineAppearOnF5KeepingSelection()
{
    const auto first = storeCreate(QStringLiteral("First"), {ApiKeyScopes::ContactsRead});
    showPage();
    selectRow(first.key.id);
    const auto second = storeCreate(QStringLiteral("From the CLI"), {ApiKeyScopes::ContactsRead});
    QString error;
    QVERIFY(m_engine->apiKeys().revoke(first.key.id, QStringLiteral("cli"), &error));

    auto *refresh = m_window->findChild<QAction *>(QStringLiteral("refreshAction"));
    QVERIFY(refresh);
    QCOMPARE(refresh->shortcut(), QKeySequence(Qt::Key_F5));
    refresh->trigger();
    QTRY_VERIFY(rowOf(m_table, second.key.id).isValid());
    QTRY_COMPARE(cell(m_table, first.key.id, Model::StateColumn), QStringLiteral("Revoked"));
    QCOMPARE(m_page->selectedKeyId(), first.key.id);
    auto *updated = m_page->findChild<QLabel *>(QStringLiteral("apiKeysUpdatedLabel"));
    QVERIFY(updated->text().startsWith(QStringLiteral("Updated")));
}

void ApiKeysPageTest::lastUsedFollowsUseLive()
{
    const auto created = storeCreate(QStringLiteral("Zapier"), {ApiKeyScopes::ContactsRead});
    showPage();
    QTRY_COMPARE(cell(m_table, created.key.id, Model::LastUsedColumn), QStringLiteral("Never"));
    const qint64 now = m_engine->clock().nowMs();
    QVERIFY(m_engine->apiKeys().storeLastUsed({{created.key.id, now}}));
    emit m_engine->apiKeysUsed({{created.key.id, now}});
    QCOMPARE(cell(m_table, created.key.id, Model::LastUsedColumn),
             ApiKeyModel::localTime(QDateTime::fromMSecsSinceEpoch(now)));
}

void ApiKeysPageTest::auditLogListsLifecycleAndFailedAuth()
{
    const auto created = storeCreate(QStringLiteral("Zapier"), {ApiKeyScopes::ContactsRead});
    QString error;
    QVERIFY(m_engine->apiKeys().rotate(created.key.id, 3600 * 1000, QStringLiteral("cli"), &error));
    QVERIFY(m_engine->apiKeys().revoke(created.key.id, QStringLiteral("console"), &error));
    showPage();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);

    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visible<QDialog>(m_page, QStringLiteral("auditLogDialog"))));
    auto *table = dialog->findChild<QTreeView *>(QStringLiteral("auditLogTable"));
    QVERIFY(table);
    QTRY_COMPARE(table->model()->rowCount(), 4);
    QStringList actions;
    for (int row = 0; row < 4; ++row)
        actions << table->model()->index(row, AuditLogModel::ActionColumn).data().toString();
    QCOMPARE(actions, (QStringList{QStringLiteral("Revoked"), QStringLiteral("Rotated"),
                                   QStringLiteral("Created"), QStringLiteral("Created")}));
    QCOMPARE(table->model()->index(0, AuditLogModel::KeyNameColumn).data().toString(),
             QStringLiteral("Zapier"));

    // Failed authentication: time, client address and key prefix, never a key.
    QVERIFY(m_engine->apiKeys().recordAuthFailure(
        QStringLiteral("198.51.100.20"), created.key.prefix, QStringLiteral("revoked_api_key")));
    auto *filter = dialog->findChild<QComboBox *>(QStringLiteral("auditFilterCombo"));
    filter->setCurrentIndex(filter->findText(QStringLiteral("Failed authentication")));
    auto *empty = dialog->findChild<QLabel *>(QStringLiteral("auditEmptyLabel"));
    QTRY_VERIFY(empty->isVisible() || table->model()->rowCount() == 1);
    click(dialog->findChild<QPushButton *>(QStringLiteral("auditRefreshButton")));
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, AuditLogModel::ClientColumn).data().toString(),
             QStringLiteral("198.51.100.20"));
    filter->setCurrentIndex(filter->findText(QStringLiteral("Key lifecycle")));
    QCOMPARE(table->model()->rowCount(), 4);

    // A change made in the console shows up at once while the log is open.
    const auto other = storeCreate(QStringLiteral("Other"), {ApiKeyScopes::ContactsRead});
    m_page->refresh();
    QTRY_VERIFY(m_page->model().rowOf(other.key.id) >= 0);
    std::optional<ApiKeyModel::Outcome> outcome;
    m_page->model().revokeKey(other.key.id,
                              [&outcome](const ApiKeyModel::Outcome &result) { outcome = result; });
    QTRY_VERIFY(outcome.has_value());
    QTRY_COMPARE(table->model()->rowCount(), 6);
    QCOMPARE(table->model()->index(0, AuditLogModel::ActorColumn).data().toString(),
             QStringLiteral("console"));
}

void ApiKeysPageTest::clipboardGuardLeavesOtherContentAlone()
{
    ClipboardGuard guard;
    guard.setClearAfterMs(300);
    QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
    guard.copySecret(QStringLiteral("bbk_secret"));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("bbk_secret"));
    // The user copies something else before the timer runs out: that stays.
    QGuiApplication::clipboard()->setText(QStringLiteral("a note"));
    QTest::qWait(600);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("a note"));
    QCOMPARE(cleared.size(), 0);

    guard.copySecret(QStringLiteral("bbk_secret"));
    QVERIFY(cleared.wait(2000));
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());

    // Closing the console clears a secret still waiting.
    {
        ClipboardGuard closing;
        closing.copySecret(QStringLiteral("bbk_other"));
    }
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
}

// Not a check: with BOTBAT_SCREENSHOT_DIR set, saves PNGs of the API Keys tab and its dialogs.
void ApiKeysPageTest::screenshots()
{
    const QString directory = qEnvironmentVariable("BOTBAT_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("Set BOTBAT_SCREENSHOT_DIR to save screenshots.");
    QVERIFY(QDir().mkpath(directory));
    auto save = [&directory](QWidget *widget, const QString &name) {
        QCoreApplication::processEvents();
        const QString file = QDir(directory).filePath(name + QStringLiteral(".png"));
        if (!widget->grab().save(file))
            qWarning("Cannot save %s", qPrintable(file));
    };

    // Two months of history on a manual clock, ending now.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_clock = std::make_shared<ManualClock>(now.addDays(-64));
    EngineConfig config = test::engineConfig(*m_dir);
    config.clock = m_clock;
    startEngine(config);

    showPage();
    save(m_window.get(), QStringLiteral("api-keys-0-empty"));

    auto &store = m_engine->apiKeys();
    QString error;
    const auto portal =
        storeCreate(QStringLiteral("Old partner portal"), {ApiKeyScopes::ContactsRead});
    m_clock->advance(2LL * 24 * 3600 * 1000);
    const auto legacy = storeCreate(QStringLiteral("Legacy CRM import"),
                                    {ApiKeyScopes::ContactsWrite}, m_clock->now().addDays(30));
    QVERIFY(store.storeLastUsed({{legacy.key.id, m_clock->now().addDays(20).toMSecsSinceEpoch()}}));
    m_clock->advance(5LL * 24 * 3600 * 1000);
    const auto marketing = storeCreate(QStringLiteral("Marketing site"),
                                       {ApiKeyScopes::ContactsWrite, ApiKeyScopes::MessagesWrite});
    m_clock->advance(20LL * 24 * 3600 * 1000);
    QVERIFY(store.revoke(marketing.key.id, QStringLiteral("console"), &error));
    const auto orders = storeCreate(QStringLiteral("Order system"),
                                    {ApiKeyScopes::ContactsWrite, ApiKeyScopes::MessagesWrite,
                                     ApiKeyScopes::ConversationsWrite});
    m_clock->advance(30LL * 24 * 3600 * 1000);
    const auto zapier = storeCreate(QStringLiteral("Zapier"), ApiKeyScopes::all());
    const auto nightly = storeCreate(QStringLiteral("Nightly export"),
                                     {ApiKeyScopes::ContactsRead, ApiKeyScopes::AnalyticsRead},
                                     m_clock->now().addDays(90));
    m_clock->set(now.addSecs(-3 * 3600));
    QVERIFY(
        store.rotate(orders.key.id, ApiKeyStore::kDefaultOverlapMs, QStringLiteral("cli"), &error));
    store.auditNewlyExpired();
    m_clock->set(now);
    QVERIFY(store.storeLastUsed({{zapier.key.id, now.addSecs(-40).toMSecsSinceEpoch()},
                                 {nightly.key.id, now.addSecs(-6 * 3600).toMSecsSinceEpoch()},
                                 {orders.key.id, now.addSecs(-600).toMSecsSinceEpoch()}}));
    QVERIFY(store.recordAuthFailure(QStringLiteral("203.0.113.7"), marketing.key.prefix,
                                    QStringLiteral("revoked_api_key")));
    QVERIFY(store.recordAuthFailure(QStringLiteral("198.51.100.23"), QString(),
                                    QStringLiteral("malformed_api_key")));
    Q_UNUSED(portal);

    m_page->refresh();
    QTRY_COMPARE(m_table->model()->rowCount(), 7);
    selectRow(zapier.key.id);
    save(m_window.get(), QStringLiteral("api-keys-1-table"));
    // The pointer on a row's revoke button: the hover look of the Actions column.
    QTest::mouseMove(m_table->viewport(), rowButton(m_table, nightly.key.id, Model::RevokeAction));
    save(m_window.get(), QStringLiteral("api-keys-1b-row-button-hover"));
    QTest::mouseMove(m_table->viewport(), QPoint(5, m_table->viewport()->height() - 5));

    click(m_page->findChild<QToolButton *>(QStringLiteral("createKeyButton")));
    QDialog *create = nullptr;
    QTRY_VERIFY((create = visible<QDialog>(m_page, QStringLiteral("createApiKeyDialog"))));
    QTest::keyClicks(create->findChild<QLineEdit *>(QStringLiteral("keyNameEdit")),
                     QStringLiteral("Helpdesk integration"));
    for (const QString &scope : {ApiKeyScopes::ContactsRead, ApiKeyScopes::ConversationsWrite,
                                 ApiKeyScopes::MessagesWrite}) {
        clickCheck(create->findChild<QCheckBox *>(checkName(scope)));
    }
    auto *expiry = create->findChild<QComboBox *>(QStringLiteral("expiryCombo"));
    expiry->setCurrentIndex(expiry->findText(QStringLiteral("In 90 days")));
    save(create, QStringLiteral("api-keys-2-create-dialog"));
    click(create->findChild<QPushButton *>(QStringLiteral("createKeyConfirmButton")));
    QPointer<QDialog> shown;
    QTRY_VERIFY((shown = visible<QDialog>(m_page, QStringLiteral("newApiKeyDialog"))));
    save(shown, QStringLiteral("api-keys-3-new-key-dialog"));
    click(shown->findChild<QPushButton *>(QStringLiteral("copyKeyButton")));
    save(shown, QStringLiteral("api-keys-4-new-key-copied"));
    click(shown->findChild<QPushButton *>(QStringLiteral("closeKeyButton")));
    QTRY_VERIFY(shown.isNull());

    selectRow(zapier.key.id);
    click(m_page->findChild<QToolButton *>(QStringLiteral("rotateKeyButton")));
    QDialog *rotate = nullptr;
    QTRY_VERIFY((rotate = visible<QDialog>(m_page, QStringLiteral("rotateApiKeyDialog"))));
    save(rotate, QStringLiteral("api-keys-5-rotate-dialog"));
    click(rotate->findChild<QPushButton *>(QStringLiteral("rotateKeyConfirmButton")));
    QTRY_VERIFY((shown = visible<QDialog>(m_page, QStringLiteral("newApiKeyDialog"))));
    save(shown, QStringLiteral("api-keys-6-new-key-after-rotation"));
    click(shown->findChild<QPushButton *>(QStringLiteral("closeKeyButton")));
    QMessageBox *ask = nullptr;
    QTRY_VERIFY(
        (ask = visible<QMessageBox>(shown, QStringLiteral("closeWithoutCopyConfirmation"))));
    save(ask, QStringLiteral("api-keys-7-close-without-copy"));
    click(ask->findChild<QPushButton *>(QStringLiteral("closeWithoutCopyButton")));
    QTRY_VERIFY(shown.isNull());

    selectRow(nightly.key.id);
    click(m_page->findChild<QToolButton *>(QStringLiteral("revokeKeyButton")));
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = visible<QMessageBox>(m_page, QStringLiteral("revokeConfirmation"))));
    save(confirm, QStringLiteral("api-keys-8-revoke-confirmation"));
    click(confirm->findChild<QPushButton *>(QStringLiteral("cancelRevokeButton")));
    QTRY_VERIFY(!visible<QMessageBox>(m_page, QStringLiteral("revokeConfirmation")));
    save(m_window.get(), QStringLiteral("api-keys-9-table-after-rotation"));

    click(m_page->findChild<QToolButton *>(QStringLiteral("auditLogButton")));
    QDialog *audit = nullptr;
    QTRY_VERIFY((audit = visible<QDialog>(m_page, QStringLiteral("auditLogDialog"))));
    auto *auditTable = audit->findChild<QTreeView *>(QStringLiteral("auditLogTable"));
    QTRY_VERIFY(auditTable->model()->rowCount() >= 10);
    save(audit, QStringLiteral("api-keys-10-audit-log"));
    auto *filter = audit->findChild<QComboBox *>(QStringLiteral("auditFilterCombo"));
    filter->setCurrentIndex(filter->findText(QStringLiteral("Failed authentication")));
    save(audit, QStringLiteral("api-keys-11-audit-log-failed-auth"));
    audit->close();

    m_window->resize(m_window->minimumSize());
    save(m_window.get(), QStringLiteral("api-keys-12-minimum-size"));
    QTest::mouseMove(m_table->viewport(), rowButton(m_table, nightly.key.id, Model::RotateAction));
    save(m_window.get(), QStringLiteral("api-keys-13-minimum-size-button-hover"));
}

QTEST_MAIN(ApiKeysPageTest)
#include "ApiKeysPageTest.moc"
