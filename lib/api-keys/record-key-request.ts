import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { queryPrepared, type Db } from "@/lib/db/client";
import { GroupWriter, writerPerClient } from "@/lib/db/group-writer";
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

type Line = Required<KeyRequest>;

/**
 * Each client's writer of request-log lines (GroupWriter): one INSERT for the lines of every request answered meanwhile.
 * Two writes in flight, as the standalone appender: a slow write holds up only the lines queued behind both.
 */
const writerOf = writerPerClient(
  (db: Db) => new GroupWriter<Line>((lines) => insertLines(db, lines), { inFlight: 2, groupSize: 500 }),
);

/** Lines of the log in one prepared INSERT, committed asynchronously (recordKeyRequest says why). */
async function insertLines(db: Db, lines: Line[]): Promise<void[]> {
  const column = <T>(of: (line: Line) => T) => lines.map(of);
  await queryPrepared(
    db,
    "verity_api_key_requests",
    Prisma.sql`
    WITH asynchronous_commit AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO api_key_requests (org_id, key_id, method, path, status, ip, at)
    SELECT line.org_id, line.key_id, line.method, line.path, line.status, line.ip, line.at
      FROM asynchronous_commit,
           unnest(${column((line) => line.orgId)}::uuid[], ${column((line) => line.keyId)}::uuid[],
                  ${column((line) => line.method)}::text[], ${column((line) => line.path)}::text[],
                  ${column((line) => line.status)}::smallint[], ${column((line) => line.ip)}::inet[],
                  ${column((line) => line.at)}::timestamptz[])
             AS line(org_id, key_id, method, path, status, ip, at)`,
  );
  return lines.map(() => undefined);
}

/**
 * Writes one line of a key's request log (its detail page), outside any transaction, committed asynchronously like
 * the key lookup (authenticate-api-key.ts): the row is a convenience for the key's holder, not evidence (what the
 * request changed is in the audit trail), so it does not wait for its WAL to reach disk. Lines of requests answered
 * at the same moment share one INSERT (GroupWriter): a busy key costs one round trip per group of requests, not per
 * request (measured by bench/api-key-auth.ts and bench/api-throughput.ts). Resolves once the line is written. A
 * failure is logged and swallowed: the request has already been answered, and a missing log line must not turn it
 * into an error.
 */
export async function recordKeyRequest(db: Db, request: KeyRequest): Promise<void> {
  const { orgId, keyId, status, at = new Date() } = request;
  const method = request.method.toUpperCase().slice(0, 10);
  const path = request.path.slice(0, PATH_LIMIT);
  const ip = request.ip && ipaddr.isValid(request.ip) ? request.ip : null;
  try {
    await writerOf(db).add({ orgId, keyId, method, path, status, ip, at });
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
