#include "Contacts.h"

#include "DomainSql.h"
#include "DomainTable.h"
#include "InputValidator.h"
#include "core/Clock.h"
#include "core/Event.h"
#include "storage/Database.h"
#include "storage/SqlError.h"
#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace botbat {

namespace {

Contact fromRow(const QSqlQuery &query)
{
    Contact contact;
    contact.id = query.value(0).toLongLong();
    contact.name = query.value(1).toString();
    contact.email = DomainSql::optionalText(query.value(2));
    contact.phone = DomainSql::optionalText(query.value(3));
    contact.company = DomainSql::optionalText(query.value(4));
    contact.attributes = DomainSql::jsonObject(query.value(5));
    contact.createdAt = DomainSql::toTime(query.value(6));
    contact.updatedAt = DomainSql::toTime(query.value(7));
    return contact;
}

// Applies a normalized patch: no checks left to do.
Contact apply(Contact contact, const ContactPatch &patch)
{
    if (patch.name.hasValue())
        contact.name = patch.name.value();
    const auto set = [](std::optional<QString> &target, const PatchField<QString> &field) {
        if (field.hasValue())
            target = field.value();
        else if (field.isNull())
            target.reset();
    };
    set(contact.email, patch.email);
    set(contact.phone, patch.phone);
    set(contact.company, patch.company);
    if (patch.attributes.isPresent())
        contact.attributes = patch.attributes.value(); // {} when null
    return contact;
}

bool sameContent(const Contact &a, const Contact &b)
{
    return a.name == b.name && a.email == b.email && a.phone == b.phone && a.company == b.company &&
           a.attributes == b.attributes;
}

// The contact after a normalized patch, with a new updated_at, or none when the patch changes
// nothing: then there is nothing to write and no event.
std::optional<Contact> patched(const Contact &current, const ContactPatch &patch,
                               const Clock &clock)
{
    Contact next = apply(current, patch);
    if (sameContent(current, next))
        return std::nullopt;
    next.updatedAt = clock.now();
    return next;
}

// What a patch can change, in the order both the INSERT and the UPDATE bind it.
QVariantList content(const Contact &contact)
{
    return {contact.name, DomainSql::text(contact.email), DomainSql::text(contact.phone),
            DomainSql::text(contact.company), DomainSql::compactJson(contact.attributes)};
}

const QString kSave = QStringLiteral("save the contact");

} // namespace

Contacts::Contacts(const DomainContext &context) : m_context(context) {}

const DomainTable<Contact> &Contacts::table()
{
    static const DomainTable<Contact> contacts(
        QStringLiteral("contact"), QStringLiteral("contacts"),
        QStringLiteral("id, name, email, phone, company, attributes, created_at, updated_at"),
        &fromRow);
    return contacts;
}

std::optional<Contact> Contacts::find(QSqlDatabase &db, qint64 id, bool lock, QString *error)
{
    return table().find(db, id, lock, error);
}

ContactPatch Contacts::normalize(const ContactPatch &patch, InputValidator &check) const
{
    ContactPatch normalized;
    if (patch.name.isNull())
        check.addError(QStringLiteral("name"), QStringLiteral("required"),
                       QStringLiteral("cannot be cleared; every contact needs a name of 1 to %1 "
                                      "characters")
                           .arg(InputValidator::kNameMax));
    else if (patch.name.hasValue())
        normalized.name = check.requiredText(QStringLiteral("name"), patch.name.value(),
                                             InputValidator::kNameMax);
    // A blank optional text clears the field, as null does: forms send "" for an emptied box.
    const auto optional = [](const PatchField<QString> &field,
                             const auto &normalizeValue) -> PatchField<QString> {
        if (!field.isPresent())
            return {};
        if (field.isNull())
            return nullptr;
        const std::optional<QString> value = normalizeValue(field.value());
        if (!value)
            return nullptr;
        return *value;
    };
    normalized.email = optional(patch.email, [&](const QString &value) {
        return check.email(QStringLiteral("email"), value);
    });
    normalized.phone = optional(patch.phone, [&](const QString &value) {
        return check.phone(QStringLiteral("phone"), value);
    });
    normalized.company = optional(patch.company, [&](const QString &value) {
        return check.optionalText(QStringLiteral("company"), value, InputValidator::kCompanyMax);
    });
    if (patch.attributes.isNull())
        normalized.attributes = QJsonObject();
    else if (patch.attributes.hasValue())
        normalized.attributes =
            check.attributes(QStringLiteral("attributes"), patch.attributes.value());
    return normalized;
}

