import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { apiKeyView, withCreator } from "./api-key-view";
import type { TApiKeyView } from "./schemas";

/** Admins (api_keys.manage_all) see every key of the organization; everyone else their own. */
export async function listApiKeys(tx: Tx | Db, ctx: OrgContext, now = new Date()): Promise<TApiKeyView[]> {
  const rows = await tx.apiKey.findMany({
    where: {
      orgId: ctx.org.id,
      ...(ctx.permissions.includes("api_keys.manage_all") ? {} : { createdById: ctx.principal.userId }),
    },
    include: withCreator,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => apiKeyView(row, now));
}
