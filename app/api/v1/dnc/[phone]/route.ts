import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { removeDncEntry } from "@/lib/messaging/dnc/remove-dnc-entry";

export const DELETE = withApiKey(API_OPERATIONS.removeDnc, ({ ctx, tx, params }) => removeDncEntry(tx, ctx, params));

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
