import { withApiKey } from "@/lib/guard/with-api-key";
import { getSender, setSender } from "@/lib/messaging/settings/set-sender";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.getMessagingSender, ({ ctx, db }) => getSender(db, ctx));

export const PUT = withApiKey(API_OPERATIONS.setMessagingSender, ({ ctx, tx, body }) => setSender(tx, ctx, body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PATCH, DELETE } = refuseOtherMethods("GET", "PUT");
