import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { assertSeatAvailable } from "@/lib/billing/limits";
import { newToken } from "@/lib/crypto/tokens";
import type { Tx } from "@/lib/db/client";
import { AppError, type Denial } from "@/lib/http/app-error";
import { enqueueMail } from "@/lib/mail";
import type { RoleName } from "@/lib/rbac/permissions";
import { requireStepUpForOwnerRole } from "./membership-rules";
import { ZInviteMember } from "./schemas";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type Args = { ctx: OrgContext; tx: Tx; now?: Date };

/** A refusal that is evidence: the guard records the denial once this transaction has rolled back. */
export function refuse(error: AppError, denial: Omit<Denial, "permission" | "limit">): never {
  throw new AppError(error.code, error.message, error.fieldErrors, { permission: "members.invite", ...denial });
}

/** Only an owner may hand out ownership: an admin must not be able to mint people above them. */
export const mayInviteAs = (inviter: RoleName, role: RoleName) => role !== "OWNER" || inviter === "OWNER";

export function acceptLink(token: string): string {
  const base = (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${base}/invitations/${encodeURIComponent(token)}`;
}

/** The invitation mail, written to the outbox in the caller's transaction. The token lives in this mail alone. */
export async function mailInvitation(
  tx: Tx,
  invite: { ctx: OrgContext; email: string; role: RoleName; token: string; expiresAt: Date },
) {
  const { ctx, email, role, token, expiresAt } = invite;
  await enqueueMail(tx, {
    to: email,
    subject: `${ctx.principal.name} invited you to ${ctx.org.name} on Verity`,
    kind: "member_invitation",
    linksExpireAt: expiresAt,
    text: [
      `${ctx.principal.name} (${ctx.principal.email}) invited you to join ${ctx.org.name} on Verity as ${role.toLowerCase()}.`,
      `To accept, open this link before ${expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC:\n\n${acceptLink(token)}\n`,
      "The link works once. If you did not expect this invitation, ignore this message.",
    ].join("\n\n"),
  });
}

export type InvitationSent = { invitationId: string; email: string; role: RoleName; expiresAt: Date };

/**
 * Invites someone by email with a role. The org is the caller's (ctx), never the client's; only the
 * token's SHA-256 is stored, so the database alone cannot be used to join.
 */
export async function inviteMember({
  ctx,
  tx,
  input,
  now = new Date(),
}: Args & { input: unknown }): Promise<InvitationSent> {
  const { email, role } = ZInviteMember.parse(input);
  if (!mayInviteAs(ctx.role, role)) {
    refuse(
      new AppError("forbidden", "Only an owner can invite an owner.", { role: ["Only an owner can invite an owner."] }),
      { reason: "owner_invite_requires_owner" },
    );
  }
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: ctx.org.id },
    select: { allowedEmailDomains: true },
  });
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const allowed = org.allowedEmailDomains.map((entry) => entry.toLowerCase());
  if (allowed.length && !allowed.includes(domain)) {
    const message = `Invitations may only go to addresses at ${allowed.join(", ")}.`;
    throw new AppError("invalid_input", message, { email: [message] });
  }
  // Serializes invitations to one address in one org, so a double submit cannot leave two live links.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invitation:${ctx.org.id}:${email}`}, 0))`;
  const member = await tx.membership.findFirst({
    where: { orgId: ctx.org.id, user: { email: { equals: email, mode: "insensitive" } } },
    select: { id: true },
  });
  if (member)
    throw new AppError("conflict", `${email} is already a member.`, {
      email: ["Already a member of this organization."],
    });
  const pending = await tx.invitation.findFirst({
    where: { orgId: ctx.org.id, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true },
  });
  if (pending) {
    const message = `${email} already has a pending invitation: resend it from the list of pending invitations.`;
    throw new AppError("conflict", message, { email: [message] });
  }

  await assertSeatAvailable(tx, ctx, now);
  await requireStepUpForOwnerRole(tx, ctx, role);
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const invitation = await tx.invitation.create({
    data: { orgId: ctx.org.id, email, role, tokenHash, invitedById: ctx.principal.userId, expiresAt, lastSentAt: now },
    select: { id: true },
  });
  await mailInvitation(tx, { ctx, email, role, token, expiresAt });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "member.invited",
    target: { type: "invitation", id: invitation.id, display: email },
    metadata: { email, role },
  });
  return { invitationId: invitation.id, email, role, expiresAt };
}
