import "server-only";
import type { Tx, Db } from "@/lib/db/client";
import type { RequestContext } from "@/lib/context";

/** Defaults until an organization tightens them: 30 minutes idle, 12 hours absolute. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reading a page does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionPolicy = { idleMs: number; absoluteMs: number };
type OrgLimits = { sessionIdleMinutes: number | null; sessionAbsoluteHours: number | null };
type SessionTimes = {
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
};

/** An org can only tighten the defaults: a stored value above them (or none) leaves the default. */
export function policyFrom({ sessionIdleMinutes, sessionAbsoluteHours }: OrgLimits): SessionPolicy {
  return {
    idleMs: Math.min(SESSION_IDLE_MS, (sessionIdleMinutes ?? Infinity) * 60_000),
    absoluteMs: Math.min(SESSION_ABSOLUTE_MS, (sessionAbsoluteHours ?? Infinity) * 3_600_000),
  };
}

/**
 * The strictest session limits among all the user's organizations: a session is one login for every
 * org, so the org that asks for the shortest sessions must not be weakened by a laxer one.
 */
export async function sessionPolicyFor(
  client: Db | Tx,
  owner: { userId: string } | { sessionId: string },
): Promise<SessionPolicy> {
  const member =
    "userId" in owner ? { userId: owner.userId } : { user: { sessions: { some: { id: owner.sessionId } } } };
  const { _min } = await client.organization.aggregate({
    where: { memberships: { some: member } },
    _min: { sessionIdleMinutes: true, sessionAbsoluteHours: true },
  });
  return policyFrom(_min);
}

/**
 * Whether a session is live under the policy now. Besides its stored expiries, it is judged against
 * the current policy from its own createdAt and lastSeenAt, so tightening a policy also ends the
 * sessions that were opened under the laxer one (a stolen long-lived cookie stops working).
 */
export function isLiveUnder(policy: SessionPolicy, session: SessionTimes, now: Date): boolean {
  const at = now.getTime();
  return (
    session.revokedAt === null &&
    session.idleExpiresAt.getTime() > at &&
    session.absoluteExpiresAt.getTime() > at &&
    session.createdAt.getTime() + policy.absoluteMs > at &&
    session.lastSeenAt.getTime() + policy.idleMs > at
  );
}

export async function createSession(
  tx: Tx,
  { userId, context, now = new Date() }: { userId: string; context: RequestContext | null; now?: Date },
) {
  const policy = await sessionPolicyFor(tx, { userId });
  return tx.session.create({
    data: {
      userId,
      ip: context?.ip ?? null,
      userAgent: context?.userAgent ?? null,
      ...(context?.geo ? { geo: context.geo } : {}),
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + policy.idleMs),
      absoluteExpiresAt: new Date(now.getTime() + policy.absoluteMs),
    },
  });
}

/**
 * The live session with this id, or null when it was revoked or has expired. Checked on every
 * request, so revoking a session row ends it at once, whatever the JWT says. Two cheap queries, in
 * parallel: the session by primary key, and the user's strictest policy.
 */
export async function findLiveSession(db: Db, sessionId: string, now = new Date()) {
  const [session, policy] = await Promise.all([
    db.session.findFirst({
      where: { id: sessionId, revokedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
      include: { user: { select: { id: true, email: true, name: true } } },
    }),
    sessionPolicyFor(db, { sessionId }),
  ]);
  if (!session || !isLiveUnder(policy, session, now)) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // Activity extends the idle limit, never past the (possibly tightened) absolute limit.
    const absoluteExpiresAt = new Date(
      Math.min(session.absoluteExpiresAt.getTime(), session.createdAt.getTime() + policy.absoluteMs),
    );
    const idleExpiresAt = new Date(Math.min(now.getTime() + policy.idleMs, absoluteExpiresAt.getTime()));
    await db.session.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { lastSeenAt: now, idleExpiresAt, absoluteExpiresAt },
    });
  }
  return session;
}

export async function revokeSession(tx: Tx, { sessionId, userId }: { sessionId: string; userId: string }) {
  const { count } = await tx.session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}
