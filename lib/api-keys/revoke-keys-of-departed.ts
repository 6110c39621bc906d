import "server-only";
import { appendAuditEntry } from "@/lib/audit";
import type { Actor, RequestContext } from "@/lib/context";
import type { Tx } from "@/lib/db";
import { apiKeyTarget } from "./api-key-view";

/**
 * A person who leaves an organization, or is removed from it, takes no access with them: every key they
 * hold there (the ones they created, the ones their keys created, and replacements from rolls, all
 * held by them) is revoked in the same transaction, each one recorded.
 */
export async function revokeKeysOfDeparted(
  tx: Tx,
  { orgId, userId, reason, actor, context, now = new Date() }: {
    orgId: string;
    userId: string;
    reason: "creator_left" | "creator_removed";
    actor: Actor;
    context: RequestContext | null;
    now?: Date;
  },
): Promise<number> {
  const keys = await tx.apiKey.findMany({
    where: { orgId, createdById: userId, revokedAt: null, OR: [{ graceEndsAt: null }, { graceEndsAt: { gt: now } }] },
    orderBy: { createdAt: "asc" },
  });
  if (keys.length === 0) return 0;
  await tx.apiKey.updateMany({ where: { id: { in: keys.map((key) => key.id) }, orgId }, data: { revokedAt: now, revokedReason: "auto_revoked" } });
  for (const key of keys) {
    await appendAuditEntry(tx, { orgId, action: "api_key.auto_revoked", actor, target: apiKeyTarget(key), context, metadata: { name: key.name, reason } });
  }
  return keys.length;
}
