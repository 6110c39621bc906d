import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { apiKeyTarget, apiKeyView, withCreator } from "./api-key-view";
import { findManageableKey } from "./find-manageable-key";
import { ZRenameApiKey, type TApiKeyView } from "./schemas";

/**
 * Renames a key (its holder, or anyone with api_keys.manage_all), recorded with the old and new names. The name
 * is all that changes, whatever the key's status (a revoked key's name still labels it in the trail's history);
 * the same name again is a no-op, not an entry.
 */
export async function renameApiKey(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZRenameApiKey>,
  now = new Date(),
): Promise<TApiKeyView> {
  const { keyId, name } = ZRenameApiKey.parse(rawInput);
  const key = await findManageableKey(tx, ctx, keyId, "api_keys.create");
  if (key.name === name) return apiKeyView(key, now);
  const renamed = await tx.apiKey.update({
    where: { id: key.id, orgId: ctx.org.id },
    data: { name },
    include: withCreator,
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "api_key.renamed",
    target: apiKeyTarget(renamed),
    metadata: { from: key.name, to: name },
  });
  return apiKeyView(renamed, now);
}
