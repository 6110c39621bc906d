import { withApiKey } from "@/lib/guard/with-api-key";
import { createLegalHold } from "@/lib/lifecycle/legal-hold-create";
import { listLegalHolds } from "@/lib/lifecycle/legal-hold-list";
import { erasuresHeldBack } from "@/lib/privacy/erasures-held-back";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.listLegalHolds, async ({ ctx, db }) => {
  const held = await erasuresHeldBack(db, ctx);
  const holds = await listLegalHolds(db, ctx);
  return { data: holds.map((hold) => ({ ...hold, erasuresHeldBack: held.get(hold.id) ?? [] })) };
});

export const POST = withApiKey(API_OPERATIONS.createLegalHold, ({ ctx, tx, body }) => createLegalHold(tx, ctx, body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
