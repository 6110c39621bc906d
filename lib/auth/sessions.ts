import "server-only";
import type { Tx, Db } from "@/lib/db";
import type { AuditRequestContext } from "@/lib/audit";

/** Defaults until an organization tightens them (accounts issue): 30 minutes idle, 12 hours absolute. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reading a page does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export async function createSession(tx: Tx, { userId, context }: { userId: string; context: AuditRequestContext | null }) {
  const now = Date.now();
  return tx.session.create({
    data: {
      userId,
      ip: context?.ip ?? null,
      userAgent: context?.userAgent ?? null,
      idleExpiresAt: new Date(now + SESSION_IDLE_MS),
      absoluteExpiresAt: new Date(now + SESSION_ABSOLUTE_MS),
    },
  });
}

/**
 * The live session with this id, or null when it was revoked or has expired. Checked on every
 * request, so revoking a session row ends it at once, whatever the JWT says.
 */
export async function findLiveSession(db: Db, sessionId: string) {
  const now = new Date();
  const session = await db.session.findFirst({
    where: { id: sessionId, revokedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const idleExpiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
    await db.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { lastSeenAt: now, idleExpiresAt } });
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
