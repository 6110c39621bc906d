import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { Principal, RequestContext } from "@/lib/context";
import { hashPassword } from "@/lib/auth/password";
import { issueSignInGrant } from "@/lib/auth/sign-in";
import { hashToken } from "@/lib/crypto/tokens";
import { getDb, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import type { RoleName } from "@/lib/rbac/permissions";
import { INVALID_INVITATION, ZAcceptInvitation, ZAcceptInvitationAsNewUser, ZInvitationToken } from "./schemas";

type Invitation = {
  id: string;
  email: string;
  role: RoleName;
  tokenHash: string;
  lastSentAt: Date;
  org: { id: string; slug: string; name: string };
};
export type InvitationState =
  | { status: "invalid" }
  | { status: "expired" | "revoked" | "accepted"; orgName: string }
  | { status: "pending"; email: string; role: RoleName; orgName: string; accountExists: boolean };

const MESSAGES = {
  expired: "This invitation has expired. Ask whoever invited you to send it again.",
  revoked: "This invitation was withdrawn.",
  accepted: "This invitation has already been used.",
} as const;

async function findByToken(token: string) {
  if (!ZInvitationToken.safeParse(token).success) return null;
  const row = await getDb().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      tokenHash: true,
      lastSentAt: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      org: { select: { id: true, slug: true, name: true, deletedAt: true } },
    },
  });
  // A closed organization's invitations answer like links that never existed.
  return row && !row.org.deletedAt ? row : null;
}

/**
 * Records `invitation.expired` once per sending: the invitation's row lock serializes two visitors,
 * and an entry since the last send means this expiry is already on record.
 */
