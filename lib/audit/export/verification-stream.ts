import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/context";
import { recordVerificationOnItsOwn, type TrailVerification, type VerificationView } from "../record-verification";
import { checkpointNow } from "../integrate/checkpoint-now";
import { verifyChainAndCheckpoints } from "../integrate/verify-against-checkpoints";

/** A verification's outcome as it leaves the server: the stream's last line, and GET /api/v1/audit-events/verify. */
export type VerificationResult = VerificationView;
export type VerificationLine =
  | { type: "progress"; checked: number; total: number }
  | ({ type: "result" } & VerificationResult)
  /** The verification failed on the server (a database error): no result, nothing recorded. */
  | { type: "error"; detail: string };

class VerificationCancelled extends Error {}

/**
 * What verifies an organization's trail: by default the hot chain and its checkpoints; the entry points hand in
 * lib/lifecycle/archive's verifyWholeTrail, which checks the archived segments first (the audit layer sits below it).
 */
export type TrailVerifier = (options: {
  db: Db;
  orgId: string;
  onProgress?: (checked: number, total: number) => void;
}) => Promise<TrailVerification>;

/**
 * Progress at most every `step` of the total or every `intervalMs`, whichever comes first: a long
 * chain reports often enough for a progress bar, a short one does not flood the stream.
 */
export function progressThrottle({
  step = 0.02,
  intervalMs = 250,
  now = Date.now,
}: { step?: number; intervalMs?: number; now?: () => number } = {}) {
  let lastChecked = -1;
  let lastAt = 0;
  return (checked: number, total: number): boolean => {
    const due = lastChecked < 0 || checked - lastChecked >= Math.max(1, total * step) || now() - lastAt >= intervalMs;
    if (due) {
      lastChecked = checked;
      lastAt = now();
    }
    return due;
  };
}

/**
 * Brings the organization's checkpoint up to its chain head first (checkpointNow), so the newest entries are
 * checked against a signed checkpoint too, not only as a chain; if that fails the chain is still verified,
 * against the checkpoints already signed. Then verifies the organization's chain with the client (outside
 * any transaction: a long chain must not hold one open, and the embedded database runs one at a time),
 * then records the verification and
 * its result (audit.chain_verified) before returning it. A cancelled verification stops at the next
 * batch and records nothing: it has no result.
 */
export async function verifyAndRecordStreaming({
  ctx,
  db = getDb(),
  onProgress,
  cancelled = () => false,
  verify = verifyChainAndCheckpoints,
}: {
  ctx: OrgContext;
  db?: Db;
  onProgress?: (checked: number, total: number) => void;
  cancelled?: () => boolean;
  verify?: TrailVerifier;
}): Promise<VerificationResult | null> {
  try {
    await checkpointNow(db, ctx.org.id);
  } catch (error) {
    // A verification still runs against the checkpoints already signed; the cause (never a key) goes to the log.
    console.error(`[${ctx.request.requestId ?? "-"}] checkpoint before verification failed`, error);
  }
  let result;
  try {
    result = await verify({
      db,
      orgId: ctx.org.id,
      onProgress: (checked, total) => {
        if (cancelled()) throw new VerificationCancelled();
        onProgress?.(checked, total);
      },
    });
  } catch (error) {
    if (error instanceof VerificationCancelled) return null;
    throw error;
  }
  return recordVerificationOnItsOwn(db, ctx, result);
}

/**
 * A byte stream of lines that `produce` writes, started by the first read: after the request's
 * transaction has ended (a route returns the Response from inside it).
 */
function lineStream(
  produce: (write: (line: string) => void, cancelled: () => boolean) => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  let isCancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (started) return;
        started = true;
        produce(
          (line) => controller.enqueue(encoder.encode(line)),
          () => isCancelled,
        ).then(
          () => !isCancelled && controller.close(),
          (error: unknown) => !isCancelled && controller.error(error),
        );
      },
      cancel() {
        isCancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
}

const headersFor = (ctx: OrgContext, contentType: string) => ({
  "content-type": contentType,
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  ...(ctx.request.requestId ? { "x-request-id": ctx.request.requestId } : {}),
});

/**
 * `application/x-ndjson`: `{"type":"progress","checked":n,"total":t}` lines as verification advances
 * (throttled), then one `{"type":"result",…}` line, written once the verification is recorded, or
 * one `{"type":"error","detail":…}` line if it failed on the server.
 */
export function verificationProgressResponse({
  ctx,
  db,
  verify,
}: {
  ctx: OrgContext;
  db?: Db;
  verify?: TrailVerifier;
}): Response {
  const throttle = progressThrottle();
  const json = (line: VerificationLine) => `${JSON.stringify(line)}\n`;
  const body = lineStream(async (write, cancelled) => {
    try {
      const result = await verifyAndRecordStreaming({
        ctx,
        ...(db ? { db } : {}),
        ...(verify ? { verify } : {}),
        cancelled,
        onProgress: (checked, total) => throttle(checked, total) && write(json({ type: "progress", checked, total })),
      });
      if (result) write(json({ type: "result", ...result }));
    } catch (error) {
      // The status (200) is long sent: say so in the stream, and keep the cause for the log.
      const requestId = ctx.request.requestId ?? "-";
      console.error(`[${requestId}] chain verification failed`, error);
      write(
        json({
          type: "error",
          detail: `Verification stopped on the server. Quote the request id ${requestId} when you contact support.`,
        }),
      );
    }
  });
  return new Response(body, { headers: headersFor(ctx, "application/x-ndjson") });
}

/**
 * The result alone, as JSON, for API clients. The body is written when the verification ends, so a
 * long chain holds no transaction (the status, 200, is sent first: a broken chain is a result too).
 */
export function verificationResultResponse({
  ctx,
  db,
  verify,
}: {
  ctx: OrgContext;
  db?: Db;
  verify?: TrailVerifier;
}): Response {
  const body = lineStream(async (write, cancelled) => {
    const result = await verifyAndRecordStreaming({
      ctx,
      ...(db ? { db } : {}),
      ...(verify ? { verify } : {}),
      cancelled,
    });
    if (result) write(JSON.stringify(result));
  });
  return new Response(body, { headers: headersFor(ctx, "application/json") });
}
