import "server-only";
import type { OrgContext } from "@/lib/context";
import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/client";
import { apiKeyView } from "./api-key-view";
import { findManageableKey } from "./find-manageable-key";
import type { TApiKeyView } from "./schemas";
import type { KeyLink, KeyRequestView, KeyUsageDay } from "./api-key-detail-types";
export type { KeyLink, KeyRequestView, KeyUsageDay } from "./api-key-detail-types";

/** As many days as the request log keeps (lib/lifecycle/operational-retention.ts). */
export const REQUEST_LOG_DAYS = 30;
const RECENT_REQUESTS = 50;
const DAY_MS = 24 * 3600_000;

export type ApiKeyDetail = {
  apiKey: TApiKeyView;
  rolledFrom: KeyLink | null;
  rolledTo: KeyLink | null;
  /** The key that created this one through the API, if one did. */
  createdByKey: KeyLink | null;
  recentRequests: KeyRequestView[];
  usage: KeyUsageDay[];
};

const link = { id: true, name: true, prefix: true, last4: true } as const;

/**
 * What a key's detail page shows, to whoever may manage it (its holder, or api_keys.manage_all; another
 * organization's key answers 404 and the probe is recorded by the caller): the key, the keys it was rolled from
 * and to, its last requests and a day-by-day count over the request log's retention.
 */
export async function loadApiKeyDetail(
  tx: Tx,
  ctx: OrgContext,
  keyId: string,
  now = new Date(),
): Promise<ApiKeyDetail> {
  const key = await findManageableKey(tx, ctx, keyId, "api_keys.read");
  const orgId = ctx.org.id;
  const since = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (REQUEST_LOG_DAYS - 1) * DAY_MS,
  );
  const [rolledFrom, rolledTo, createdByKey, requests, counts] = await Promise.all([
    key.rolledFromId ? tx.apiKey.findFirst({ where: { id: key.rolledFromId, orgId }, select: link }) : null,
    tx.apiKey.findFirst({ where: { rolledFromId: key.id, orgId }, select: link }),
    key.createdByKeyId ? tx.apiKey.findFirst({ where: { id: key.createdByKeyId, orgId }, select: link }) : null,
    tx.apiKeyRequest.findMany({
      where: { keyId: key.id, orgId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: RECENT_REQUESTS,
      select: { method: true, path: true, status: true, ip: true, at: true },
    }),
    tx.$queryRaw<{ day: string; requests: number; errors: number }[]>(Prisma.sql`
      SELECT to_char((at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS requests,
             (count(*) FILTER (WHERE status >= 400))::int AS errors
        FROM api_key_requests
       WHERE key_id = ${key.id}::uuid AND org_id = ${orgId}::uuid AND at >= ${since}
       GROUP BY 1`),
  ]);
  const byDay = new Map(counts.map((row) => [row.day, row]));
  const usage = Array.from({ length: REQUEST_LOG_DAYS }, (_, index) => {
    const day = new Date(since.getTime() + index * DAY_MS).toISOString().slice(0, 10);
    const found = byDay.get(day);
    return { day, requests: found?.requests ?? 0, errors: found?.errors ?? 0 };
  });
  return {
    apiKey: apiKeyView(key, now),
    rolledFrom,
    rolledTo,
    createdByKey,
    recentRequests: requests.map((request) => ({ ...request, at: request.at.toISOString() })),
    usage,
  };
}
