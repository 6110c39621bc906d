import "server-only";
import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";
import { ZMemberSessionsView, ZSessionView, type TMemberSessionsView, type TSessionView } from "./session-view";
import { isLiveUnder, policyFrom, sessionPolicyFor, type SessionPolicy } from "./sessions";

export { ZMemberSessionsView, ZSessionView, type TMemberSessionsView, type TSessionView };

/** Candidate rows by their stored expiries; the policy check (isLiveUnder) then decides. */
const storedLive = (now: Date) => ({ revokedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } });
const DEFAULT_POLICY = policyFrom({ sessionIdleMinutes: null, sessionAbsoluteHours: null });

/** "Berlin, DE" from the geo recorded at sign-in (trusted proxy headers), or null when unknown. */
function locationOf(geo: unknown): string | null {
  const parsed = z
    .object({ city: z.string().nullable(), region: z.string().nullable(), country: z.string().nullable() })
    .safeParse(geo);
  if (!parsed.success) return null;
  return [parsed.data.city ?? parsed.data.region, parsed.data.country].filter(Boolean).join(", ") || null;
}

/** The principal's own live sessions, the current one first, then the most recently active. */
export async function listOwnSessions(
  client: Db | Tx,
  { userId, currentSessionId, now = new Date() }: { userId: string; currentSessionId: string; now?: Date },
): Promise<TSessionView[]> {
  const [rows, policy] = await Promise.all([
    client.session.findMany({ where: { userId, ...storedLive(now) }, orderBy: { lastSeenAt: "desc" } }),
    sessionPolicyFor(client, { userId }),
  ]);
  return rows
    .filter((row) => isLiveUnder(policy, row, now))
    .map((row) => ZSessionView.parse({ ...row, location: locationOf(row.geo), current: row.id === currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * The organization's members with their count of live sessions, for owners and admins. Each member
 * is judged by their own strictest policy, which may come from another organization they belong to.
 */
export async function listMemberSessions(
  client: Db | Tx,
  { orgId, now = new Date() }: { orgId: string; now?: Date },
): Promise<TMemberSessionsView[]> {
  const members = await client.membership.findMany({
    where: { orgId },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  const userIds = members.map((member) => member.user.id);
  const [theirMemberships, sessions] = await Promise.all([
    client.membership.findMany({
      where: { userId: { in: userIds } },
      select: { userId: true, org: { select: { sessionIdleMinutes: true, sessionAbsoluteHours: true } } },
    }),
    client.session.findMany({
      where: { userId: { in: userIds }, ...storedLive(now) },
      select: {
        userId: true,
        createdAt: true,
        lastSeenAt: true,
        idleExpiresAt: true,
        absoluteExpiresAt: true,
        revokedAt: true,
      },
    }),
  ]);
  const policies = new Map<string, SessionPolicy>();
  for (const { userId, org } of theirMemberships) {
    const policy = policyFrom(org);
    const known = policies.get(userId);
    policies.set(
      userId,
      known
        ? { idleMs: Math.min(known.idleMs, policy.idleMs), absoluteMs: Math.min(known.absoluteMs, policy.absoluteMs) }
        : policy,
    );
  }
  return members.map(({ role, user }) =>
    ZMemberSessionsView.parse({
      userId: user.id,
      name: user.name,
      email: user.email,
      role,
      liveSessions: sessions.filter(
        (session) => session.userId === user.id && isLiveUnder(policies.get(user.id) ?? DEFAULT_POLICY, session, now),
      ).length,
    }),
  );
}
