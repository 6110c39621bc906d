import { z } from "zod";
import { verificationProgressResponse } from "@/lib/audit/export/verification-stream";
import { verifyAndRecord } from "@/lib/audit/record-verification";
import { withOrg } from "@/lib/guard";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

const verify = withOrg(
  { name: "audit.entries.verify", permission: "audit.verify", transactionTimeoutMs: 300_000, query: z.object({ progress: z.stringbool().default(false) }) },
  // The progress stream verifies after this transaction ends; the plain answer inside it, as before.
  ({ ctx, tx, query }) => (query.progress ? Promise.resolve(verificationProgressResponse({ ctx })) : verifyAndRecord({ ctx, tx })),
);

/**
 * Verifies the chain and records it. A browser (Accept: application/x-ndjson, or its usual *\/*) gets
 * `application/x-ndjson` progress lines then a result line; a caller that asks for application/json,
 * or sends no Accept at all (scripts, the first callers of this route), gets the result as one JSON
 * object. `?progress=1|0` chooses explicitly.
 */
export async function POST(request: Request, context: RouteContext): Promise<Response> {
  const url = new URL(request.url);
  if (!url.searchParams.has("progress")) {
    const accept = request.headers.get("accept");
    const wantsJsonOnly = accept === null || (/application\/json/.test(accept) && !/application\/x-ndjson/.test(accept));
    url.searchParams.set("progress", wantsJsonOnly ? "0" : "1");
  }
  return verify(new Request(url, { method: request.method, headers: request.headers, signal: request.signal }), context);
}
