import "server-only";
import type { Db, Tx } from "@/lib/db/client";

/** The hot window and audit retention when an organization has set neither (issue 18: 400 days, 7 years). */
export const DEFAULT_HOT_WINDOW_DAYS = 400;
export const DEFAULT_RETENTION_DAYS = 7 * 365 + 2;

export type ArchivePolicy = { hotWindowDays: number; retentionDays: number | null };

/**
 * How long the organization's entries stay in PostgreSQL before archiving, and how long they are kept at all
 * (null: forever), which is also how long an archived object is locked. The one place to read the per-org
 * retention policy from once it exists (retentionPolicyOf in lib/lifecycle); the defaults until then.
 */
export async function archivePolicyOf(_db: Db | Tx, _orgId: string): Promise<ArchivePolicy> {
  return { hotWindowDays: DEFAULT_HOT_WINDOW_DAYS, retentionDays: DEFAULT_RETENTION_DAYS };
}
