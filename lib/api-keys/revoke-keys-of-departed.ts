import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { apiKeyTarget } from "./api-key-view";

/**
 * A person who leaves an organization, or is removed from it, takes no access with them: every key they
 * hold there (the ones they created, the ones their keys created, and replacements from rolls, all
 * held by them) is revoked in the same transaction, each one recorded as done by `ctx`'s principal
 * (the one who removed them, or the one who left).
 */
export async function revokeKeysOfDeparted(
  tx: Tx,
  ctx: OrgContext,
  { userId, reason, now = new Date() }: { userId: string; reason: "creator_left" | "creator_removed"; now?: Date },
): Promise<number> {
  const orgId = ctx.org.id;
  const keys = await tx.apiKey.findMany({
    where: { orgId, createdById: userId, revokedAt: null, OR: [{ graceEndsAt: null }, { graceEndsAt: { gt: now } }] },
    orderBy: { createdAt: "asc" },
  });
  if (keys.length === 0) return 0;
  await tx.apiKey.updateMany({
    where: { id: { in: keys.map((key) => key.id) }, orgId },
    data: { revokedAt: now, revokedReason: "auto_revoked" },
  });
  for (const key of keys) {
    const metadata = { name: key.name, reason };
    const target = apiKeyTarget(key);
    await appendAuditEntry(tx, { ...auditedBy(ctx), action: "api_key.auto_revoked", target, metadata });
  }
  return keys.length;
}
