import "server-only";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { freeTextIndex } from "@/lib/audit/search/free-text-index";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma, type LegalHold } from "@/lib/db/generated/client";
import { datesOverlap, holdCoverageSql } from "./legal-hold-coverage";
import type { TLegalHoldScope } from "./legal-hold-schemas";
import { scopeOf } from "./legal-hold-view";

const sql = Prisma.sql;

/** An active hold that keeps something from being purged or erased. */
/**
 * Serializes, per organization, placing a legal hold with destroying what holds protect: createLegalHold takes it
 * before inserting the hold, and each destroyer (a recording, recordings by source, an erasure) before it reads the
 * holds. A hold being placed is then either seen by the destroyer, or placed once the destruction has committed (and
 * its entry follows the destruction's). Held to the end of the transaction.
 */
export async function lockLegalHolds(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`legal-holds:${orgId}`}, 0))`;
}

export type CoveringHold = { id: string; name: string; matter: string; scope: TLegalHoldScope };
const covering = (row: LegalHold): CoveringHold => ({
  id: row.id,
  name: row.name,
  matter: row.matter,
  scope: scopeOf(row),
});

const activeHolds = (db: Db | Tx, orgId: string) =>
  db.legalHold.findMany({ where: { orgId, releasedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

/** Entries handed in (a segment read back from the archive) as a relation with audit_entries' columns. */
export function entriesRelation(entries: TAuditEntryView[]): Prisma.Sql {
  const rows = entries.map((entry) => ({
    seq: entry.seq,
    occurred_at: entry.occurredAt,
    category: entry.category,
    action: entry.action,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    actor_display: entry.actor.display,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    target_display: entry.target?.display ?? null,
    outcome: entry.outcome,
    ip: entry.ip,
    geo: entry.geo,
    metadata: entry.metadata,
  }));
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS given(seq bigint, occurred_at timestamptz,
    category text, action text, actor_type text, actor_id text, actor_display text, target_type text, target_id text,
    target_display text, outcome text, ip text, geo jsonb, metadata jsonb)`;
}

export type SeqRange = { fromSeq: bigint; toSeq: bigint; fromTime: Date; toTime: Date };

/**
 * The active holds that cover any entry of seqs fromSeq..toSeq (whose times lie within fromTime..toTime):
 * a purge of that range must wait while this is not empty. A whole-org hold covers every range, a date
 * range any range whose times overlap it. People and searches are tested on the entries: `entries` when
 * given (a segment read back from the archive), else the rows still in PostgreSQL; where neither holds
 * every entry of the range, the hold counts as covering it (a purge fails closed).
 */
export async function holdsCoveringRange(
  db: Db | Tx,
  orgId: string,
  range: SeqRange,
  entries?: TAuditEntryView[],
): Promise<CoveringHold[]> {
  const holds = await activeHolds(db, orgId);
  const freeText = await freeTextIndex(db);
  const expected = range.toSeq - range.fromSeq + 1n;
  const found: CoveringHold[] = [];
  for (const row of holds) {
    const scope = scopeOf(row);
    if (scope.kind === "org" || (scope.kind === "dates" && datesOverlap(scope, range.fromTime, range.toTime))) {
      found.push(covering(row));
      continue;
    }
    if (scope.kind === "dates") continue;
    const relation = entries ? entriesRelation(entries) : sql`audit_entries`;
    const orgFilter = entries ? sql`TRUE` : sql`org_id = ${orgId}::uuid`;
    const [{ present, covered }] = await db.$queryRaw<{ present: bigint; covered: boolean }[]>`
      SELECT count(*) AS present, coalesce(bool_or(${holdCoverageSql(scope, freeText)}), false) AS covered
        FROM ${relation}
       WHERE ${orgFilter} AND seq BETWEEN ${range.fromSeq} AND ${range.toSeq}`;
    if (covered || present < expected) found.push(covering(row));
  }
  return found;
}

/**
 * The active holds that cover a person of the organization (by user id): erasing their data must wait
 * while this is not empty. A whole-org hold covers everyone; a people hold names them (by id or email);
 * a date range or a search covers them when it covers an entry where they are the actor or the target.
 */
export async function holdsCoveringSubject(db: Db | Tx, orgId: string, userId: string): Promise<CoveringHold[]> {
  const holds = await activeHolds(db, orgId);
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  const names = [userId, ...(user ? [user.email.toLowerCase()] : [])];
  const freeText = await freeTextIndex(db);
  const found: CoveringHold[] = [];
  for (const row of holds) {
    const scope = scopeOf(row);
    if (scope.kind === "org") found.push(covering(row));
    else if (scope.kind === "people") {
      if (scope.people.some((person) => names.includes(person.toLowerCase()) || person === userId))
        found.push(covering(row));
    } else {
      const [{ covered }] = await db.$queryRaw<{ covered: boolean }[]>`
        SELECT EXISTS (
          SELECT 1 FROM audit_entries
           WHERE org_id = ${orgId}::uuid AND (actor_id = ${userId} OR target_id = ${userId})
             AND ${holdCoverageSql(scope, freeText)}) AS covered`;
      if (covered) found.push(covering(row));
    }
  }
  return found;
}

/**
 * The active holds that cover call recordings (by id, uploaded within fromTime..toTime): deleting them must wait
 * while this is not empty. A whole-org hold covers them all, a date range any whose upload dates it overlaps; a
 * people or search hold covers them when it covers an entry about one of them (the recording as the target:
 * its upload, its redaction, a URL issued) or their uploader.
 */
export async function holdsCoveringRecordings(
  db: Db | Tx,
  orgId: string,
  recordings: { ids: string[]; fromTime: Date; toTime: Date; uploaders: string[] },
): Promise<CoveringHold[]> {
  if (recordings.ids.length === 0) return [];
  const holds = await activeHolds(db, orgId);
  const freeText = await freeTextIndex(db);
  const found: CoveringHold[] = [];
  for (const row of holds) {
    const scope = scopeOf(row);
    if (
      scope.kind === "org" ||
      (scope.kind === "dates" && datesOverlap(scope, recordings.fromTime, recordings.toTime))
    ) {
      found.push(covering(row));
      continue;
    }
    if (scope.kind === "dates") continue;
    if (scope.kind === "people") {
      const named = scope.people.map((person) => person.toLowerCase());
      if (recordings.uploaders.some((uploader) => named.includes(uploader.toLowerCase()))) {
        found.push(covering(row));
        continue;
      }
    }
    const [{ covered }] = await db.$queryRaw<{ covered: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM audit_entries
         WHERE org_id = ${orgId}::uuid AND target_type = 'recording' AND target_id = ANY(${recordings.ids}::text[])
           AND ${holdCoverageSql(scope, freeText)}) AS covered`;
    if (covered) found.push(covering(row));
  }
  return found;
}
