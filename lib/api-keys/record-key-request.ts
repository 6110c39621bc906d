import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { queryPrepared, type Db } from "@/lib/db/client";
import ipaddr from "ipaddr.js";

export type KeyRequest = {
  orgId: string;
  keyId: string;
  method: string;
  path: string;
  status: number;
  ip: string | null;
  at?: Date;
};

const PATH_LIMIT = 200;

/**
 * Writes one line of a key's request log (its detail page): one prepared INSERT, outside any transaction, that
 * commits asynchronously like the key lookup (authenticate-api-key.ts): the row is a convenience for the key's
 * holder, not evidence (what the request changed is in the audit trail), so it does not wait for its WAL to reach
 * disk. The cost on the API key path is that one round trip (an index insert on (key_id, at) and on at, and the
 * foreign key's check of the key's primary key), measured by bench/api-key-auth.ts. A failure is logged and
 * swallowed: the request has already been answered, and a missing log line must not turn it into an error.
 */
export async function recordKeyRequest(db: Db, request: KeyRequest): Promise<void> {
  const { orgId, keyId, method, status, at = new Date() } = request;
  const path = request.path.slice(0, PATH_LIMIT);
  const ip = request.ip && ipaddr.isValid(request.ip) ? request.ip : null;
  try {
    await queryPrepared(
      db,
      "verity_api_key_request",
      Prisma.sql`
      WITH asynchronous_commit AS (SELECT set_config('synchronous_commit', 'off', true))
      INSERT INTO api_key_requests (org_id, key_id, method, path, status, ip, at)
      SELECT ${orgId}::uuid, ${keyId}::uuid, ${method.toUpperCase().slice(0, 10)}, ${path}, ${status}::smallint,
             ${ip}::inet, ${at}::timestamptz
        FROM asynchronous_commit`,
    );
  } catch (error) {
    console.error(`api key request log: could not record a request of key ${keyId}: ${(error as Error).message}`);
  }
}

/** At most this many refused requests of one key are logged per minute (per instance); the rest are not. */
export const REFUSED_LOG_PER_MINUTE = 20;
/** Keys tracked at once; past it the oldest window is forgotten (a flood of distinct keys cannot grow memory). */
const REFUSED_KEYS_TRACKED = 10_000;
const refusedWindows = new Map<string, { minute: number; count: number }>();

/**
 * A refused request of a genuine key (revoked, expired, from an address its pinning refuses): logged like any
 * other, but at most REFUSED_LOG_PER_MINUTE per key and minute in this process (a bounded in-process map, so
 * several instances log at most that many each), and not awaited: whoever keeps calling with a dead key gets the
 * refusal at once and cannot make the database write a row per call. The refusal itself is evidence elsewhere
 * (the audit trail's denial entries, which have their own window). Answers whether a line was written.
 */
export function recordRefusedKeyRequest(db: Db, request: KeyRequest, now = Date.now()): boolean {
  const minute = Math.floor(now / 60_000);
  const window = refusedWindows.get(request.keyId);
  if (window && window.minute === minute && window.count >= REFUSED_LOG_PER_MINUTE) return false;
  refusedWindows.delete(request.keyId); // re-inserted last: the map's order is least recently refused first
  refusedWindows.set(request.keyId, { minute, count: window?.minute === minute ? window.count + 1 : 1 });
  if (refusedWindows.size > REFUSED_KEYS_TRACKED) refusedWindows.delete(refusedWindows.keys().next().value!);
  void recordKeyRequest(db, { ...request, at: new Date(now) });
  return true;
}
