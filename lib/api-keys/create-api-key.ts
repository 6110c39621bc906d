import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { assertApiKeyAllowed } from "@/lib/billing/limits";
import { AppError, type FieldErrors } from "@/lib/http/app-error";
import { apiKeyTarget, apiKeyView, withCreator } from "./api-key-view";
import { generateApiKey } from "./key-format";
import { childBounds, lockCreatingKey } from "./key-lineage";
import { ZCreateApiKey, type TApiKeyView } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

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
    throw new AppError("forbidden", reasons.join(" "), errors, {
      permission: "api_keys.create",
      reason: "broader_than_creator",
    });
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
