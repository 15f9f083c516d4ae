#pragma once

#include "alerts/Alert.h"

#include <QAbstractListModel>
#include <QList>

namespace botbat {

class Engine;

// The Overview's recent alerts, newest first, and how many are unread. Loaded on the engine's
// worker thread (Engine::runInBackground); new alerts arrive with Engine::alertRaised and go on
// top at once, so the badge moves the moment a notification is shown.
class AlertListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kMaxRows = 50;

    enum Role
    {
        IdRole = Qt::UserRole + 1, // qint64
        KindRole,                  // Alert::Kind as int
        SourceIdRole,              // qint64: the webhook endpoint's id
        IntegrationNameRole,
        ReasonRole,
        FailuresRole,
        RaisedAtRole, // UTC QDateTime
        UnreadRole,   // bool
    };
    Q_ENUM(Role)

    explicit AlertListModel(Engine &engine, QObject *parent = nullptr);

    void refresh();
    // Marks every alert as read; the count drops to 0 once the engine has stored it.
    void markAllRead();

    int unreadCount() const { return m_unread; }
    bool isLoaded() const { return m_loaded; }
    QString lastError() const { return m_error; }
    Alert alertAt(int row) const { return m_rows.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void unreadCountChanged(int count);
    // A load or mark-as-read failed: what happened and what to do.
    void failed(const QString &message);
    void loaded();

private:
    struct Loaded
    {
        QList<Alert> rows;
        int unread = 0;
        QString error;
    };

    void onLoaded(const Loaded &result);
    void onRaised(const Alert &alert);
    void setUnread(int count);

    Engine &m_engine;
    QList<Alert> m_rows;
    int m_unread = 0;
    bool m_loaded = false;
    QString m_error;
};

} // namespace botbat
