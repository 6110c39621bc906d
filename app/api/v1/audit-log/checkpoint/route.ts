import { cosignedNote } from "@/lib/audit/published/cosigned-note";
import { latestCheckpoint } from "@/lib/audit/published/latest-checkpoint";
import { withApiKey } from "@/lib/guard/with-api-key";
import { signedNoteResponse } from "@/lib/rest/audit-log-responses";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.getAuditLogCheckpoint, async ({ ctx, db }) =>
  signedNoteResponse(await cosignedNote(db, ctx.org.id, await latestCheckpoint(db, ctx.org.id))),
);

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
