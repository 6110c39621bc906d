import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { actorOf, auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { findOpenDataSubjectRequest } from "./dsr-find";
import { ZRejectDsr, type TDsrView } from "./dsr-schemas";
import { dsrMetadata, dsrTarget, dsrView } from "./dsr-view";

/** Rejects an open request with a reason (for example: the requester's identity could not be verified). */
export async function rejectDataSubjectRequest(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZRejectDsr>,
): Promise<TDsrView> {
  const input = ZRejectDsr.parse(rawInput);
  const request = await findOpenDataSubjectRequest(tx, ctx, input.requestId);
  const actor = actorOf(ctx.principal);
  // status in the where: two answers at once cannot both succeed (the second finds nothing).
  const { count } = await tx.dataSubjectRequest.updateMany({
    where: { id: request.id, orgId: ctx.org.id, status: "received" },
    data: {
      status: "rejected",
      resolvedAt: new Date(),
      resolvedById: actor.id ?? "",
      resolvedByDisplay: actor.display ?? "",
      reason: input.reason,
    },
  });
  if (count === 0) throw new AppError("conflict", "This request was answered meanwhile.");
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "dsr.rejected",
    target: dsrTarget(request),
    metadata: { ...dsrMetadata(request), reason: input.reason },
  });
  return dsrView(await tx.dataSubjectRequest.findUniqueOrThrow({ where: { id: request.id } }));
}
