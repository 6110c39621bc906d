import "server-only";
import type { AuditParty } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { TBulkRedactionJobView } from "../recording-schemas";

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
  void tx;
  void by;
  void input;
  void now;
  throw new Error("startBulkRedaction: not implemented yet");
}
