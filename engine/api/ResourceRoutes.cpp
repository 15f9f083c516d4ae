#include "ResourceRoutes.h"

#include "CampaignRoutes.h"
#include "ContactRoutes.h"
#include "ConversationRoutes.h"
#include "DeliveryRoutes.h"
#include "MessageRoutes.h"
#include "OpenApiRoutes.h"
#include "TrustedCertificateRoutes.h"
#include "WebhookRoutes.h"

namespace botbat {

void ResourceRoutes::install(ApiRoutes &api, Domain &domain, WebhookStore &webhooks)
{
    ContactRoutes::install(api, domain);
    ConversationRoutes::install(api, domain);
    MessageRoutes::install(api, domain);
    CampaignRoutes::install(api, domain);
    WebhookRoutes::install(api, webhooks);
    DeliveryRoutes::install(api, webhooks);
    TrustedCertificateRoutes::install(api, webhooks);
    OpenApiRoutes::install(api);
}

} // namespace botbat
