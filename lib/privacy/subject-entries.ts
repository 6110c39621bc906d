import "server-only";
import { readArchivedPrefix } from "@/lib/audit/archived-prefix";
import { listPublishedLogKeys } from "@/lib/audit/checkpoints/log-keys";
import type { ArchivedTrailReader } from "@/lib/audit/export/archived-trail-reader";
import type { TBundleEntry } from "@/lib/audit/export/audit-bundle-format";
import { bundleEntryOf } from "@/lib/audit/export/export-audit-bundle";
import { databaseTiles } from "@/lib/audit/integrate/database-tiles";
import { listCheckpoints } from "@/lib/audit/integrate/last-checkpoint";
import { cosignedNote } from "@/lib/audit/published/cosigned-note";
import { ENTRY_TEXT_COLUMNS, readChainHead, readEntryPage, type EntryTextRow } from "@/lib/audit/read-entry-pages";
import { inclusionProof } from "@/lib/audit/tree/proofs";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Subject } from "./find-subject";

/** At most this many of a person's entries go in one package (the rest are named by count, for a second pass). */
export const MAX_SUBJECT_ENTRIES = 50_000;

export type SubjectEntries = {
  /** Each entry as a verifiable bundle writes it, with its inclusion proof in `checkpoint` when it covers it. */
  entries: (TBundleEntry & { inclusionProof?: string[] })[];
  /** The newest signed checkpoint, against which each proof is checked (RFC 9162 inclusion, leaf index seq − 1). */
  checkpoint: { note: string; size: number; logKey: string | null } | null;
  /** Entries 1..archivedThrough left PostgreSQL for the archive. */
  archivedThrough: number;
  /**
   * Whether the archived entries were read (from the archive store, each segment checked against what the archive
   * recorded) and the subject's are in `entries`; when not, `verity archive restore` reads them.
   */
  archiveRead: boolean;
  truncated: boolean;
};

/**
 * The organization's entries where the subject is the actor or the target (by user id, or by the address the
 * trail displays), each with what a verifier needs: the content and chain hashes, and an inclusion proof in
 * the newest checkpoint already signed (none is signed here: the request's transaction must stay short). Given
 * the archive, its entries are read too (segments purged at the end of retention excepted), archived ones first:
 * the tree keeps every leaf, so they come with proofs like the others.
 */
export async function subjectEntries(
  db: Db | Tx,
  orgId: string,
  subject: Subject,
  keyIds: string[] = [],
  { archive }: { archive?: ArchivedTrailReader } = {},
): Promise<SubjectEntries> {
  // Their API keys act for them: those keys' entries are theirs too.
  const ids = [subject.named, ...(subject.user ? [subject.user.id] : []), ...keyIds];
  const emails = [subject.email, subject.named].filter((value): value is string => !!value?.includes("@"));
  const where = Prisma.sql`(actor_id = ANY(${ids}::text[]) OR target_id = ANY(${ids}::text[])
    OR lower(actor_display) = ANY(${emails}::text[]) OR lower(target_display) = ANY(${emails}::text[]))`;
  const head = await readChainHead(db, orgId);
  const rows = await readEntryPage<EntryTextRow>(db, {
    orgId,
    columns: ENTRY_TEXT_COLUMNS,
    where,
    afterSeq: 0n,
    throughSeq: head.seq,
    limit: MAX_SUBJECT_ENTRIES + 1,
  });
  const archivedThrough = (await readArchivedPrefix(db, orgId)).throughSeq;
  const archived = archive && archivedThrough > 0n ? await archivedEntriesOf(db, orgId, archive, ids, emails) : [];
  const found = [...archived, ...rows.map((row) => bundleEntryOf(orgId, row))];
  const truncated = found.length > MAX_SUBJECT_ENTRIES;
  const stored = (await listCheckpoints(db, orgId)).at(-1);
  const tiles = databaseTiles(db, orgId);
  const entries: SubjectEntries["entries"] = [];
  for (const entry of found.slice(0, MAX_SUBJECT_ENTRIES)) {
    const proven = stored && entry.seq <= Number(stored.size);
    const proof = proven ? await inclusionProof(entry.seq - 1, Number(stored.size), tiles) : null;
    entries.push(proof ? { ...entry, inclusionProof: proof.map((hash) => hash.toString("hex")) } : entry);
  }
  const key = stored && (await listPublishedLogKeys(db)).find((published) => published.keyId === stored.keyId);
  const checkpoint = stored
    ? { note: await cosignedNote(db, orgId, stored), size: Number(stored.size), logKey: key?.vkey ?? null }
    : null;
  return { entries, checkpoint, archivedThrough: Number(archivedThrough), archiveRead: !!archive, truncated };
}

/** The archived entries the subject acts in or is acted on, by the same rule as the SQL above, oldest first. */
async function archivedEntriesOf(
  db: Db | Tx,
  orgId: string,
  archive: ArchivedTrailReader,
  ids: string[],
  emails: string[],
): Promise<TBundleEntry[]> {
  const concerns = (party: { id: string | null; display: string | null } | null) =>
    !!party &&
    ((party.id !== null && ids.includes(party.id)) ||
      (party.display !== null && emails.includes(party.display.toLowerCase())));
  const fromSeq = await archive.firstKeptSeq(db, orgId);
  const { throughSeq } = await readArchivedPrefix(db, orgId);
  const found: TBundleEntry[] = [];
  if (fromSeq > throughSeq) return found;
  // The reader only queries the segments' records: a transaction serves as well as the client.
  const range = { orgId, fromSeq, toSeq: throughSeq, batchSize: 2_000 };
  for await (const lines of archive.lineBatches(db as Db, range)) {
    for (const line of lines) {
      const entry = JSON.parse(line) as TBundleEntry;
      if (concerns(entry.actor) || concerns(entry.target)) found.push(entry);
      if (found.length > MAX_SUBJECT_ENTRIES) return found;
    }
  }
  return found;
}
