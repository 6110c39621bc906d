import { z } from "zod";
import { verificationProgressResponse } from "@/lib/audit/export/verification-stream";
import { verifyAndRecord } from "@/lib/audit/record-verification";
import { withOrg } from "@/lib/guard/with-org";

/**
 * A browser (Accept: application/x-ndjson, or its usual *\/*) gets progress; a caller that asks for
 * application/json, or sends no Accept at all (scripts, the first callers of this route), one JSON object.
 */
function wantsProgress(accept: string | null): boolean {
  const wantsJsonOnly = accept === null || (/application\/json/.test(accept) && !/application\/x-ndjson/.test(accept));
  return !wantsJsonOnly;
}

/**
 * Verifies the chain and records it: `application/x-ndjson` progress lines then a result line, or the
 * result as one JSON object, as the Accept header asks. `?progress=1|0` chooses explicitly.
 */
export const POST = withOrg(
  {
    name: "audit.entries.verify",
    permission: "audit.verify",
    transactionTimeoutMs: 300_000,
    query: z.object({ progress: z.stringbool().optional() }),
  },
  // The progress stream verifies after this transaction ends; the plain answer inside it, as before.
  ({ ctx, tx, query, headers }) =>
    (query.progress ?? wantsProgress(headers.get("accept")))
      ? Promise.resolve(verificationProgressResponse({ ctx }))
      : verifyAndRecord({ ctx, tx }),
);
