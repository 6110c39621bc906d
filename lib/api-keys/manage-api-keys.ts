import "server-only";
import type { z } from "zod";
import { appendAuditEntry, type AuditActor, type AuditRequestContext, type AuditTarget } from "@/lib/audit";
import type { Db, Tx } from "@/lib/db";
import type { ApiKey } from "@/lib/db/generated/client";
import type { OrgContext } from "@/lib/guard/org-access";
import { actorOf, apiKeyDisplay } from "@/lib/guard/principal";
import { assertApiKeyAllowed } from "@/lib/billing/limits";
import { AppError } from "@/lib/http/app-error";
import type { Permission } from "@/lib/rbac/permissions";
import { generateApiKey } from "./key-format";
import { API_KEY_LIMITS, ZApiKeyView, ZCreateApiKey, type TApiKeyView, ZRollApiKey, ZApiKeyId } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

type KeyRow = ApiKey & { createdBy: { id: string; email: string } };

/** Where a key stands at `now`: the screen's status column and the API's `status` field. */
export function apiKeyStatus(key: Pick<ApiKey, "revokedAt" | "expiresAt" | "graceEndsAt">, now: Date): TApiKeyView["status"] {
  if (key.revokedAt) return "revoked";
  if (key.graceEndsAt) return key.graceEndsAt > now ? "rolling" : "revoked";
  if (key.expiresAt <= now) return "expired";
  return key.expiresAt.getTime() - now.getTime() <= API_KEY_LIMITS.reminderDays * DAY_MS ? "expiring" : "active";
}

export function apiKeyView(key: KeyRow, now = new Date()): TApiKeyView {
  return ZApiKeyView.parse({
    id: key.id,
    name: key.name,
    environment: key.environment === "LIVE" ? "live" : "test",
    prefix: key.prefix,
    last4: key.last4,
    scopes: key.scopes,
    readOnly: key.readOnly,
    allowedCidrs: key.allowedCidrs,
    rateLimitPerMinute: key.rateLimitPerMinute,
    expiresAt: key.expiresAt.toISOString(),
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    status: apiKeyStatus(key, now),
    revokedAt: key.revokedAt?.toISOString() ?? null,
    revokedReason: key.revokedReason,
    graceEndsAt: key.graceEndsAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: key.lastUsedIp,
    rolledFromId: key.rolledFromId,
  });
}

export function apiKeyTarget(key: Pick<ApiKey, "id" | "name" | "prefix">): AuditTarget {
  return { type: "api_key", id: key.id, display: apiKeyDisplay(key) };
}

const withCreator = { createdBy: { select: { id: true, email: true } } } as const;

