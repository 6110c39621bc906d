import "server-only";
import { lockLegalHolds } from "./legal-holds-covering";
import type { z } from "zod";
import { appendAuditEntryLinkedNow } from "@/lib/audit/append-audit-entry";
import { actorOf, auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { legalHoldAuditScope } from "./legal-hold-audit-scope";
import { countLegalHoldEntries } from "./legal-hold-count";
import { ZCreateLegalHold, type TLegalHoldView } from "./legal-hold-schemas";
import { legalHoldTarget, legalHoldView, scopeColumns } from "./legal-hold-view";

/**
 * Places a legal hold: from now on nothing it covers may be purged at the end of retention or erased
 * on a data-subject request, until it is released. Recorded (legal_hold.created) in the same transaction.
 */
export async function createLegalHold(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZCreateLegalHold>,
): Promise<TLegalHoldView> {
  const input = ZCreateLegalHold.parse(rawInput);
  const actor = actorOf(ctx.principal);
  await lockLegalHolds(tx, ctx.org.id);
  const row = await tx.legalHold.create({
    data: {
      orgId: ctx.org.id,
      name: input.name,
      matter: input.matter,
      ...scopeColumns(input.scope),
      createdById: actor.id ?? "",
      createdByDisplay: actor.display ?? "",
    },
  });
  // Linked now, not at the commit: the hold's view counts the entries it covers, this one included.
  await appendAuditEntryLinkedNow(tx, {
    ...auditedBy(ctx),
    action: "legal_hold.created",
    target: legalHoldTarget(row),
    metadata: { name: row.name, scope: legalHoldAuditScope(input.scope), reason: row.matter },
  });
  return legalHoldView(row, await countLegalHoldEntries(tx, ctx.org.id, input.scope));
}
