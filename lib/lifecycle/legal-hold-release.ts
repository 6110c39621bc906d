import "server-only";
import type { z } from "zod";
import { appendAuditEntryLinkedNow } from "@/lib/audit/append-audit-entry";
import { actorOf, auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { legalHoldAuditScope } from "./legal-hold-audit-scope";
import { countLegalHoldEntries } from "./legal-hold-count";
import { findLegalHold } from "./legal-hold-find";
import { ZReleaseLegalHold, type TLegalHoldView } from "./legal-hold-schemas";
import { legalHoldTarget, legalHoldView, scopeOf } from "./legal-hold-view";

/**
 * Releases a hold with a reason: what it covered may be purged or erased again (unless another hold
 * covers it). The hold itself stays, released, for the record. Recorded (legal_hold.released).
 */
export async function releaseLegalHold(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZReleaseLegalHold>,
): Promise<TLegalHoldView> {
  const input = ZReleaseLegalHold.parse(rawInput);
  const hold = await findLegalHold(tx, ctx, input.holdId);
  const actor = actorOf(ctx.principal);
  // releasedAt: null in the where: two releases at once cannot both succeed (the second finds nothing).
  const { count } = await tx.legalHold.updateMany({
    where: { id: hold.id, orgId: ctx.org.id, releasedAt: null },
    data: {
      releasedAt: new Date(),
      releasedById: actor.id ?? "",
      releasedByDisplay: actor.display ?? "",
      releaseReason: input.reason,
    },
  });
  if (count === 0) throw new AppError("conflict", `The hold "${hold.name}" was already released.`);
  const row = await tx.legalHold.findUniqueOrThrow({ where: { id: hold.id } });
  const scope = scopeOf(row);
  // Linked now, not at the commit: the hold's view counts the entries it covers, this one included.
  await appendAuditEntryLinkedNow(tx, {
    ...auditedBy(ctx),
    action: "legal_hold.released",
    target: legalHoldTarget(row),
    metadata: { name: row.name, scope: legalHoldAuditScope(scope), reason: input.reason },
  });
  return legalHoldView(row, await countLegalHoldEntries(tx, ctx.org.id, scope));
}
