import "server-only";
import { readArchivedPrefix } from "@/lib/audit/archived-prefix";
import { listPublishedLogKeys } from "@/lib/audit/checkpoints/log-keys";
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
  /** Entries 1..archivedThrough left PostgreSQL for the archive: `verity archive restore` reads them. */
  archivedThrough: number;
  truncated: boolean;
};

/**
 * The organization's entries where the subject is the actor or the target (by user id, or by the address the
 * trail displays), each with what a verifier needs: the content and chain hashes, and an inclusion proof in
 * the newest checkpoint already signed (none is signed here: the request's transaction must stay short).
 */
export async function subjectEntries(
  db: Db | Tx,
  orgId: string,
  subject: Subject,
  keyIds: string[] = [],
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
  const truncated = rows.length > MAX_SUBJECT_ENTRIES;
  const stored = (await listCheckpoints(db, orgId)).at(-1);
  const tiles = databaseTiles(db, orgId);
  const entries: SubjectEntries["entries"] = [];
  for (const row of rows.slice(0, MAX_SUBJECT_ENTRIES)) {
    const entry = bundleEntryOf(orgId, row);
    const proven = stored && entry.seq <= Number(stored.size);
    const proof = proven ? await inclusionProof(entry.seq - 1, Number(stored.size), tiles) : null;
    entries.push(proof ? { ...entry, inclusionProof: proof.map((hash) => hash.toString("hex")) } : entry);
  }
  const key = stored && (await listPublishedLogKeys(db)).find((published) => published.keyId === stored.keyId);
  const checkpoint = stored
    ? { note: await cosignedNote(db, orgId, stored), size: Number(stored.size), logKey: key?.vkey ?? null }
    : null;
  const archivedThrough = Number((await readArchivedPrefix(db, orgId)).throughSeq);
  return { entries, checkpoint, archivedThrough, truncated };
}
