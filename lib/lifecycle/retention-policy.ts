import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { DEFAULT_RETENTION_POLICY, type TRetentionPolicy } from "./retention-policy-view";

/**
 * An organization's audit-trail retention: how long entries are kept (null: forever) and how long they stay in
 * PostgreSQL before the archiver moves them out, in days. An organization that never set one has the defaults
 * (seven years, 400 days). The archiver and the purge at the end of retention read it through here.
 */
export async function retentionPolicyOf(
  db: Pick<Db | Tx, "retentionPolicy">,
  orgId: string,
): Promise<TRetentionPolicy> {
  const row = await db.retentionPolicy.findUnique({
    where: { orgId },
    select: { retentionDays: true, hotWindowDays: true },
  });
  return row ?? { ...DEFAULT_RETENTION_POLICY };
}
