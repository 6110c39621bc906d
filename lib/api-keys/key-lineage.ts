import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError, type FieldErrors } from "@/lib/http/app-error";
import { rangeWithin } from "./ip-ranges";
import { apiKeyTarget } from "./api-key-view";
import type { TCreateApiKey } from "./schemas";

/**
 * Keys created by keys. A key that creates a key (its child, `createdByKeyId`) hands over a secret,
 * so the child is never broader than its parent: ranges within the parent's, no later expiry, no
 * higher rate, no more scopes, read-only if the parent is; and it is revoked with its parent.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export type CreatingKey = {
  id: string;
  read_only: boolean;
  allowed_cidrs: string[];
  rate_limit_per_minute: number;
  expires_at: Date;
  revoked_at: Date | null;
  grace_ends_at: Date | null;
};

/**
 * The calling key, locked (FOR SHARE) until the transaction ends, so a roll or a revocation of it
 * cannot interleave with the creation of its child; null when a person, not a key, is creating.
 */
export async function lockCreatingKey(tx: Tx, ctx: OrgContext): Promise<CreatingKey | null> {
  if (ctx.principal.type !== "api_key") return null;
  const [key] = await tx.$queryRaw<CreatingKey[]>`
    SELECT id::text, read_only, allowed_cidrs, rate_limit_per_minute, expires_at, revoked_at, grace_ends_at
      FROM api_keys WHERE id = ${ctx.principal.keyId}::uuid AND org_id = ${ctx.org.id}::uuid FOR SHARE`;
  if (!key) throw new Error("the calling API key vanished during its own request");
  if (key.revoked_at || key.grace_ends_at) {
    throw new AppError("conflict", "This key has been rolled or revoked: create keys with its replacement.");
  }
  return key;
}

/**
 * What the child asks for beyond its parent, by field (empty when nothing), and the child's expiry.
 * A lifetime in whole days up to the parent's remaining one, rounded up, is accepted and ends with
 * the parent's: a key with 20 hours left may create a 1-day key, which expires when it does.
 */
export function childBounds(
  parent: CreatingKey,
  input: Pick<TCreateApiKey, "readOnly" | "expiresInDays" | "rateLimitPerMinute"> & { allowedCidrs: string[] },
  now: Date,
) {
  const errors: FieldErrors = {};
  if (parent.read_only && !input.readOnly)
    errors.readOnly = ["A key created by a read-only key must be read-only too."];
  if (parent.allowed_cidrs.length > 0) {
    const ranges = parent.allowed_cidrs.join(", ");
    if (input.allowedCidrs.length === 0)
      errors.allowedCidrs = [`This key is pinned to ${ranges}: a key it creates must be pinned within those ranges.`];
    input.allowedCidrs.forEach((cidr, index) => {
      if (!parent.allowed_cidrs.some((outer) => rangeWithin(cidr, outer))) {
        errors[`allowedCidrs.${index}`] = [`"${cidr}" is not within this key's ranges (${ranges}).`];
      }
    });
  }
  const remainingMs = parent.expires_at.getTime() - now.getTime();
  const maxDays = Math.max(1, Math.ceil(remainingMs / DAY_MS));
  const days = Number(input.expiresInDays);
  if (days > maxDays) {
    errors.expiresInDays = [
      `At most ${maxDays} day${maxDays === 1 ? "" : "s"}: a key cannot create a key that outlives it (it ` +
        `expires at ${parent.expires_at.toISOString()}).`,
    ];
  }
  if (Number(input.rateLimitPerMinute) > parent.rate_limit_per_minute) {
    errors.rateLimitPerMinute = [
      `At most ${parent.rate_limit_per_minute} requests a minute: the limit of the key creating it.`,
    ];
  }
  const expiresAt = new Date(Math.min(now.getTime() + days * DAY_MS, parent.expires_at.getTime()));
  return { errors, expiresAt };
}

/** The keys below `keyId` (children, their children, …) that still work, oldest first. */
async function liveDescendants(tx: Tx, orgId: string, keyId: string, now: Date) {
  return tx.$queryRaw<{ id: string; name: string; prefix: string }[]>`
    WITH RECURSIVE lineage AS (
      SELECT id FROM api_keys WHERE created_by_key_id = ${keyId}::uuid AND org_id = ${orgId}::uuid
      UNION
      SELECT k.id FROM api_keys k JOIN lineage l ON k.created_by_key_id = l.id WHERE k.org_id = ${orgId}::uuid
    )
    SELECT k.id::text, k.name, k.prefix FROM api_keys k JOIN lineage l ON l.id = k.id
     WHERE k.revoked_at IS NULL AND (k.grace_ends_at IS NULL OR k.grace_ends_at > ${now})
     ORDER BY k.created_at, k.id`;
}

/** True when `keyId` is `ancestorId` or one of the keys below it. */
export async function isSelfOrDescendant(tx: Tx, orgId: string, ancestorId: string, keyId: string): Promise<boolean> {
  if (ancestorId === keyId) return true;
  const [row] = await tx.$queryRaw<{ found: boolean }[]>`
    WITH RECURSIVE ancestry AS (
      SELECT id, created_by_key_id FROM api_keys WHERE id = ${keyId}::uuid AND org_id = ${orgId}::uuid
      UNION
      SELECT k.id, k.created_by_key_id FROM api_keys k JOIN ancestry a ON k.id = a.created_by_key_id WHERE k.org_id = ${orgId}::uuid
    )
    SELECT EXISTS (SELECT 1 FROM ancestry WHERE id = ${ancestorId}::uuid) AS found`;
  return row?.found === true;
}

/**
 * Revokes every working key below a key that has just been revoked, in the same transaction, each
 * recorded as api_key.auto_revoked (reason parent_revoked) by whoever revoked the parent.
 */
export async function revokeDescendants(
  tx: Tx,
  ctx: OrgContext,
  { keyId, now }: { keyId: string; now: Date },
): Promise<number> {
  const orgId = ctx.org.id;
  const keys = await liveDescendants(tx, orgId, keyId, now);
  if (keys.length === 0) return 0;
  await tx.apiKey.updateMany({
    where: { id: { in: keys.map((key) => key.id) }, orgId },
    data: { revokedAt: now, revokedReason: "auto_revoked" },
  });
  for (const key of keys) {
    const metadata = { name: key.name, reason: "parent_revoked" };
    const target = apiKeyTarget(key);
    await appendAuditEntry(tx, { ...auditedBy(ctx), action: "api_key.auto_revoked", target, metadata });
  }
  return keys.length;
}
