import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * What exports and bundles read of the part of an organization's trail that left PostgreSQL for the archive
 * (lib/lifecycle/archive/archived-trail-reader.ts implements it over an archive store; the entry points hand it in,
 * since the audit layer sits below the lifecycle domain). Each segment is checked against what the archive recorded
 * as it is read; one missing or altered throws an error naming it and its range.
 */
export interface ArchivedTrailReader {
  /** Where a whole-trail bundle starts: 1, or the entry after the last segment purged at the end of retention. */
  firstKeptSeq(db: Db | Tx, orgId: string): Promise<bigint>;
  /** The chain hash of entry fromSeq − 1 when it is archived (genesis before 1); null when it is not archived. */
  hashBefore(db: Db | Tx, orgId: string, fromSeq: bigint): Promise<string | null>;
  /** Throws a 409 AppError when fromSeq..toSeq reaches into a segment purged at the end of retention. */
  refusePurgedRange(db: Db | Tx, orgId: string, fromSeq: bigint, toSeq: bigint): Promise<void>;
  /** The archived entry lines of fromSeq..toSeq (exactly a bundle's), in batches, oldest first. */
  lineBatches(
    db: Db,
    range: { orgId: string; fromSeq: bigint; toSeq: bigint; batchSize: number },
  ): AsyncGenerator<string[]>;
  /** The archived entries (purged segments left out) a compiled search takes (`where` null: all), in batches. */
  entryBatches(
    db: Db | Tx,
    selection: { orgId: string; where: Prisma.Sql | null; batchSize: number },
  ): AsyncGenerator<TAuditEntryView[]>;
  /** How many entries entryBatches would give. */
  count(db: Db | Tx, selection: { orgId: string; where: Prisma.Sql | null }): Promise<number>;
}
