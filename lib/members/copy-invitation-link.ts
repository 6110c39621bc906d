import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { newToken } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { acceptLink, INVITATION_TTL_MS, mayInviteAs, refuse } from "./invite-member";
import { requireStepUpForOwnerRole } from "./membership-rules";
import { refuseUnknownInvitation } from "./resend-invitation";
import { ZInvitationRef } from "./schemas";

export type InvitationLink = { invitationId: string; email: string; link: string; expiresAt: Date };

/**
 * The link of a pending invitation, for its inviter to hand over themselves (no mail server, or a
 * spam filter). Only the token's hash is stored, so the link cannot be read back: a new token is
 * minted, which also ends any earlier link (mailed or copied), and the minting is audited. Only the
 * person who created the invitation may: an admin must not be able to take over a colleague's invitee.
 */
export async function copyInvitationLink({
  ctx,
  tx,
  input,
  now = new Date(),
}: {
  ctx: OrgContext;
  tx: Tx;
  input: unknown;
  now?: Date;
}): Promise<InvitationLink> {
  const { invitationId } = ZInvitationRef.parse(input);
  // orgId in every where: another org's invitation id matches nothing (cross-tenant BOLA).
  const invitation = await tx.invitation.findFirst({
    where: { id: invitationId, orgId: ctx.org.id },
    select: { email: true, role: true, invitedById: true },
  });
  if (!invitation) return refuseUnknownInvitation(ctx, tx, invitationId);
  if (invitation.invitedById !== ctx.principal.userId || !mayInviteAs(ctx.role, invitation.role)) {
    refuse(new AppError("forbidden", "Only the person who sent this invitation can copy its link."), {
      reason: "invitation_link_not_inviter",
    });
  }
  // A working link to become an owner is a new grant of ownership, as for a resend.
  await requireStepUpForOwnerRole(tx, ctx, invitation.role);
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const { count } = await tx.invitation.updateMany({
    where: { id: invitationId, orgId: ctx.org.id, acceptedAt: null, revokedAt: null },
    data: { tokenHash, expiresAt },
  });
  if (count !== 1) throw new AppError("conflict", "This invitation was already accepted or revoked.");
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "invitation.link_copied",
    target: { type: "invitation", id: invitationId, display: invitation.email },
    metadata: { email: invitation.email, role: invitation.role },
  });
  return { invitationId, email: invitation.email, link: acceptLink(token), expiresAt };
}
