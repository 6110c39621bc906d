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
