import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { ByteSource } from "./byte-chunks";
import { MAX_REPORTED_LINES, type DncImportReport } from "./dnc-import-report";
import { insertDncBatch, type DncBatch } from "./insert-dnc-batch";
import { readDncCsvBatches } from "./read-dnc-csv";

/** Rows per insert: one statement of this many, then the next; memory holds one batch. */
export const DNC_IMPORT_BATCH_ROWS = 5000;
/** A file of more data rows than this is refused (and nothing of it kept): split it. */
export const MAX_DNC_IMPORT_ROWS = 2_000_000;

export type DncImportProgress = Pick<DncImportReport, "rows" | "added" | "duplicates" | "rejected">;

const emptyBatch = (): DncBatch => ({ phones: [], reasons: [], sources: [] });

/**
 * Imports a Do Not Contact CSV into the org's list in the caller's transaction, read as it arrives (readDncCsv) and
 * written a batch at a time (insertDncBatch): a million rows in constant memory. Good rows are kept, bad ones are
 * reported by line; a number already on the list (or repeated in the file) is counted as a duplicate. The import is
 * one audit entry (`dnc.imported`, counts only; a scheduled message it cancels is a message.cancelled entry of its
 * own) in the same transaction: if anything fails (the body stops, the
 * header is not one), nothing of the file is kept and nothing is recorded. `onProgress` is awaited after each batch.
 */
export async function importDncCsv(
  tx: Tx,
  ctx: OrgContext,
  input: {
    bytes: ByteSource;
    fileName?: string;
    onProgress?: (progress: DncImportProgress) => Promise<void> | void;
    now?: Date;
    batchRows?: number;
  },
): Promise<DncImportReport> {
  if (!ctx.permissions.includes("messaging.manage")) {
    throw new AppError("forbidden", "Importing to the Do Not Contact list needs messaging.manage.");
  }
  const { now = new Date(), batchRows = DNC_IMPORT_BATCH_ROWS } = input;
  const party = auditedBy(ctx);
  const addedBy = party.actor.display ?? party.actor.id ?? "import";
  const report: DncImportReport = {
    rows: 0,
    added: 0,
    duplicates: 0,
    rejected: 0,
    cancelledMessages: 0,
    errors: [],
    errorsTruncated: false,
  };
  let batch = emptyBatch();
  // Recorded after the last batch, not batch by batch: the first append locks the org's chain head until the import
  // commits, and every other audited change of the org would wait on it for the whole file.
  const cancelledMessages: Awaited<ReturnType<typeof insertDncBatch>>["cancelled"] = [];
  // One batch is written while the next is read: the insert waits on the database, the reading on the CPU, so the
  // two overlap (at most two batches in memory: the one being written and the one being filled). The write's
  // failure is held until the next flush awaits it (never an unhandled rejection), and fails the import.
  let writing: Promise<void> | null = null;
  const write = async (rows: DncBatch) => {
    const { added, cancelled } = await insertDncBatch(tx, { orgId: ctx.org.id, addedBy, now, batch: rows });
    report.added += added;
    report.duplicates += rows.phones.length - added;
    report.cancelledMessages += cancelled.length;
    cancelledMessages.push(...cancelled);
    const { rows: read, duplicates, rejected } = report;
    await input.onProgress?.({ rows: read, added: report.added, duplicates, rejected });
  };
  const settle = async () => {
    const pending = writing;
    writing = null;
    await pending;
  };
  const flush = async () => {
    await settle();
    if (batch.phones.length === 0) return;
    const rows = batch;
    batch = emptyBatch();
    writing = write(rows);
    writing.catch(() => undefined);
  };

  try {
    for await (const rows of readDncCsvBatches(input.bytes, { batchRows })) {
      report.rows += rows.length;
      if (report.rows > MAX_DNC_IMPORT_ROWS) {
        const message = `A DNC import takes at most ${MAX_DNC_IMPORT_ROWS.toLocaleString("en-US")} rows: split the file.`;
        throw new AppError("payload_too_large", message, { csv: [message] });
      }
      for (const row of rows) {
        if ("rejected" in row) {
          report.rejected += 1;
          if (report.errors.length < MAX_REPORTED_LINES) report.errors.push({ line: row.line, code: row.rejected });
          else report.errorsTruncated = true;
          continue;
        }
        batch.phones.push(row.phoneE164);
        batch.reasons.push(row.reason);
        batch.sources.push(row.source);
      }
      if (batch.phones.length >= batchRows) await flush();
    }
    await flush();
    await settle();
  } finally {
    // A failed read leaves no statement running in the transaction it is about to roll back.
    await (writing as Promise<void> | null)?.catch(() => undefined);
  }
  report.errors.sort((a, b) => a.line - b.line);

  // Each message's end is on the record, as when one number is added (cancelPendingMessages).
  for (const message of cancelledMessages) {
    await appendAuditEntry(tx, {
      ...party,
      action: "message.cancelled",
      target: { type: "messaging_message", id: message.messageId, display: message.phone },
      metadata: { ...message, reason: "dnc_added" },
    });
  }

  await appendAuditEntry(tx, {
    ...party,
    action: "dnc.imported",
    target: { type: "messaging_dnc", id: null, display: input.fileName ?? "CSV import" },
    metadata: {
      ...(input.fileName ? { fileName: input.fileName } : {}),
      rows: report.rows,
      added: report.added,
      duplicates: report.duplicates,
      rejected: report.rejected,
      cancelledMessages: report.cancelledMessages,
    },
  });
  return report;
}
