#pragma once

#include "models/ApiKeyModel.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace botbat {

class AuditLogDialog;
class AuditLogModel;
class ClipboardGuard;
class EmptyStatePage;
class Engine;
class PageActivity;
class PageHeader;
class WarningBanner;

// The API Keys tab: the keys in a table that follows their use live, and the actions on them
// (create, rotate, revoke, copy prefix) from each row's Actions column, a toolbar, a context
// menu and shortcuts. Keys can
// also change from the command line on the same database, so the list is read again when the
// tab is shown, on F5 and every 15 s while it is visible, keeping the selection.
class ApiKeysPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 15 * 1000;

    explicit ApiKeysPage(Engine &engine, QWidget *parent = nullptr);
    ~ApiKeysPage() override;

    void refresh();

    ApiKeyModel &model() const { return *m_model; }
    AuditLogModel &auditModel() const { return *m_auditModel; }
    ClipboardGuard &clipboardGuard() const { return *m_clipboard; }
    QTreeView *table() const { return m_table; }
    // The key selected in the table, 0 when none.
    qint64 selectedKeyId() const;
    void selectKey(qint64 id);

    // The actions, also reachable by shortcut: Ctrl+N, Ctrl+R, Delete, Ctrl+C, Ctrl+L.
    void createKey();
    void rotateSelected();
    void revokeSelected();
    void copySelectedPrefix();
    void showAuditLog();
    // A button in the Actions column: selects the key's row, then does what the toolbar does.
    void triggerRowAction(ApiKeyModel::Action action, qint64 keyId);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void createActions();
    PageHeader *createHeader();
    QWidget *createToolbar();
    void createTable();

    void updateActions();
    void updateView();
    void updateSummary();
    void showContextMenu(const QPoint &position);
    void showNewKey(const ApiKeyModel::Outcome &outcome);
    template<typename Dialog>
    ApiKeyModel::Callback whenKeyIssued(Dialog *dialog, const QString &failureTitle);
    std::optional<ApiKey> selectedKey() const;

    ApiKeyModel *m_model;
    AuditLogModel *m_auditModel;
    ClipboardGuard *m_clipboard;
    QSortFilterProxyModel *m_proxy;
    QTimer *m_refreshTimer;

    QAction *m_createAction = nullptr;
    QAction *m_rotateAction = nullptr;
    QAction *m_revokeAction = nullptr;
    QAction *m_copyPrefixAction = nullptr;
    QAction *m_auditLogAction = nullptr;

    WarningBanner *m_banner = nullptr;
    QLabel *m_summary = nullptr;
    PageHeader *m_header = nullptr;
    PageActivity *m_activity = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeView *m_table = nullptr;
    EmptyStatePage *m_empty = nullptr;
    QLabel *m_loading = nullptr;
    QPointer<AuditLogDialog> m_auditLog;
    int m_sortColumn = ApiKeyModel::CreatedColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace botbat