DomainResult<Contact> Contacts::create(const ContactInput &input)
{
    InputValidator check(m_context.defaultPhoneRegion);
    const ContactPatch patch = normalize(ContactPatch::fromInput(input), check);
    if (!check.ok())
        return check.error();
    Contact contact = apply(Contact(), patch);

    WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
    if (auto failure = DomainSql::begin(transaction, kSave))
        return *failure;
    if (auto failure = insert(transaction, contact))
        return *failure;
    if (auto failure =
            DomainSql::finish(transaction, EventType::ContactCreated, contact.toJson(), kSave))
        return *failure;
    return contact;
}

DomainResult<Contact> Contacts::get(qint64 id) const
{
    return table().get(m_context.database, id, QStringLiteral("read the contact"));
}

DomainResult<Contact> Contacts::update(qint64 id, const ContactPatch &patch)
{
    InputValidator check(m_context.defaultPhoneRegion);
    const ContactPatch normalized = normalize(patch, check);
    if (!check.ok())
        return check.error();

    const auto rules = [&](Contact &contact) -> DomainResult<RowChange> {
        std::optional<Contact> next = patched(contact, normalized, m_context.clock);
        if (!next)
            return RowChange::Unchanged; // nothing changed: no write, no event
        contact = std::move(*next);
        return RowChange::Changed;
    };
    const auto write = [this](WriteTransaction &transaction, const Contact &contact,
                              const QString &) { return store(transaction, contact); };
    return table().change(m_context, id, kSave, rules, write, EventType::ContactUpdated);
}

DomainResult<Contact> Contacts::remove(qint64 id)
{
    const auto erase = [](WriteTransaction &transaction, const Contact &contact,
                          const QString &action) {
        return DomainSql::write(transaction, action,
                                QStringLiteral("DELETE FROM contacts WHERE id = ?"), {contact.id});
    };
    // Every contact can be deleted, so there are no rules. Event.h has no contact.deleted type
    // yet, so a deletion is committed without an event.
    return table().change(m_context, id, QStringLiteral("delete the contact"), {}, erase,
                          QString());
}

DomainResult<Page<Contact>> Contacts::list(const PageQuery &page) const
{
    return table().list(m_context.database, page, QStringLiteral("list the contacts"));
}

DomainResult<ContactUpsert> Contacts::upsertByEmail(const ContactPatch &patch)
{
    InputValidator check(m_context.defaultPhoneRegion);
    if (!patch.email.hasValue() || patch.email.value().trimmed().isEmpty())
        check.addError(QStringLiteral("email"), QStringLiteral("required"),
                       QStringLiteral("is required to find the contact to create or update; "
                                      "give an email address"));
    const ContactPatch normalized = normalize(patch, check);
    if (!check.ok())
        return check.error();
    const QString email = normalized.email.value();

    // Two callers may create the same email at once; the loser of that race retries once and
    // then finds (and updates) the winner's contact.
    for (int attempt = 0;; ++attempt) {
        WriteTransaction transaction(m_context.database, &m_context.bus, m_context.clock);
        if (auto failure = DomainSql::begin(transaction, kSave))
            return *failure;
        QString error;
        const std::optional<Contact> current =
            table().find(transaction.db(), QStringLiteral("email = ?"), email, true, &error);
        if (!error.isEmpty())
            return DomainSql::abort(transaction, DomainError::storage(kSave, error));

        if (current) {
            const std::optional<Contact> next = patched(*current, normalized, m_context.clock);
            if (!next)
                return ContactUpsert{ContactUpsert::Outcome::Unchanged, *current};
            if (auto failure = store(transaction, *next))
                return *failure;
            if (auto failure = DomainSql::finish(transaction, EventType::ContactUpdated,
                                                 next->toJson(), kSave))
                return *failure;
            return ContactUpsert{ContactUpsert::Outcome::Updated, *next};
        }

        if (!normalized.name.hasValue()) {
            InputValidator missing;
            missing.addError(QStringLiteral("name"), QStringLiteral("required"),
                             QStringLiteral("is required to create a contact (no contact has "
                                            "the email %1 yet); enter 1 to %2 characters")
                                 .arg(email)
                                 .arg(InputValidator::kNameMax));
            return missing.error();
        }
        Contact contact = apply(Contact(), normalized);
        if (auto failure = insert(transaction, contact)) {
            if (failure->kind() == DomainError::Kind::Conflict && attempt == 0)
                continue;
            return *failure;
        }
        if (auto failure =
                DomainSql::finish(transaction, EventType::ContactCreated, contact.toJson(), kSave))
            return *failure;
        return ContactUpsert{ContactUpsert::Outcome::Created, contact};
    }
}

