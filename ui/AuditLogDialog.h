#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace botbat {

class AuditLogModel;

// The audit log of API keys: lifecycle (created, rotated, revoked, expired) and refused
// requests, newest first, with a filter for one or the other. Not modal, so an admin can keep
// it open beside the keys; it reads again when shown, on F5 and every 15 s while visible.
class AuditLogDialog : public QDialog
{
    Q_OBJECT
public:
    enum Filter
    {
        AllEvents,
        Lifecycle,
        FailedAuth
    };

    explicit AuditLogDialog(AuditLogModel &model, QWidget *parent = nullptr);

    void setFilter(Filter filter);
    QTreeView *table() const { return m_table; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void applyFilter();
    void updateState();

    AuditLogModel &m_model;
    QSortFilterProxyModel *m_proxy = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_loadOlder = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QTreeView *m_table = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace botbat
