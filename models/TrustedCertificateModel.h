#pragma once

#include "domain/DomainResult.h"
#include "webhooks/TrustedCertificate.h"

#include <QAbstractTableModel>
#include <QList>
#include <functional>

namespace botbat {

class Engine;

// The extra CA certificates webhook endpoints may chain to (e.g. a corporate CA), as the
// Trusted Certificates dialog lists them. Follows Engine::trustedCertificatesChanged, so a
// change from another console or the API shows at once.
class TrustedCertificateModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SubjectColumn,
        IssuerColumn,
        ExpiresColumn,
        FingerprintColumn,
        ColumnCount
    };

    enum Role
    {
        IdRole = Qt::UserRole + 1, // qint64
        ExpiresRole,               // UTC QDateTime
        ExpiredRole,               // bool
        SubjectRole,
    };
    Q_ENUM(Role)

    template<typename T> using Callback = std::function<void(const DomainResult<T> &)>;

    explicit TrustedCertificateModel(Engine &engine, QObject *parent = nullptr);

    void refresh();
    bool isLoaded() const { return m_loaded; }
    // pem: one or more PEM certificates, as read from a file.
    void add(const QByteArray &pem, Callback<TrustedCertificate> done);
    void remove(qint64 id, Callback<qint64> done);

    int rowOf(qint64 id) const;
    TrustedCertificate certificateAt(int row) const { return m_rows.at(row); }
    QDateTime now() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void loaded();
    void loadFailed(const QString &error);

private:
    void onLoaded(const DomainResult<QList<TrustedCertificate>> &result);

    Engine &m_engine;
    QList<TrustedCertificate> m_rows;
    bool m_loaded = false;
};

} // namespace botbat
