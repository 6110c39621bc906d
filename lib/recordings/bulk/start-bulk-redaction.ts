import "server-only";
import { randomUUID } from "node:crypto";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { AuditParty } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { TBulkRedactionJobView } from "../recording-schemas";
import { bulkJobView } from "./bulk-job-view";

/**
 * Queues a re-redaction of the organization's recordings (uploaded since `since`, all when null): a job row with
 * its total, and a recordings.bulk_redaction_started entry. `by` is auditedBy(ctx) in the panel, the operator in the
 * CLI. The worker (or `verity pci redact`) runs it: runBulkRedaction.
 */
export async function startBulkRedaction(
  tx: Tx,
  by: AuditParty,
  input: { since?: Date | null },
  now: Date = new Date(),
): Promise<TBulkRedactionJobView> {
  const since = input.since ?? null;
  const total = await tx.recording.count({
    where: { orgId: by.orgId, ...(since ? { uploadedAt: { gte: since } } : {}) },
  });
  const id = randomUUID();
  const job = await tx.recordingRedactionJob.create({
    data: {
      id,
      orgId: by.orgId,
      since,
      total,
      status: "queued",
      requestedBy: by.actor.display ?? by.actor.type,
      createdAt: now,
    },
  });
  await appendAuditEntry(tx, {
    ...by,
    action: "recordings.bulk_redaction_started",
    target: { type: "recording_redaction_job", id, display: `Bulk redaction ${id.slice(0, 8)}` },
    metadata: { jobId: id, since: since?.toISOString() ?? null, total },
  });
  return bulkJobView(job);
}
