import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { holdsCoveringRecordings, lockLegalHolds } from "@/lib/lifecycle/legal-holds-covering";
import { resolveDeps, type RecordingDeps } from "./recording-deps";
import { ZRecordingSource } from "./recording-schemas";

/**
 * Deletes every recording of one source, with their objects in storage (destroyed: overwritten or every S3
 * version), as one recordings.deleted entry with the count (recordings.manage). An active legal hold over the
 * organization, over the recordings' upload dates, or over entries about them blocks it (409 naming the hold).
 * The objects go inside the transaction, before the rows: a failure rolls the rows back and a retry finishes
 * the job (destroying a missing object is not an error). A source with no recordings is a 404.
 */
export async function deleteRecordingsBySource(
  tx: Tx,
  ctx: OrgContext,
  input: { source: string },
  deps: RecordingDeps = {},
): Promise<{ source: string; count: number }> {
  const source = ZRecordingSource.parse(input.source);
  const { store } = await resolveDeps(deps);
  await lockLegalHolds(tx, ctx.org.id);
  const rows = await tx.recording.findMany({
    where: { orgId: ctx.org.id, source },
    select: { id: true, uploadedAt: true, uploadedBy: true, audioObjectKey: true, transcriptObjectKey: true },
    orderBy: { uploadedAt: "asc" },
  });
  if (rows.length === 0) throw new AppError("not_found", `There are no recordings from the source "${source}".`);
  const holds = await holdsCoveringRecordings(tx, ctx.org.id, {
    ids: rows.map((row) => row.id),
    fromTime: rows[0].uploadedAt,
    toTime: rows.at(-1)!.uploadedAt,
    uploaders: [...new Set(rows.map((row) => row.uploadedBy))],
  });
  if (holds.length > 0)
    throw new AppError(
      "conflict",
      `A legal hold covers these recordings (${holds.map((hold) => `"${hold.name}"`).join(", ")}): ` +
        "they cannot be deleted until it is released.",
    );
  let objectsRemoved = 0;
  for (const row of rows)
    for (const key of [row.audioObjectKey, row.transcriptObjectKey]) {
      await store.destroy(key);
      objectsRemoved++;
    }
  const ids = rows.map((row) => row.id);
  await tx.recordingValidation.deleteMany({ where: { orgId: ctx.org.id, recordingId: { in: ids } } });
  const { count } = await tx.recording.deleteMany({ where: { orgId: ctx.org.id, id: { in: ids } } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "recordings.deleted",
    target: { type: "recording_source", id: source, display: source },
    metadata: { source, count, objectsRemoved },
  });
  return { source, count };
}
