#include "TrustedCertificateModel.h"

#include "ApiKeyModel.h"
#include "WebhookStoreCall.h"
#include "core/Clock.h"
#include "core/Engine.h"

namespace botbat {

TrustedCertificateModel::TrustedCertificateModel(Engine &engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine)
{
    connect(&engine, &Engine::trustedCertificatesChanged, this, &TrustedCertificateModel::refresh);
}

QDateTime TrustedCertificateModel::now() const
{
    return m_engine.clock().now();
}

void TrustedCertificateModel::refresh()
{
    WebhookStoreCall::run(
        m_engine, this, [](WebhookStore &store) { return store.trustedCertificates(); },
        [this](const DomainResult<QList<TrustedCertificate>> &result) { onLoaded(result); });
}

void TrustedCertificateModel::onLoaded(const DomainResult<QList<TrustedCertificate>> &result)
{
    if (!result) {
        emit loadFailed(result.error().message());
        return;
    }
    const QList<TrustedCertificate> &fresh = result.value();
    // Merged row by row (the list is short), so the selection survives a refresh.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const qint64 id = m_rows.at(row).id;
        if (std::none_of(fresh.cbegin(), fresh.cend(),
                         [id](const TrustedCertificate &c) { return c.id == id; })) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    for (const TrustedCertificate &certificate : fresh) {
        const int row = rowOf(certificate.id);
        if (row >= 0) {
            m_rows[row] = certificate;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            continue;
        }
        const int position = int(m_rows.size());
        beginInsertRows({}, position, position);
        m_rows.append(certificate);
        endInsertRows();
    }
    m_loaded = true;
    emit loaded();
}

void TrustedCertificateModel::add(const QByteArray &pem, Callback<TrustedCertificate> done)
{
    WebhookStoreCall::run(
        m_engine, this, [pem](WebhookStore &store) { return store.addTrustedCertificate(pem); },
        [this, done = std::move(done)](const DomainResult<TrustedCertificate> &result) {
            if (result && rowOf(result->id) < 0) {
                const int position = int(m_rows.size());
                beginInsertRows({}, position, position);
                m_rows.append(result.value());
                endInsertRows();
            }
            done(result);
        });
}

void TrustedCertificateModel::remove(qint64 id, Callback<qint64> done)
{
    WebhookStoreCall::run(
        m_engine, this, [id](WebhookStore &store) { return store.removeTrustedCertificate(id); },
        [this, done = std::move(done)](const DomainResult<qint64> &result) {
            if (result) {
                const int row = rowOf(result.value());
                if (row >= 0) {
                    beginRemoveRows({}, row, row);
                    m_rows.removeAt(row);
                    endRemoveRows();
                }
            }
            done(result);
        });
}

int TrustedCertificateModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == id)
            return row;
    return -1;
}

int TrustedCertificateModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TrustedCertificateModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrustedCertificateModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrustedCertificate &certificate = m_rows.at(index.row());
    const bool expired = certificate.expiresAt.isValid() && certificate.expiresAt <= now();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SubjectColumn:
            return certificate.subject;
        case IssuerColumn:
            return certificate.issuer;
        case ExpiresColumn:
            return expired ? tr("%1 (expired)").arg(ApiKeyModel::localTime(certificate.expiresAt))
                           : ApiKeyModel::localTime(certificate.expiresAt);
        case FingerprintColumn:
            return certificate.sha256Fingerprint;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SubjectColumn:
            return tr("%1\nAdded %2")
                .arg(certificate.subject, ApiKeyModel::localTime(certificate.addedAt));
        case IssuerColumn:
            return certificate.issuer;
        case ExpiresColumn:
            return expired ? tr("Expired %1: endpoints whose certificate chains only to this CA "
                                "fail with a TLS error. Add the CA's renewed certificate.")
                                 .arg(ApiKeyModel::utcTime(certificate.expiresAt))
                           : ApiKeyModel::utcTime(certificate.expiresAt);
        case FingerprintColumn:
            return tr("SHA-256 fingerprint: compare it with the one your CA publishes.\n%1")
                .arg(certificate.sha256Fingerprint);
        }
        return {};
    case IdRole:
        return certificate.id;
    case ExpiresRole:
        return certificate.expiresAt;
    case ExpiredRole:
        return expired;
    case SubjectRole:
        return certificate.subject;
    }
    return {};
}

QVariant TrustedCertificateModel::headerData(int section, Qt::Orientation orientation,
                                             int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case IssuerColumn:
        return tr("Issuer");
    case ExpiresColumn:
        return tr("Expires");
    case FingerprintColumn:
        return tr("SHA-256 fingerprint");
    }
    return {};
}

Qt::ItemFlags TrustedCertificateModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> TrustedCertificateModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("certificateId"));
    names.insert(ExpiresRole, QByteArrayLiteral("expiresAt"));
    names.insert(ExpiredRole, QByteArrayLiteral("expired"));
    names.insert(SubjectRole, QByteArrayLiteral("subject"));
    return names;
}

} // namespace botbat
