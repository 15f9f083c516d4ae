#include "MessageRoutes.h"

#include "ApiRoutes.h"
#include "DomainJson.h"
#include "ListQuery.h"
#include "RouteSupport.h"
#include "apikeys/ApiKeyScopes.h"
#include "domain/Domain.h"

namespace botbat {

namespace {
using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;
const QString kConversation = QStringLiteral("conversation");
const QString kMessage = QStringLiteral("message");

// Adds a message to the conversation in the path: the shared half of send and inbound.
QHttpServerResponse add(const ApiCall &call, Status status,
                        const std::function<DomainResult<Message>(qint64, const QString &)> &store)
{
    return RouteSupport::withId(call, kConversation, [&](qint64 conversationId) {
        return RouteSupport::withBody(call, [&](const QJsonObject &body) {
            const DomainResult<QString> text = DomainJson::messageBody(body);
            if (!text)
                return ApiRoutes::domainError(text.error());
            const DomainResult<Message> message = store(conversationId, text.value());
            if (!message)
                return ApiRoutes::domainError(message.error());
            return RouteSupport::created(
                message->toJson(), QStringLiteral("/v1/messages/%1").arg(message->id), status);
        });
    });
}
} // namespace

void MessageRoutes::install(ApiRoutes &api, Domain &domain)
{
    const auto bind = [&domain](RouteSupport::DomainHandler handler) {
        return RouteSupport::bind(domain, handler);
    };
    api.add(Method::Get, QStringLiteral("/v1/conversations/{id}/messages"),
            ApiKeyScopes::ContactsRead, bind(list));
    api.add(Method::Post, QStringLiteral("/v1/conversations/{id}/messages"),
            ApiKeyScopes::MessagesWrite, bind(send));
    api.add(Method::Post, QStringLiteral("/v1/conversations/{id}/inbound"),
            ApiKeyScopes::MessagesWrite, bind(inbound));
    api.add(Method::Get, QStringLiteral("/v1/messages/{id}"), ApiKeyScopes::ContactsRead,
            bind(get));
    api.add(Method::Post, QStringLiteral("/v1/messages/{id}/delivered"),
            ApiKeyScopes::MessagesWrite, bind(delivered));
    api.add(Method::Post, QStringLiteral("/v1/messages/{id}/read"), ApiKeyScopes::MessagesWrite,
            bind(read));
}

QHttpServerResponse MessageRoutes::send(Domain &domain, const ApiCall &call)
{
    // 202: the message is queued for its channel, not delivered; receipts follow later.
    return add(call, Status::Accepted, [&domain](qint64 conversationId, const QString &body) {
        return domain.sendOutboundMessage(conversationId, body);
    });
}

QHttpServerResponse MessageRoutes::inbound(Domain &domain, const ApiCall &call)
{
    return add(call, Status::Created, [&domain](qint64 conversationId, const QString &body) {
        return domain.recordInboundMessage(conversationId, body);
    });
}

QHttpServerResponse MessageRoutes::list(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(call, kConversation, [&](qint64 conversationId) {
        auto query = ListQuery::parse(call.request);
        if (auto *answer = std::get_if<QHttpServerResponse>(&query))
            return std::move(*answer);
        return RouteSupport::list(
            domain.listMessages(conversationId, std::get<ListQuery>(query).page()));
    });
}

QHttpServerResponse MessageRoutes::get(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(
        call, kMessage, [&domain](qint64 id) { return RouteSupport::of(domain.getMessage(id)); });
}

QHttpServerResponse MessageRoutes::delivered(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(call, kMessage, [&](qint64 id) {
        if (auto answer = RouteSupport::noBody(call, QStringLiteral("a delivery receipt")))
            return std::move(*answer);
        return RouteSupport::of(domain.markMessageDelivered(id));
    });
}

QHttpServerResponse MessageRoutes::read(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(call, kMessage, [&](qint64 id) {
        if (auto answer = RouteSupport::noBody(call, QStringLiteral("a read receipt")))
            return std::move(*answer);
        return RouteSupport::of(domain.markMessageRead(id));
    });
}

} // namespace botbat
