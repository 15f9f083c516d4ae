#include "CampaignRoutes.h"

#include "ApiRoutes.h"
#include "DomainJson.h"
#include "ListQuery.h"
#include "RouteSupport.h"
#include "apikeys/ApiKeyScopes.h"
#include "domain/Domain.h"

namespace botbat {

namespace {
using Method = QHttpServerRequest::Method;
const QString kCampaign = QStringLiteral("campaign");
} // namespace

void CampaignRoutes::install(ApiRoutes &api, Domain &domain)
{
    const auto bind = [&domain](RouteSupport::DomainHandler handler) {
        return RouteSupport::bind(domain, handler);
    };
    const QString &scope = ApiKeyScopes::CampaignsWrite;
    api.add(Method::Get, QStringLiteral("/v1/campaigns"), scope, bind(list));
    api.add(Method::Post, QStringLiteral("/v1/campaigns"), scope, bind(create));
    api.add(Method::Get, QStringLiteral("/v1/campaigns/{id}"), scope, bind(get));
    api.add(Method::Post, QStringLiteral("/v1/campaigns/{id}/start"), scope, bind(start));
    api.add(Method::Post, QStringLiteral("/v1/campaigns/{id}/complete"), scope, bind(complete));
}

QHttpServerResponse CampaignRoutes::create(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withBody(call, [&domain](const QJsonObject &body) {
        const DomainResult<CampaignInput> input = DomainJson::campaignInput(body);
        if (!input)
            return ApiRoutes::domainError(input.error());
        const DomainResult<Campaign> campaign = domain.createCampaign(input.value());
        if (!campaign)
            return ApiRoutes::domainError(campaign.error());
        return RouteSupport::created(campaign->toJson(),
                                     QStringLiteral("/v1/campaigns/%1").arg(campaign->id));
    });
}

QHttpServerResponse CampaignRoutes::get(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(
        call, kCampaign, [&domain](qint64 id) { return RouteSupport::of(domain.getCampaign(id)); });
}

QHttpServerResponse CampaignRoutes::list(Domain &domain, const ApiCall &call)
{
    auto query = ListQuery::parse(call.request);
    if (auto *answer = std::get_if<QHttpServerResponse>(&query))
        return std::move(*answer);
    return RouteSupport::list(domain.listCampaigns(std::get<ListQuery>(query).page()));
}

QHttpServerResponse CampaignRoutes::start(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(call, kCampaign, [&](qint64 id) {
        if (auto answer = RouteSupport::noBody(call, QStringLiteral("starting a campaign")))
            return std::move(*answer);
        return RouteSupport::of(domain.startCampaign(id));
    });
}

QHttpServerResponse CampaignRoutes::complete(Domain &domain, const ApiCall &call)
{
    return RouteSupport::withId(call, kCampaign, [&](qint64 id) {
        if (auto answer = RouteSupport::noBody(call, QStringLiteral("completing a campaign")))
            return std::move(*answer);
        return RouteSupport::of(domain.completeCampaign(id));
    });
}

} // namespace botbat