std::optional<DomainError> Contacts::emailTaken(QSqlDatabase &db,
                                                const std::optional<QString> &email,
                                                qint64 exceptId, const QString &action) const
{
    if (!email)
        return std::nullopt;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id FROM contacts WHERE email = ? AND id <> ?"));
    query.addBindValue(*email);
    query.addBindValue(exceptId);
    if (!query.exec())
        return DomainError::storage(action, sqlErrorText(query));
    if (!query.next())
        return std::nullopt;
    const qint64 existing = query.value(0).toLongLong();
    return DomainError::conflict(QStringLiteral("The email %1 is already used by contact %2; "
                                                "update that contact instead, or use another "
                                                "email address.")
                                     .arg(*email)
                                     .arg(existing),
                                 existing);
}

std::optional<DomainError> Contacts::conflictAfterRace(WriteTransaction &transaction,
                                                       const std::optional<QString> &email,
                                                       qint64 exceptId, const QString &action,
                                                       const QString &detail) const
{
    // A concurrent writer took the email between our check and our write. PostgreSQL has
    // aborted the transaction, so look the winner up outside it.
    transaction.rollback();
    QString error;
    QSqlDatabase db = m_context.database.connection(&error);
    if (db.isOpen()) {
        if (auto conflict = emailTaken(db, email, exceptId, action))
            return conflict;
    }
    return DomainSql::abort(transaction, DomainError::storage(action, detail));
}

std::optional<DomainError> Contacts::insert(WriteTransaction &transaction, Contact &contact) const
{
    if (auto conflict = emailTaken(transaction.db(), contact.email, 0, kSave))
        return conflict;
    contact.createdAt = contact.updatedAt = m_context.clock.now();
    if (auto failure = DomainSql::run(
            transaction,
            QStringLiteral("INSERT INTO contacts (name, email, phone, company, attributes, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            content(contact) + QVariantList{DomainSql::time(contact.createdAt),
                                            DomainSql::time(contact.updatedAt)},
            &contact.id)) {
        if (failure->uniqueViolation)
            return conflictAfterRace(transaction, contact.email, 0, kSave, failure->detail);
        return DomainError::storage(kSave, failure->detail);
    }
    return std::nullopt;
}

std::optional<DomainError> Contacts::store(WriteTransaction &transaction,
                                           const Contact &contact) const
{
    if (auto conflict = emailTaken(transaction.db(), contact.email, contact.id, kSave))
        return conflict;
    if (auto failure = DomainSql::run(
            transaction,
            QStringLiteral("UPDATE contacts SET name = ?, email = ?, phone = ?, company = ?, "
                           "attributes = ?, updated_at = ? WHERE id = ?"),
            content(contact) + QVariantList{DomainSql::time(contact.updatedAt), contact.id})) {
        if (failure->uniqueViolation)
            return conflictAfterRace(transaction, contact.email, contact.id, kSave,
                                     failure->detail);
        return DomainError::storage(kSave, failure->detail);
    }
    return std::nullopt;
}

} // namespace botbat