/** Admins (api_keys.manage_all) see every key of the organization; everyone else their own. */
export async function listApiKeys(tx: Tx | Db, ctx: OrgContext, now = new Date()): Promise<TApiKeyView[]> {
  const rows = await tx.apiKey.findMany({
    where: { orgId: ctx.org.id, ...(ctx.permissions.includes("api_keys.manage_all") ? {} : { createdById: ctx.principal.userId }) },
    include: withCreator,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => apiKeyView(row, now));
}

/**
 * Creates a key. Its scopes must be permissions the creator holds now (for a key creating a key: the
 * calling key's effective permissions), so nobody mints a key stronger than themselves.
 */
export async function createApiKey(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZCreateApiKey>,
  now = new Date(),
): Promise<{ key: string; apiKey: TApiKeyView }> {
  const input = ZCreateApiKey.parse(rawInput);
  const beyond = input.scopes.filter((scope) => !ctx.permissions.includes(scope));
  if (beyond.length > 0) {
    throw new AppError("forbidden", `A key cannot hold permissions its creator lacks: ${beyond.join(", ")}.`, {
      scopes: [`You do not hold ${beyond.join(", ")}.`],
    });
  }
  await assertApiKeyAllowed(tx, ctx, now);
  const secret = generateApiKey(input.environment);
  const row = await tx.apiKey.create({
    data: {
      orgId: ctx.org.id,
      createdById: ctx.principal.userId,
      name: input.name,
      environment: input.environment === "live" ? "LIVE" : "TEST",
      prefix: secret.prefix,
      last4: secret.last4,
      keyHash: secret.keyHash,
      scopes: input.scopes,
      readOnly: input.readOnly,
      allowedCidrs: input.allowedCidrs,
      rateLimitPerMinute: input.rateLimitPerMinute,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      createdAt: now,
    },
    include: withCreator,
  });
  await appendAuditEntry(tx, {
    orgId: ctx.org.id,
    action: "api_key.created",
    actor: actorOf(ctx.principal),
    target: apiKeyTarget(row),
    context: ctx.request,
    metadata: {
      name: row.name,
      environment: input.environment,
      scopes: row.scopes,
      readOnly: row.readOnly,
      allowedCidrs: row.allowedCidrs,
      rateLimitPerMinute: row.rateLimitPerMinute,
      expiresAt: row.expiresAt.toISOString(),
    },
  });
  return { key: secret.key, apiKey: apiKeyView(row, now) };
}

/**
 * A key of this organization that the caller may manage: their own with api_keys.create, anyone's with
 * api_keys.manage_all. Another organization's key id answers like an unknown one, and is recorded.
 */
async function findManageableKey(tx: Tx, ctx: OrgContext, keyId: string, permission: Permission): Promise<KeyRow> {
  const key = await tx.apiKey.findFirst({ where: { id: keyId, orgId: ctx.org.id }, include: withCreator });
  const notFound = new AppError("not_found", "No such API key in this organization.");
  if (!key) {
    const elsewhere = await tx.apiKey.findFirst({ where: { id: keyId, orgId: { not: ctx.org.id } }, select: { orgId: true } });
    if (!elsewhere) throw notFound;
    throw new AppError("not_found", notFound.message, undefined, { permission, reason: "foreign_api_key", crossTenant: true, targetOrgId: elsewhere.orgId });
  }
  if (key.createdById !== ctx.principal.userId && !ctx.permissions.includes("api_keys.manage_all")) {
    // Someone else's key, seen only by those who may manage every key: a plain 404, recorded as a denial.
    throw new AppError("not_found", notFound.message, undefined, { permission: "api_keys.manage_all", reason: "not_own_api_key" });
  }
  return key;
}

/** Revokes a key at once. Revoking a revoked key is a no-op, not an error (a double click). */
export async function revokeApiKey(tx: Tx, ctx: OrgContext, rawInput: z.input<typeof ZApiKeyId>, now = new Date()): Promise<TApiKeyView> {
  const { keyId } = ZApiKeyId.parse(rawInput);
  const key = await findManageableKey(tx, ctx, keyId, "api_keys.create");
  if (apiKeyStatus(key, now) === "revoked") return apiKeyView(key, now);
  const revoked = await tx.apiKey.update({
    where: { id: key.id, orgId: ctx.org.id },
    data: { revokedAt: now, revokedReason: "revoked", graceEndsAt: null },
    include: withCreator,
  });
  await appendAuditEntry(tx, {
    orgId: ctx.org.id,
    action: "api_key.revoked",
    actor: actorOf(ctx.principal),
    target: apiKeyTarget(key),
    context: ctx.request,
    metadata: { name: key.name, reason: "revoked" },
  });
  return apiKeyView(revoked, now);
}

/**
 * Rolls a key: a new key with the same settings and a fresh lifetime of the same length replaces it;
 * the old key keeps working for the grace period (0 to 7 days) so deployments can switch over.
 */
export async function rollApiKey(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZRollApiKey>,
  now = new Date(),
): Promise<{ key: string; apiKey: TApiKeyView; previous: TApiKeyView }> {
  const { keyId, graceHours } = ZRollApiKey.parse(rawInput);
  const key = await findManageableKey(tx, ctx, keyId, "api_keys.create");
  const status = apiKeyStatus(key, now);
  if (status === "revoked" || status === "expired" || status === "rolling") {
    throw new AppError("conflict", `This key is ${status === "rolling" ? "already rolled" : status}: create a new key instead.`);
  }
  const lifetimeMs = Math.min(key.expiresAt.getTime() - key.createdAt.getTime(), API_KEY_LIMITS.maxExpiryDays * DAY_MS);
  const graceEndsAt = new Date(now.getTime() + graceHours * 60 * 60 * 1000);
  const previous = await tx.apiKey.update({
    where: { id: key.id, orgId: ctx.org.id },
    data: graceHours === 0 ? { revokedAt: now, revokedReason: "rolled" } : { graceEndsAt, revokedReason: "rolled" },
    include: withCreator,
  });
  const secret = generateApiKey(key.environment === "LIVE" ? "live" : "test");
  const replacement = await tx.apiKey.create({
    data: {
      orgId: ctx.org.id,
      createdById: key.createdById,
      name: key.name,
      environment: key.environment,
      prefix: secret.prefix,
      last4: secret.last4,
      keyHash: secret.keyHash,
      scopes: key.scopes,
      readOnly: key.readOnly,
      allowedCidrs: key.allowedCidrs,
      rateLimitPerMinute: key.rateLimitPerMinute,
      expiresAt: new Date(now.getTime() + lifetimeMs),
      createdAt: now,
      rolledFromId: key.id,
    },
    include: withCreator,
  });
  await appendAuditEntry(tx, {
    orgId: ctx.org.id,
    action: "api_key.rolled",
    actor: actorOf(ctx.principal),
    target: apiKeyTarget(key),
    context: ctx.request,
    metadata: { name: key.name, replacementId: replacement.id, graceHours, oldKeyWorksUntil: (graceHours === 0 ? now : graceEndsAt).toISOString() },
  });
  return { key: secret.key, apiKey: apiKeyView(replacement, now), previous: apiKeyView(previous, now) };
}

/**
 * A person who leaves an organization, or is removed from it, takes no access with them: their keys
 * there are revoked in the same transaction, each one recorded.
 */
export async function revokeKeysOfDeparted(
  tx: Tx,
  { orgId, userId, reason, actor, context, now = new Date() }: {
    orgId: string;
    userId: string;
    reason: "creator_left" | "creator_removed";
    actor: AuditActor;
    context: AuditRequestContext | null;
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
