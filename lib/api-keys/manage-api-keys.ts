import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db";
import { assertApiKeyAllowed } from "@/lib/billing/limits";
import { AppError, type FieldErrors } from "@/lib/http/app-error";
import type { Permission } from "@/lib/rbac/permissions";
import { apiKeyStatus, apiKeyTarget, apiKeyView, withCreator, type KeyRow } from "./api-key-view";
import { generateApiKey } from "./key-format";
import { childBounds, lockCreatingKey, revokeDescendants } from "./key-lineage";
import { ZApiKeyId, ZCreateApiKey, type TApiKeyView } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

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
 * Creates a key for the person creating it (its holder). Its scopes must be permissions the creator
 * holds now; a key creating a key (through the API) is the child's parent, and the child is never
 * broader than it (lib/api-keys/key-lineage.ts). Either way nobody mints a key stronger than themselves.
 */
export async function createApiKey(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZCreateApiKey>,
  now = new Date(),
): Promise<{ key: string; apiKey: TApiKeyView }> {
  const input = ZCreateApiKey.parse(rawInput);
  const creatingKey = await lockCreatingKey(tx, ctx);
  const errors: FieldErrors = {};
  const reasons: string[] = [];
  const beyond = input.scopes.filter((scope) => !ctx.permissions.includes(scope));
  if (beyond.length > 0) {
    errors.scopes = [`${creatingKey ? "This key does" : "You do"} not hold ${beyond.join(", ")}.`];
    reasons.push(`A key cannot hold permissions its creator lacks: ${beyond.join(", ")}.`);
  }
  let expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  if (creatingKey) {
    const bounds = childBounds(creatingKey, input, now);
    expiresAt = bounds.expiresAt;
    if (Object.keys(bounds.errors).length > 0) {
      Object.assign(errors, bounds.errors);
      reasons.push("A key cannot create a key broader than itself: each field it exceeds is named.");
    }
  }
  if (reasons.length > 0) {
    throw new AppError("forbidden", reasons.join(" "), errors, { permission: "api_keys.create", reason: "broader_than_creator" });
  }
  await assertApiKeyAllowed(tx, ctx, now);
  const secret = generateApiKey(input.environment);
  const row = await tx.apiKey.create({
    data: {
      orgId: ctx.org.id,
      createdById: ctx.principal.userId,
      createdByKeyId: creatingKey?.id ?? null,
      name: input.name,
      environment: input.environment === "live" ? "LIVE" : "TEST",
      prefix: secret.prefix,
      last4: secret.last4,
      keyHash: secret.keyHash,
      scopes: input.scopes,
      readOnly: input.readOnly,
      allowedCidrs: input.allowedCidrs,
      rateLimitPerMinute: input.rateLimitPerMinute,
      expiresAt,
      createdAt: now,
    },
    include: withCreator,
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "api_key.created",
    target: apiKeyTarget(row),
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
export async function findManageableKey(tx: Tx, ctx: OrgContext, keyId: string, permission: Permission): Promise<KeyRow> {
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

/**
 * Revokes a key at once, and every key it created (and they created), each recorded. Revoking a
 * revoked key is a no-op, not an error (a double click).
 */
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
    ...auditedBy(ctx),
    action: "api_key.revoked",
    target: apiKeyTarget(key),
    metadata: { name: key.name, reason: "revoked" },
  });
  await revokeDescendants(tx, ctx, { keyId: key.id, now });
  return apiKeyView(revoked, now);
}
