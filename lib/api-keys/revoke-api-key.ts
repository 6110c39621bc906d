import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { apiKeyStatus, apiKeyTarget, apiKeyView, withCreator } from "./api-key-view";
import { findManageableKey } from "./find-manageable-key";
import { revokeDescendants } from "./key-lineage";
import { ZApiKeyId, type TApiKeyView } from "./schemas";

/**
 * Revokes a key at once, and every key it created (and they created), each recorded. Revoking a
 * revoked key is a no-op, not an error (a double click).
 */
export async function revokeApiKey(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZApiKeyId>,
  now = new Date(),
): Promise<TApiKeyView> {
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