async function recordExpiry(invitation: Invitation) {
  await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM invitations WHERE id = ${invitation.id}::uuid FOR UPDATE`;
    const recorded = await tx.auditEntry.findFirst({
      where: {
        orgId: invitation.org.id,
        action: "invitation.expired",
        targetId: invitation.id,
        occurredAt: { gte: invitation.lastSentAt },
      },
      select: { id: true },
    });
    if (recorded) return;
    await appendAuditEntry(tx, {
      orgId: invitation.org.id,
      action: "invitation.expired",
      actor: SYSTEM_ACTOR,
      target: { type: "invitation", id: invitation.id, display: invitation.email },
      metadata: { email: invitation.email, role: invitation.role },
    });
  });
}

/** The pending invitation behind a token, or the error its link deserves (expiry recorded on the way). */
async function usableInvitation(token: string, now: Date): Promise<Invitation> {
  const row = await findByToken(token);
  if (!row) throw new AppError("not_found", INVALID_INVITATION);
  if (row.acceptedAt) throw new AppError("conflict", MESSAGES.accepted);
  if (row.revokedAt) throw new AppError("conflict", MESSAGES.revoked);
  if (row.expiresAt <= now) {
    await recordExpiry(row);
    throw new AppError("conflict", MESSAGES.expired);
  }
  return row;
}

/** What the accept page shows for a token; opening an expired link records its expiry. */
export async function describeInvitation({
  token,
  now = new Date(),
}: {
  token: string;
  now?: Date;
}): Promise<InvitationState & { message?: string }> {
  const row = await findByToken(token);
  if (!row) return { status: "invalid", message: INVALID_INVITATION };
  const orgName = row.org.name;
  if (row.acceptedAt) return { status: "accepted", orgName, message: MESSAGES.accepted };
  if (row.revokedAt) return { status: "revoked", orgName, message: MESSAGES.revoked };
  if (row.expiresAt <= now) {
    await recordExpiry(row);
    return { status: "expired", orgName, message: MESSAGES.expired };
  }
  const accountExists = !!(await getDb().user.findUnique({ where: { email: row.email }, select: { id: true } }));
  return { status: "pending", email: row.email, role: row.role, orgName, accountExists };
}

/**
 * Marks the invitation used, as a compare-and-set on the token's hash: of two requests racing with
 * one link only one sees count 1, so a link never admits two people. Then the membership.
 */
async function join(
  tx: Tx,
  invitation: Invitation,
  user: { id: string; email: string },
  context: RequestContext | null,
  now: Date,
) {
  const { count } = await tx.invitation.updateMany({
    where: {
      id: invitation.id,
      tokenHash: invitation.tokenHash,
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
    },
    data: { acceptedAt: now },
  });
  if (count !== 1) throw new AppError("conflict", "This invitation can no longer be used.");
  const member = await tx.membership.findUnique({
    where: { orgId_userId: { orgId: invitation.org.id, userId: user.id } },
    select: { id: true },
  });
  if (member) throw new AppError("conflict", `You are already a member of ${invitation.org.name}.`);
  await tx.membership.create({ data: { orgId: invitation.org.id, userId: user.id, role: invitation.role } });
}

/** The person acting on their own behalf, as actor and target of their entries in the inviting org. */
const appendAsUser =
  (tx: Tx, invitation: Invitation, user: { id: string; email: string }, context: RequestContext | null) =>
  (event: { action: "member.joined" | "user.signed_up"; metadata: Record<string, unknown> }) => {
    const who = { id: user.id, display: user.email };
    return appendAuditEntry(tx, {
      ...event,
      orgId: invitation.org.id,
      actor: { type: "user", ...who },
      target: { type: "user", ...who },
      context,
    });
  };

const joinedEvent = (invitation: Invitation) => ({
  action: "member.joined" as const,
  metadata: { role: invitation.role, invitationId: invitation.id },
});

/** A signed-in person accepts an invitation addressed to their own email, and only theirs. */
export async function acceptInvitation({
  principal,
  input,
  context,
  now = new Date(),
}: {
  principal: Principal;
  input: unknown;
  context: RequestContext | null;
  now?: Date;
}) {
  const { token } = ZAcceptInvitation.parse(input);
  const invitation = await usableInvitation(token, now);
  // A forwarded link must not let someone else in: the invitation is for one address.
  if (invitation.email.toLowerCase() !== principal.email.toLowerCase()) {
    throw new AppError(
      "forbidden",
      `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
    );
  }
  const user = { id: principal.userId, email: principal.email };
  await getDb().$transaction(async (tx) => {
    await join(tx, invitation, user, context, now);
    await appendAsUser(tx, invitation, user, context)(joinedEvent(invitation));
  });
  return { orgSlug: invitation.org.slug };
}

/**
 * Someone without an account accepts: the user (email fixed to the invitation's), the membership, the
 * used invitation, both entries and a one-time sign-in grant commit together. Unlike sign-up, no
 * organization of their own is created: they join the one that invited them.
 */
export async function acceptInvitationAsNewUser({
  input,
  context,
  now = new Date(),
}: {
  input: unknown;
  context: RequestContext | null;
  now?: Date;
}) {
  const { token, name, password } = ZAcceptInvitationAsNewUser.parse(input);
  // Checked before hashing, so that a made-up token costs no argon2 work.
  const invitation = await usableInvitation(token, now);
  const accountExists = () =>
    new AppError("conflict", `An account exists for ${invitation.email}. Sign in to accept the invitation.`);
  if (await getDb().user.findUnique({ where: { email: invitation.email }, select: { id: true } }))
    throw accountExists();
  const passwordHash = await hashPassword(password);
  try {
    return await getDb().$transaction(async (tx) => {
      // The invitation's link was mailed to this address: following it proves the address.
      const user = await tx.user.create({
        data: { email: invitation.email, name, passwordHash, emailVerifiedAt: now },
        select: { id: true, email: true },
      });
      await join(tx, invitation, user, context, now);
      // The new user has just chosen their password: they are signed in without typing it again.
      const grant = await issueSignInGrant(tx, user.id);
      const append = appendAsUser(tx, invitation, user, context);
      await append({ action: "user.signed_up", metadata: { email: user.email } });
      await append(joinedEvent(invitation));
      return { orgSlug: invitation.org.slug, grant };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw accountExists();
    throw error;
  }
}
