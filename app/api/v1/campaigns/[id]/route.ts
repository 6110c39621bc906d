import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { updateCampaign } from "@/lib/messaging/campaigns/update-campaign";

export const PATCH = withApiKey(API_OPERATIONS.updateCampaign, ({ ctx, tx, params, body }) =>
  updateCampaign(tx, ctx, { ...body, id: params.id }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, POST, PUT, DELETE } = refuseOtherMethods("PATCH");
