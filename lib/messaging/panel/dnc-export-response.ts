import "server-only";
import { stringify } from "csv-stringify/sync";
import type { OrgContext } from "@/lib/context";
import { getDb, type Db } from "@/lib/db/client";

const PAGE_ROWS = 10_000;

/** Text a spreadsheet would run as a formula ("=…", "+…" aside from a phone number) is quoted with a leading '. */
const cellOf = (text: string) => (/^[=@\t\r-]/.test(text) || /^\+(?!\d+$)/.test(text) ? `'${text}` : text);

async function* csvChunks(db: Db, orgId: string): AsyncGenerator<string> {
  yield stringify([["phone", "reason", "source", "added_at", "added_by"]]);
  let after = "";
  for (;;) {
    const rows = await db.messagingDncEntry.findMany({
      where: { orgId, phoneE164: { gt: after } },
      orderBy: { phoneE164: "asc" },
      take: PAGE_ROWS,
    });
    if (rows.length === 0) return;
    yield stringify(
      rows.map((row) => [
        row.phoneE164,
        cellOf(row.reason),
        cellOf(row.source),
        row.addedAt.toISOString(),
        cellOf(row.addedBy),
      ]),
    );
    after = rows.at(-1)!.phoneE164;
  }
}

/**
 * The org's whole DNC list as CSV (the import's columns first, so an export imports back), read a page at a time by
 * number after the request's transaction has ended: constant memory for a list of millions.
 */
export function dncExportResponse({ ctx, db = getDb() }: { ctx: OrgContext; db?: Db }): Response {
  const encoder = new TextEncoder();
  let chunks: AsyncGenerator<string> | null = null;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= csvChunks(db, ctx.org.id);
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks?.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="dnc-${ctx.org.slug}-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
