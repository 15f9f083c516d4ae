#include "ConversationRoutes.h"

#include "ApiRoutes.h"
#include "DomainJson.h"
#include "ListQuery.h"
#include "RouteSupport.h"
#include "apikeys/ApiKeyScopes.h"
#include "domain/Domain.h"

namespace botbat {

namespace {
using Method = QHttpServerRequest::Method;
const QString kConversation = QStringLiteral("conversation");
const QString kContactId = QStringLiteral("contact_id");
} // namespace

void ConversationRoutes::install(ApiRoutes &api, Domain &domain)
{
    const auto bind = [&domain](RouteSupport::DomainHandler handler) {
        return RouteSupport::bind(domain, handler);
    };
    api.add(Method::Get, QStringLiteral("/v1/conversations"), ApiKeyScopes::ContactsRead,
            bind(list));
    api.add(Method::Post, QStringLiteral("/v1/conversations"), ApiKeyScopes::ConversationsWrite,
            bind(create));
    api.add(Method::Get, QStringLiteral("/v1/conversations/{id}"), ApiKeyScopes::ContactsRead,
            bind(get));
    api.add(Method::Post, QStringLiteral("/v1/conversations/{id}/close"),
            ApiKeyScopes::ConversationsWrite, bind(close));
}

QHttpServerResponse ConversationRoutes::create(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withBody(call, [&domain](const QJsonObject &body) {
        const DomainResult<ConversationInput> input = DomainJson::conversationInput(body);
        if (!input)
            return ApiRoutes::domainError(input.error());
        const DomainResult<Conversation> conversation = domain.createConversation(input.value());
        if (!conversation && conversation.error().kind() == DomainError::Kind::NotFound) {
            // The missing contact is a problem of the request body, not of this URL: a 404 here
            // would read as "no such endpoint".
            return ApiRoutes::domainError(DomainError::validation(
                {{kContactId, QStringLiteral("not_found"),
                  QStringLiteral("contact %1 does not exist; create the contact first, or list "
                                 "the contacts to find its id")
                      .arg(input->contactId)}}));
        }
        if (!conversation)
            return ApiRoutes::domainError(conversation.error());
        return RouteSupport::created(conversation->toJson(),
                                     QStringLiteral("/v1/conversations/%1").arg(conversation->id));
    });
}

QHttpServerResponse ConversationRoutes::get(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(call, kConversation, [&domain](qint64 id) {
        return RouteSupport::of(domain.getConversation(id));
    });
}

QHttpServerResponse ConversationRoutes::close(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(call, kConversation, [&domain, &call](qint64 id) {
        if (auto answer = RouteSupport::noBody(call, QStringLiteral("closing a conversation")))
            return std::move(*answer);
        return RouteSupport::of(domain.closeConversation(id));
    });
}

QHttpServerResponse ConversationRoutes::list(Domain &domain, const ApiCall &call)
{
    auto query = ListQuery::parse(call.request, {kContactId});
    if (auto *answer = std::get_if<QHttpServerResponse>(&query))
        return std::move(*answer);
    const ListQuery &checked = std::get<ListQuery>(query);
    return RouteSupport::list(domain.listConversations(checked.page(), checked.id(kContactId)));
}

} // namespace botbat
