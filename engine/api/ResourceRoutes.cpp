#include "ResourceRoutes.h"

#include "CampaignRoutes.h"
#include "ContactRoutes.h"
#include "ConversationRoutes.h"
#include "MessageRoutes.h"
#include "OpenApiRoutes.h"

namespace botbat {

void ResourceRoutes::install(ApiRoutes &api, Domain &domain)
{
    ContactRoutes::install(api, domain);
    ConversationRoutes::install(api, domain);
    MessageRoutes::install(api, domain);
    CampaignRoutes::install(api, domain);
    OpenApiRoutes::install(api);
}

} // namespace botbat
