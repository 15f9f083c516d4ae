#pragma once

#include "models/WebhookAttemptModel.h"
#include "models/WebhookEndpointModel.h"

#include <QPointer>
#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace botbat {

class ClipboardGuard;
class EmptyStatePage;
class Engine;
class PageActivity;
class PageHeader;
class TrustedCertificatesDialog;
class WarningBanner;
class WebhookDialog;

// The Webhooks tab: outgoing-webhook endpoints in a table that follows their health live, and
// below it the selected endpoint's recent delivery attempts (filter by outcome, resend one,
// retry all failed since a time, open one in full). Actions: Add Webhook, Edit, Enable/Disable,
// Send Test, Rotate Secret, Delete (asks first; the delivery log goes too) and the trusted CA
// certificates, from the toolbar, context menus and shortcuts. Endpoints can also change over
// the REST API (live, through engine signals) and from other engines on the same database, so
// the list is read again when the tab is shown, on F5 and every 15 s while it is visible.
class WebhooksPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 15 * 1000;

    explicit WebhooksPage(Engine &engine, QWidget *parent = nullptr);
    ~WebhooksPage() override;

    void refresh();

    WebhookEndpointModel &model() const { return *m_model; }
    WebhookAttemptModel &attemptModel() const { return *m_attempts; }
    ClipboardGuard &clipboardGuard() const { return *m_clipboard; }
    QTreeView *table() const { return m_table; }
    QTreeView *attemptsTable() const { return m_attemptsTable; }
    // The endpoint selected in the table, 0 when none.
    qint64 selectedEndpointId() const;
    void selectEndpoint(qint64 id);
    // The attempt selected in the attempts table, 0 when none.
    qint64 selectedAttemptId() const;

    // The actions, also reachable by shortcut: Ctrl+N, Enter, Ctrl+E, Ctrl+T, Ctrl+R, Delete.
    void addWebhook();
    void editSelected();
    void toggleSelectedEnabled();
    void sendTestSelected();
    void rotateSelectedSecret();
    void deleteSelected();
    void showTrustedCertificates();
    void resendSelectedAttempt();
    void retryFailedSince();
    void showAttemptDetails(qint64 attemptId);
    // The Test Connection wizard, on endpointId when not 0; a webhook it saves is selected.
    void testConnection(qint64 endpointId);
    // How long Send Test waits for the attempt (tests shorten it).
    void setSendTestTimeoutMs(int milliseconds) { m_testTimeoutMs = milliseconds; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void createActions();
    PageHeader *createHeader();
    QWidget *createToolbar();
    void createTable();
    QWidget *createAttemptsPanel();

    void updateActions();
    void updateView();
    void updateSummary();
    void updateAttemptsView();
    void onSelectionChanged();
    void showEndpointMenu(const QPoint &position);
    void showAttemptMenu(const QPoint &position);
    void showSecret(const WebhookStore::Saved &saved);
    WebhookEndpointModel::Callback<WebhookStore::Saved>
    whenSaved(WebhookDialog *dialog, const QString &failureTitle,
              std::function<QString(const WebhookStore::Saved &)> done);
    void resend(qint64 deliveryId);
    std::optional<WebhookEndpoint> selectedEndpoint() const;

    Engine &m_engine;
    WebhookEndpointModel *m_model;
    WebhookAttemptModel *m_attempts;
    ClipboardGuard *m_clipboard;
    QSortFilterProxyModel *m_proxy;
    QSortFilterProxyModel *m_attemptsProxy;
    QTimer *m_refreshTimer;

    QAction *m_addAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_toggleAction = nullptr;
    QAction *m_testAction = nullptr;
    QAction *m_testConnectionAction = nullptr;
    QAction *m_rotateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_certificatesAction = nullptr;
    QAction *m_detailsAction = nullptr;
    QAction *m_resendAction = nullptr;
    QAction *m_retryFailedAction = nullptr;

    WarningBanner *m_banner = nullptr;
    QLabel *m_summary = nullptr;
    PageHeader *m_header = nullptr;
    PageActivity *m_activity = nullptr;
    QStackedWidget *m_stack = nullptr;
    QSplitter *m_splitter = nullptr;
    QTreeView *m_table = nullptr;
    EmptyStatePage *m_empty = nullptr;
    QLabel *m_loading = nullptr;

    QLabel *m_attemptsTitle = nullptr;
    QComboBox *m_outcome = nullptr;
    QStackedWidget *m_attemptsStack = nullptr;
    QTreeView *m_attemptsTable = nullptr;
    QLabel *m_attemptsEmpty = nullptr;
    QLabel *m_attemptsCount = nullptr;
    QPushButton *m_loadMore = nullptr;

    QPointer<TrustedCertificatesDialog> m_certificates;
    qint64 m_shownEndpoint = 0;
    int m_testTimeoutMs;
};

} // namespace botbat
