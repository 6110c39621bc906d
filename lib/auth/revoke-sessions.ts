import "server-only";
import { appendAuditEntry, type AuditEvent } from "@/lib/audit/append-audit-entry";
import { actorOf, type OrgContext, type Principal } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError, type Denial } from "@/lib/http/app-error";
import type { Revoked } from "./session-view";

export type { Revoked };
export type Args = { ctx: OrgContext<Principal>; tx: Tx; now?: Date };
type SessionScope = "one" | "all_others" | "all_of_member";

/** A refusal that is evidence: the guard records the denial once this transaction has rolled back. */
export function refuse(error: AppError, denial: Denial): never {
  throw new AppError(error.code, error.message, error.fieldErrors, denial);
}

/**
 * A session belongs to a person, not an org: ending one's own is recorded in each of their orgs, like
 * a sign-out; an admin's revocation is recorded in the org whose authority it used.
 */
export async function recordRevocation(
  { ctx, tx }: Args,
  user: { id: string; email: string },
  orgIds: string[],
  metadata: { sessionId: string; scope: SessionScope },
) {
  const event: Omit<AuditEvent, "orgId"> = {
    action: "session.revoked",
    actor: actorOf(ctx.principal),
    target: { type: "user", id: user.id, display: user.email },
    context: ctx.request,
    metadata,
  };
  // Ascending org ids: two transactions locking several chain heads take them in the same order (no deadlock).
  for (const orgId of [...orgIds].sort()) await appendAuditEntry(tx, { ...event, orgId });
}

async function orgIdsOf(tx: Tx, userId: string) {
  return (await tx.membership.findMany({ where: { userId }, select: { orgId: true } })).map((row) => row.orgId);
}

/** Ends one of the principal's own sessions (the current one included: that signs them out). */
export async function revokeOwnSession(args: Args & { sessionId: string }): Promise<Revoked> {
  const { ctx, tx, sessionId, now = new Date() } = args;
  const { principal } = ctx;
  // userId in the where: someone else's session id matches nothing (BOLA on session ids).
  const { count } = await tx.session.updateMany({
    where: { id: sessionId, userId: principal.userId, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 0) {
    const notFound = new AppError("not_found", "No such session: it may have ended already.");
    const foreign = await tx.session.findFirst({
      where: { id: sessionId, userId: { not: principal.userId } },
      select: { user: { select: { memberships: { select: { orgId: true } } } } },
    });
    // A session that already ended is a double click. An id from another person is a probe: a
    // colleague's is recorded here; anyone else's is cross-tenant, recorded, flagged, in their organizations.
    if (foreign) {
      const theirOrgs = foreign.user.memberships.map((row) => row.orgId);
      const denial = { permission: "org.read", reason: "foreign_session" };
      refuse(
        notFound,
        theirOrgs.includes(ctx.org.id) ? denial : { ...denial, crossTenant: true, targetOrgId: theirOrgs },
      );
    }
    throw notFound;
  }
  await recordRevocation(args, { id: principal.userId, email: principal.email }, await orgIdsOf(tx, principal.userId), {
    sessionId,
    scope: "one",
  });
  return { revoked: 1, endedCurrent: sessionId === principal.sessionId };
}

/** "Sign out everywhere else": every live session of the principal except the one making the request. */
export async function revokeOtherSessions(args: Args): Promise<Revoked> {
  const { ctx, tx, now = new Date() } = args;
  const { principal } = ctx;
  const { count } = await tx.session.updateMany({
    where: { userId: principal.userId, id: { not: principal.sessionId }, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count > 0) {
    await recordRevocation(
      args,
      { id: principal.userId, email: principal.email },
      await orgIdsOf(tx, principal.userId),
      { sessionId: "*", scope: "all_others" },
    );
  }
  return { revoked: count, endedCurrent: false };
}
