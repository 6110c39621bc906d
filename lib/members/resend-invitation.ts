import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { newToken } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { INVITATION_TTL_MS, mailInvitation, mayInviteAs, refuse, type InvitationSent } from "./invite-member";
import { requireStepUpForOwnerRole } from "./membership-rules";
import { ZInvitationRef } from "./schemas";

type Args = { ctx: OrgContext; tx: Tx; input: unknown; now?: Date };

/**
 * An invitation id that is not this org's answers like one that does not exist (no enumeration);
 * one that belongs to another org is a probe (cross-tenant BOLA), recorded, flagged, in that org.
 */
export async function refuseUnknownInvitation(ctx: OrgContext, tx: Tx, invitationId: string): Promise<never> {
  const notFound = new AppError("not_found", "No such invitation.");
  const foreign = await tx.invitation.findFirst({
    where: { id: invitationId, orgId: { not: ctx.org.id } },
    select: { orgId: true },
  });
  if (foreign) refuse(notFound, { reason: "foreign_invitation", crossTenant: true, targetOrgId: foreign.orgId });
  throw notFound;
}

/**
 * Sends a pending (or expired) invitation again with a new token and a new 7-day expiry: the old
 * link stops working, so a forwarded or leaked earlier mail is worthless.
 */
export async function resendInvitation({ ctx, tx, input, now = new Date() }: Args): Promise<InvitationSent> {
  const { invitationId } = ZInvitationRef.parse(input);
  // orgId in every where: another org's invitation id matches nothing (cross-tenant BOLA).
  const invitation = await tx.invitation.findFirst({
    where: { id: invitationId, orgId: ctx.org.id },
    select: { email: true, role: true },
  });
  if (!invitation) return refuseUnknownInvitation(ctx, tx, invitationId);
  if (!mayInviteAs(ctx.role, invitation.role)) {
    refuse(new AppError("forbidden", "Only an owner can resend an invitation to become an owner."), {
      reason: "owner_invite_requires_owner",
    });
  }
  // A new link to become an owner is a new grant of ownership.
  await requireStepUpForOwnerRole(tx, ctx, invitation.role);
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const { count } = await tx.invitation.updateMany({
    where: { id: invitationId, orgId: ctx.org.id, acceptedAt: null, revokedAt: null },
    data: { tokenHash, expiresAt, lastSentAt: now },
  });
  if (count !== 1) throw new AppError("conflict", "This invitation was already accepted or revoked.");
  const { email, role } = invitation;
  await mailInvitation(tx, { ctx, email, role, token, expiresAt });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "member.invited",
    target: { type: "invitation", id: invitationId, display: email },
    metadata: { email, role, resent: true },
  });
  return { invitationId, email, role, expiresAt };
}
