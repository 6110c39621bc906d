import { withApiKey } from "@/lib/guard/with-api-key";
import { orgSettingsForApi, patchOrgSettings } from "@/lib/orgs/org-settings-api";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.getOrg, ({ ctx, db }) => orgSettingsForApi(db, ctx.org.id));

export const PATCH = withApiKey(API_OPERATIONS.updateOrg, ({ ctx, tx, body }) =>
  patchOrgSettings({ ctx, tx, patch: body }),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, DELETE } = refuseOtherMethods("GET", "PATCH");
