#include "ContactRoutes.h"

#include "ApiRoutes.h"
#include "DomainJson.h"
#include "ListQuery.h"
#include "RouteSupport.h"
#include "apikeys/ApiKeyScopes.h"
#include "domain/Domain.h"

namespace botbat {

namespace {
using Method = QHttpServerRequest::Method;
const QString kContact = QStringLiteral("contact");

QString location(qint64 id)
{
    return QStringLiteral("/v1/contacts/%1").arg(id);
}
} // namespace

void ContactRoutes::install(ApiRoutes &api, Domain &domain)
{
    const auto bind = [&domain](RouteSupport::DomainHandler handler) {
        return RouteSupport::bind(domain, handler);
    };
    api.add(Method::Get, QStringLiteral("/v1/contacts"), ApiKeyScopes::ContactsRead, bind(list));
    api.add(Method::Post, QStringLiteral("/v1/contacts"), ApiKeyScopes::ContactsWrite,
            bind(create));
    api.add(Method::Get, QStringLiteral("/v1/contacts/{id}"), ApiKeyScopes::ContactsRead,
            bind(get));
    api.add(Method::Patch, QStringLiteral("/v1/contacts/{id}"), ApiKeyScopes::ContactsWrite,
            bind(update));
    api.add(Method::Delete, QStringLiteral("/v1/contacts/{id}"), ApiKeyScopes::ContactsWrite,
            bind(remove));
    api.add(Method::Put, QStringLiteral("/v1/contacts/by-email/{email}"),
            ApiKeyScopes::ContactsWrite, bind(upsert));
}

QHttpServerResponse ContactRoutes::create(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withBody(call, [&domain](const QJsonObject &body) {
        const DomainResult<ContactInput> input = DomainJson::contactInput(body);
        if (!input)
            return ApiRoutes::domainError(input.error());
        const DomainResult<Contact> contact = domain.createContact(input.value());
        if (!contact)
            return ApiRoutes::domainError(contact.error());
        return RouteSupport::created(contact->toJson(), location(contact->id));
    });
}

QHttpServerResponse ContactRoutes::get(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(
        call, kContact, [&domain](qint64 id) { return RouteSupport::of(domain.getContact(id)); });
}

QHttpServerResponse ContactRoutes::update(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(call, kContact, [&domain, &call](qint64 id) {
        return RouteSupport::withBody(call, [&domain, id](const QJsonObject &body) {
            const DomainResult<ContactPatch> patch = DomainJson::contactPatch(body);
            if (!patch)
                return ApiRoutes::domainError(patch.error());
            return RouteSupport::of(domain.updateContact(id, patch.value()));
        });
    });
}

QHttpServerResponse ContactRoutes::remove(Domain &domain, const ApiCall &call)
{
    // 200 with the contact as it was (not 204): the caller can log or undo what it deleted.
    return RouteSupport::withId(call, kContact, [&domain](qint64 id) {
        return RouteSupport::of(domain.deleteContact(id));
    });
}

QHttpServerResponse ContactRoutes::list(Domain &domain, const ApiCall &call)
{
    auto query = ListQuery::parse(call.request);
    if (auto *answer = std::get_if<QHttpServerResponse>(&query))
        return std::move(*answer);
    return RouteSupport::list(domain.listContacts(std::get<ListQuery>(query).page()));
}

QHttpServerResponse ContactRoutes::upsert(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withBody(call, [&domain, &call](const QJsonObject &body) {
        const DomainResult<ContactPatch> patch =
            DomainJson::contactUpsert(call.params.value(QStringLiteral("email")), body);
        if (!patch)
            return ApiRoutes::domainError(patch.error());
        const DomainResult<ContactUpsert> upsert = domain.upsertContactByEmail(patch.value());
        if (!upsert)
            return ApiRoutes::domainError(upsert.error());
        const Contact &contact = upsert->contact;
        if (upsert->outcome == ContactUpsert::Outcome::Created)
            return RouteSupport::created(contact.toJson(), location(contact.id));
        return JsonResponse::ok(contact.toJson());
    });
}

} // namespace botbat
