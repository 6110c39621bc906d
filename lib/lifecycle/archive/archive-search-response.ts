import "server-only";
import type { OrgContext } from "@/lib/context";
import { getDb, type Db } from "@/lib/db/client";
import type { ArchiveStore } from "./archive-store";
import { openArchiveStore } from "./open-archive-store";
import { searchArchive, type ArchiveSearchLine, type ArchiveSearchPlan } from "./search-archive";

/**
 * An archive search as `application/x-ndjson`, one ArchiveSearchLine a line, produced as the reader asks (started
 * by the first read, after the request's transaction has ended: the embedded database runs one at a time). A failure
 * on the server is one `error` line (the status, 200, is long sent), its cause in the log.
 */
export function archiveSearchResponse({
  ctx,
  plan,
  limit,
  db = getDb(),
  store,
}: {
  ctx: OrgContext;
  plan: ArchiveSearchPlan;
  limit: number;
  db?: Db;
  store?: ArchiveStore;
}): Response {
  const encoder = new TextEncoder();
  let lines: AsyncGenerator<ArchiveSearchLine> | null = null;
  const requestId = ctx.request.requestId ?? "-";
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          lines ??= searchArchive(db, store ?? (await openArchiveStore()), plan, { limit });
          const next = await lines.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
        } catch (error) {
          console.error(`[${requestId}] archive search failed`, error);
          const detail = `The archive search stopped on the server. Quote the request id ${requestId} when you contact support.`;
          controller.enqueue(
            encoder.encode(`${JSON.stringify({ type: "error", detail } satisfies ArchiveSearchLine)}\n`),
          );
          controller.close();
        }
      },
      async cancel() {
        await lines?.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...(ctx.request.requestId ? { "x-request-id": ctx.request.requestId } : {}),
    },
  });
}
