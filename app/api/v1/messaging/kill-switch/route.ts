import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { getKillSwitch } from "@/lib/messaging/settings/get-kill-switch";
import { setKillSwitch } from "@/lib/messaging/settings/set-kill-switch";

export const GET = withApiKey(API_OPERATIONS.getKillSwitch, ({ ctx, db }) => getKillSwitch(db, ctx));

export const PUT = withApiKey(API_OPERATIONS.setKillSwitch, ({ ctx, tx, body }) => setKillSwitch(tx, ctx, body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PATCH, DELETE } = refuseOtherMethods("GET", "PUT");
