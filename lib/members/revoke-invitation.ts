import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { refuseUnknownInvitation } from "./resend-invitation";
import { ZInvitationRef } from "./schemas";

export type InvitationRevoked = { invitationId: string; email: string };

/**
 * Withdraws a pending invitation: its link stops working at once. Revoking only ever lowers access,
 * so admins may revoke any pending invitation, an owner's included.
 */
export async function revokeInvitation({
  ctx,
  tx,
  input,
  now = new Date(),
}: {
  ctx: OrgContext;
  tx: Tx;
  input: unknown;
  now?: Date;
}): Promise<InvitationRevoked> {
  const { invitationId } = ZInvitationRef.parse(input);
  // orgId in the update's where: another org's invitation id changes nothing (cross-tenant BOLA).
  const [revoked] = await tx.invitation.updateManyAndReturn({
    where: { id: invitationId, orgId: ctx.org.id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
    select: { email: true, role: true },
  });
  if (!revoked) {
    const ours = await tx.invitation.findFirst({
      where: { id: invitationId, orgId: ctx.org.id },
      select: { id: true },
    });
    if (!ours) return refuseUnknownInvitation(ctx, tx, invitationId);
    throw new AppError("conflict", "This invitation was already accepted or revoked.");
  }
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "invitation.revoked",
    target: { type: "invitation", id: invitationId, display: revoked.email },
    metadata: { email: revoked.email, role: revoked.role },
  });
  return { invitationId, email: revoked.email };
}
