import "server-only";
import type { OrgContext } from "@/lib/context";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { ByteSource } from "./byte-chunks";
import type { DncImportStreamLine } from "./dnc-import-report";
import { importDncCsv } from "./import-dnc-csv";

/** How long the panel's import may hold its transaction (as the REST one: lib/rest/messaging-import-operations.ts). */
const IMPORT_TRANSACTION_MS = 10 * 60_000;

/** The import's lines as they come: progress after each batch, then `done` with the report, or `error`. */
async function* importLines(
  db: Db,
  ctx: OrgContext,
  input: { bytes: ByteSource; fileName?: string },
): AsyncGenerator<DncImportStreamLine> {
  const queue: DncImportStreamLine[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const push = (line: DncImportStreamLine) => {
    queue.push(line);
    wake?.();
  };
  const requestId = ctx.request.requestId ?? "-";
  void db
    .$transaction(
      (tx) => importDncCsv(tx, ctx, { ...input, onProgress: (progress) => push({ type: "progress", ...progress }) }),
      { timeout: IMPORT_TRANSACTION_MS },
    )
    .then(
      (report) => push({ type: "done", report }),
      (error: unknown) => {
        if (!(error instanceof AppError)) console.error(`[${requestId}] DNC import failed`, error);
        const detail =
          error instanceof AppError
            ? error.message
            : `The import stopped on the server and nothing of the file was kept. Quote the request id ${requestId}.`;
        push({ type: "error", detail });
      },
    )
    .finally(() => {
      finished = true;
      wake?.();
    });
  for (;;) {
    const line = queue.shift();
    if (line) yield line;
    else if (finished) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

/**
 * The panel's DNC import as `application/x-ndjson` (one DncImportStreamLine a line), so the screen shows the rows
 * processed while the file is read. The import starts with the first read of the answer, after the request's own
 * transaction has ended (the embedded database runs one at a time), in a transaction of its own: it keeps all the
 * good rows of the file and its audit entry, or nothing.
 */
export function dncImportResponse({
  ctx,
  bytes,
  fileName,
  db = getDb(),
}: {
  ctx: OrgContext;
  bytes: ByteSource;
  fileName?: string;
  db?: Db;
}): Response {
  const encoder = new TextEncoder();
  let lines: AsyncGenerator<DncImportStreamLine> | null = null;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        lines ??= importLines(db, ctx, { bytes, ...(fileName ? { fileName } : {}) });
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
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
