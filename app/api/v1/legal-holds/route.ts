import { withApiKey } from "@/lib/guard/with-api-key";
import { createLegalHold } from "@/lib/lifecycle/legal-hold-create";
import { listLegalHolds } from "@/lib/lifecycle/legal-hold-list";
import { API_OPERATIONS } from "@/lib/rest/operations";

export const GET = withApiKey(API_OPERATIONS.listLegalHolds, async ({ ctx, db }) => ({
  data: await listLegalHolds(db, ctx),
}));

export const POST = withApiKey(API_OPERATIONS.createLegalHold, ({ ctx, tx, body }) => createLegalHold(tx, ctx, body));
