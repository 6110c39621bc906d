import { auditedBy } from "@/lib/context";
import { withApiKey } from "@/lib/guard/with-api-key";
import { receiveInbound } from "@/lib/messaging/inbound/receive-inbound";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const POST = withApiKey(API_OPERATIONS.receiveInboundMessage, async ({ ctx, tx, body }) =>
  receiveInbound(tx, auditedBy(ctx), body),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
