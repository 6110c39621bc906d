import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";

export const ZDeleteOrganization = z.object({ confirmSlug: z.string().trim().max(100) }).strict();
export type TDeleteOrganization = z.infer<typeof ZDeleteOrganization>;

/**
 * Closes an organization: a soft delete, so its audit trail (append-only evidence) stays intact and
 * verifiable. From then on the guard answers its address like one that never existed. The caller
 * must have stepped up recently (the action declares `stepUp: true`, checked before the
 * transaction opens); typing the address guards against deleting the wrong organization.
 */
export async function deleteOrganization({ ctx, tx, input }: { ctx: OrgContext; tx: Tx; input: TDeleteOrganization }) {
  if (input.confirmSlug !== ctx.org.slug) {
    throw new AppError("invalid_input", "Type the organization's address exactly to confirm.", {
      confirmSlug: [`Type ${ctx.org.slug} to confirm.`],
    });
  }
  // deletedAt: null in the where: a second, concurrent delete finds nothing and records nothing.
  const { count } = await tx.organization.updateMany({
    where: { id: ctx.org.id, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "No such organization.");
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "org.deleted",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    metadata: { name: ctx.org.name, slug: ctx.org.slug },
  });
  return { slug: ctx.org.slug };
}
