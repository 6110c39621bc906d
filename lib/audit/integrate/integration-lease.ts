import "server-only";
import { hash } from "node:crypto";
import type { Tx } from "@/lib/db/client";

/**
 * The advisory-lock key of an organization's integration: the first 8 bytes of SHA-256 of a fixed label and
 * the org id, as PostgreSQL's signed bigint. The label keeps it apart from any other use of advisory locks.
 */
export function integrationLeaseKey(orgId: string): bigint {
  return hash("sha256", `verity audit integration\n${orgId}`, "buffer").readBigInt64BE(0);
}

/**
 * Takes the organization's integration lease for the rest of the transaction (a transaction-level advisory
 * lock: released by the commit or the rollback, never left behind by a worker that dies). With `wait` it
 * waits for a worker that holds it; without, it answers false at once. Several workers therefore integrate
 * different orgs side by side and never the same org twice. The embedded database runs one transaction at
 * a time, which serializes integrations by itself.
 */
export async function takeIntegrationLease(tx: Tx, orgId: string, { wait }: { wait: boolean }): Promise<boolean> {
  const key = integrationLeaseKey(orgId);
  if (wait) {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${key}::bigint)::text AS locked`;
    return true;
  }
  const rows = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${key}::bigint) AS locked`;
  return rows[0]?.locked === true;
}
