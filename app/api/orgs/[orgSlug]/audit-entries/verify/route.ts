import { z } from "zod";
import { verificationProgressResponse, verificationResultResponse } from "@/lib/audit/export/verification-stream";
import { withOrg } from "@/lib/guard/with-org";
import { verifyWholeTrail } from "@/lib/lifecycle/archive/verify-whole-trail";

/**
 * A browser (Accept: application/x-ndjson, or its usual *\/*) gets progress; a caller that asks for
 * application/json, or sends no Accept at all (scripts, the first callers of this route), one JSON object.
 */
function wantsProgress(accept: string | null): boolean {
  const wantsJsonOnly = accept === null || (/application\/json/.test(accept) && !/application\/x-ndjson/.test(accept));
  return !wantsJsonOnly;
}

/**
 * Signs a checkpoint up to the head, verifies the archived segments then the chain against the checkpoints (one
 * trail) and records it:
 * `application/x-ndjson` progress lines then a result line, or the result as one JSON object, as the
 * Accept header asks. `?progress=1|0` chooses explicitly. Both run once this transaction has ended.
 */
export const POST = withOrg(
  {
    name: "audit.entries.verify",
    permission: "audit.verify",
    transactionTimeoutMs: 300_000,
    query: z.object({ progress: z.stringbool().optional() }),
  },
  // Checkpointing takes transactions of its own, which the embedded database could not open inside this one.
  async ({ ctx, query, headers }) =>
    (query.progress ?? wantsProgress(headers.get("accept")))
      ? verificationProgressResponse({ ctx, verify: verifyWholeTrail })
      : verificationResultResponse({ ctx, verify: verifyWholeTrail }),
);
