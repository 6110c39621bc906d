import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { LegalHold } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";

/** A hold of this organization; another organization's id answers like an unknown one, and is recorded (BOLA). */
export async function findLegalHold(tx: Tx, ctx: OrgContext, holdId: string): Promise<LegalHold> {
  const hold = await tx.legalHold.findFirst({ where: { id: holdId, orgId: ctx.org.id } });
  if (hold) return hold;
  const elsewhere = await tx.legalHold.findFirst({
    where: { id: holdId, orgId: { not: ctx.org.id } },
    select: { orgId: true },
  });
  throw new AppError(
    "not_found",
    "No such legal hold in this organization.",
    undefined,
    elsewhere
      ? {
          permission: "legal_holds.manage",
          reason: "foreign_legal_hold",
          crossTenant: true,
          targetOrgId: elsewhere.orgId,
        }
      : undefined,
  );
}
