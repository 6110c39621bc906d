import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { apiKeyStatus, apiKeyTarget, apiKeyView, withCreator, type KeyRow } from "./api-key-view";
import { generateApiKey } from "./key-format";
import { isSelfOrDescendant } from "./key-lineage";
import { findManageableKey } from "./find-manageable-key";
import { API_KEY_LIMITS, ZRollApiKey, type TApiKeyView } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Rolling hands over a new secret, so only the key's holder may roll it: a key acts for its holder,
 * and whoever else received its secret would act as them (an admin rolling the owner's key would
 * hold an owner's key, surviving their own removal). Admins revoke other people's keys instead. A key
 * rolling through the API rolls only itself or a key below it: any other key of its holder may be
 * stronger than the caller.
 */
async function assertMayRoll(tx: Tx, ctx: OrgContext, key: KeyRow) {
  if (key.createdById !== ctx.principal.userId) {
    throw new AppError(
      "forbidden",
      `Only the person who holds this key (${key.createdBy.email}) can roll it, since rolling hands over a ` +
        `new secret. Revoke it instead; its holder can create a new one.`,
      undefined,
      { permission: "api_keys.create", reason: "roll_of_key_held_by_another" },
    );
  }
  if (ctx.principal.type === "api_key" && !(await isSelfOrDescendant(tx, ctx.org.id, ctx.principal.keyId, key.id))) {
    throw new AppError(
      "forbidden",
      "A key can roll only itself and the keys it created: another key's replacement could do more than this key.",
      undefined,
      {
        permission: "api_keys.create",
        reason: "roll_of_key_outside_lineage",
      },
    );
  }
}

/**
 * Rolls a key: a new key with the same settings and a fresh lifetime of the same length replaces it
 * (never past the expiry of the key that created it); the old key keeps working for the grace period
 * (0 to 7 days) so deployments can switch over. Keys the old key created move to the replacement.
 */
export async function rollApiKey(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZRollApiKey>,
  now = new Date(),
): Promise<{ key: string; apiKey: TApiKeyView; previous: TApiKeyView }> {
  const { keyId, graceHours } = ZRollApiKey.parse(rawInput);
  const key = await findManageableKey(tx, ctx, keyId, "api_keys.create");
  await assertMayRoll(tx, ctx, key);
  const status = apiKeyStatus(key, now);
  const refused = (why: string) => new AppError("conflict", `This key is ${why}: create a new key instead.`);
  if (status === "revoked" || status === "expired" || status === "rolling")
    throw refused(status === "rolling" ? "already rolled" : status);
  const graceEndsAt = new Date(now.getTime() + graceHours * 60 * 60 * 1000);
  // Compare-and-set: of two concurrent rolls of one key, one wins and the other is told it was rolled.
  const { count } = await tx.apiKey.updateMany({
    where: { id: key.id, orgId: ctx.org.id, revokedAt: null, graceEndsAt: null },
    data: graceHours === 0 ? { revokedAt: now, revokedReason: "rolled" } : { graceEndsAt, revokedReason: "rolled" },
  });
  if (count === 0) throw refused("already rolled");
  const previous = await tx.apiKey.findUniqueOrThrow({
    where: { id: key.id, orgId: ctx.org.id },
    include: withCreator,
  });
  const parent = key.createdByKeyId
    ? await tx.apiKey.findFirst({ where: { id: key.createdByKeyId, orgId: ctx.org.id }, select: { expiresAt: true } })
    : null;
  const lifetimeMs = Math.min(key.expiresAt.getTime() - key.createdAt.getTime(), API_KEY_LIMITS.maxExpiryDays * DAY_MS);
  const expiresAt = new Date(Math.min(now.getTime() + lifetimeMs, parent?.expiresAt.getTime() ?? Infinity));
  const secret = generateApiKey(key.environment === "LIVE" ? "live" : "test");
  const replacement = await tx.apiKey.create({
    data: {
      orgId: ctx.org.id,
      createdById: key.createdById,
      createdByKeyId: key.createdByKeyId,
      name: key.name,
      environment: key.environment,
      prefix: secret.prefix,
      last4: secret.last4,
      keyHash: secret.keyHash,
      scopes: key.scopes,
      readOnly: key.readOnly,
      allowedCidrs: key.allowedCidrs,
      rateLimitPerMinute: key.rateLimitPerMinute,
      expiresAt,
      createdAt: now,
      rolledFromId: key.id,
    },
    include: withCreator,
  });
  // Its children follow the replacement: a roll is a rotation, not a revocation.
  await tx.apiKey.updateMany({
    where: { orgId: ctx.org.id, createdByKeyId: key.id },
    data: { createdByKeyId: replacement.id },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "api_key.rolled",
    target: apiKeyTarget(key),
    metadata: {
      name: key.name,
      replacementId: replacement.id,
      graceHours,
      oldKeyWorksUntil: (graceHours === 0 ? now : graceEndsAt).toISOString(),
    },
  });
  return { key: secret.key, apiKey: apiKeyView(replacement, now), previous: apiKeyView(previous, now) };
}
