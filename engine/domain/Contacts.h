#pragma once

#include "Contact.h"
#include "ContactInput.h"
#include "ContactPatch.h"
#include "ContactUpsert.h"
#include "DomainContext.h"
#include "DomainResult.h"
#include "Page.h"
#include "PageQuery.h"

#include <QSqlDatabase>

namespace botbat {

class InputValidator;
class WriteTransaction;
template<typename T> class DomainTable;

// The contacts part of the domain (see Domain for the contract of each operation).
class Contacts
{
public:
    explicit Contacts(const DomainContext &context);

    DomainResult<Contact> create(const ContactInput &input);
    DomainResult<Contact> get(qint64 id) const;
    DomainResult<Contact> update(qint64 id, const ContactPatch &patch);
    DomainResult<Contact> remove(qint64 id);
    DomainResult<Page<Contact>> list(const PageQuery &page) const;
    DomainResult<ContactUpsert> upsertByEmail(const ContactPatch &patch);

    // The contact with this id, or none; *error is set only when the query failed.
    static std::optional<Contact> find(QSqlDatabase &db, qint64 id, bool lock, QString *error);
    // The contacts table, for the parts of the domain that look contacts up.
    static const DomainTable<Contact> &table();

private:
    enum class UpsertStep
    {
        Done,
        Retry
    };

    ContactPatch normalize(const ContactPatch &patch, InputValidator &check) const;
    std::optional<DomainError> insert(WriteTransaction &transaction, Contact &contact) const;
    std::optional<DomainError> store(WriteTransaction &transaction, const Contact &contact) const;
    std::optional<DomainError> emailTaken(QSqlDatabase &db, const std::optional<QString> &email,
                                          qint64 exceptId, const QString &action) const;
    std::optional<DomainError> conflictAfterRace(WriteTransaction &transaction,
                                                 const std::optional<QString> &email,
                                                 qint64 exceptId, const QString &action,
                                                 const QString &detail) const;

    const DomainContext &m_context;
};

} // namespace botbat
