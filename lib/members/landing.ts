import "server-only";
import { listOwnSessions } from "@/lib/auth/list-sessions";
import type { Db, Tx } from "@/lib/db/client";
import type { Permission } from "@/lib/rbac/permissions";

/**
 * What the dashboard shows a person about themselves in this organization, whatever their role: their
 * own live API keys and when each was last used, their sessions, and who to ask (owners and admins).
 * Only the person's own keys: the full list is the API keys screen's business (api_keys.manage_all).
 */
export async function loadPersonalLanding(
  db: Db | Tx,
  {
    orgId,
    userId,
    sessionId,
    permissions,
    now = new Date(),
  }: { orgId: string; userId: string; sessionId: string; permissions: readonly Permission[]; now?: Date },
) {
  const [keys, sessions, admins] = await Promise.all([
    permissions.includes("api_keys.read")
      ? db.apiKey.findMany({
          where: { orgId, createdById: userId, revokedAt: null, expiresAt: { gt: now } },
          select: {
            id: true,
            name: true,
            prefix: true,
            last4: true,
            environment: true,
            lastUsedAt: true,
            lastUsedIp: true,
          },
          orderBy: { createdAt: "desc" },
          take: 5,
        })
      : Promise.resolve(null),
    listOwnSessions(db, { userId, currentSessionId: sessionId, now }),
    db.membership.findMany({
      where: { orgId, role: { in: ["OWNER", "ADMIN"] } },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    }),
  ]);
  return {
    keys,
    sessions: sessions.slice(0, 5),
    sessionCount: sessions.length,
    // Addresses are the members list's business (members.read): an auditor without it sees who to ask, by name.
    admins: admins.map(({ role, user }) => ({
      ...user,
      email: permissions.includes("members.read") ? user.email : null,
      role,
      you: user.id === userId,
    })),
  };
}

export type PersonalLanding = Awaited<ReturnType<typeof loadPersonalLanding>>;
