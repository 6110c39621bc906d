import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { createCampaign } from "@/lib/messaging/campaigns/create-campaign";
import { listCampaigns } from "@/lib/messaging/campaigns/list-campaigns";

export const GET = withApiKey(API_OPERATIONS.listCampaigns, async ({ ctx, db, query }) => ({
  data: await listCampaigns(db, ctx, { archived: query.archived === "true" }),
}));

export const POST = withApiKey(API_OPERATIONS.createCampaign, ({ ctx, tx, body }) => createCampaign(tx, ctx, body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
