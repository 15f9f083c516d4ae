#pragma once

#include "Campaign.h"
#include "CampaignInput.h"
#include "DomainContext.h"
#include "DomainResult.h"
#include "Page.h"
#include "PageQuery.h"

namespace botbat {

// The campaigns part of the domain (see Domain for the contract of each operation).
class Campaigns
{
public:
    explicit Campaigns(const DomainContext &context);

    DomainResult<Campaign> create(const CampaignInput &input);
    DomainResult<Campaign> start(qint64 id);
    DomainResult<Campaign> complete(qint64 id);
    DomainResult<Campaign> get(qint64 id) const;
    DomainResult<Page<Campaign>> list(const PageQuery &page) const;

private:
    const DomainContext &m_context;
};

} // namespace botbat
