import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { actorOf, auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { DSR_DEADLINE_DAYS, ZRecordDsr, type TDsrView } from "./dsr-schemas";
import { dsrMetadata, dsrTarget, dsrView } from "./dsr-view";

/** Records a data-subject request as received, with its deadline (dsr.received, same transaction). */
export async function recordDataSubjectRequest(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZRecordDsr>,
): Promise<TDsrView> {
  const input = ZRecordDsr.parse(rawInput);
  const actor = actorOf(ctx.principal);
  const dueAt = new Date(input.receivedAt.getTime() + DSR_DEADLINE_DAYS[input.regime] * 86_400_000);
  const row = await tx.dataSubjectRequest.create({
    data: {
      orgId: ctx.org.id,
      subject: input.subject,
      type: input.type,
      regime: input.regime,
      receivedAt: input.receivedAt,
      dueAt,
      recordedById: actor.id ?? "",
      recordedByDisplay: actor.display ?? "",
    },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "dsr.received",
    target: dsrTarget(row),
    metadata: { ...dsrMetadata(row), dueAt: dueAt.toISOString() },
  });
  return dsrView(row);
}
