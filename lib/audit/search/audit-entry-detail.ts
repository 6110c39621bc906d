import "server-only";
import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { contentHashOf, GENESIS_HASH, linkHashOf, type EntryContent } from "../entry-content";
import type { TAuditEntryView } from "../audit-entry-view";
import { AUDIT_ENTRY_COLUMNS, entryViewOf, type AuditEntryRow } from "../entry-view-of";

/** A chain holds fewer than 2^53 entries (verification counts them as numbers); a larger seq is no entry's. */
export const ZAuditEntrySeq = z.object({
  seq: z.coerce
    .bigint("Not an entry number.")
    .positive("Entry numbers start at 1.")
    .max(BigInt(Number.MAX_SAFE_INTEGER), `An entry number is at most ${Number.MAX_SAFE_INTEGER}.`),
});

export type EntryVerification = {
  contentOk: boolean;
  linkOk: boolean;
  status: "verified" | "content_mismatch" | "link_mismatch";
};
export type AuditEntryDetail = {
  entry: TAuditEntryView;
  previousSeq: string | null;
  nextSeq: string | null;
  verification: EntryVerification;
};

type DetailRow = AuditEntryRow;

function contentOf(row: DetailRow): EntryContent {
  return {
    id: row.id,
    orgId: row.orgId,
    occurredAt: row.occurredAt,
    category: row.category,
    action: row.action,
    actor: { type: row.actorType as EntryContent["actor"]["type"], id: row.actorId, display: row.actorDisplay },
    target: row.targetType === null ? null : { type: row.targetType, id: row.targetId, display: row.targetDisplay },
    outcome: row.outcome as EntryContent["outcome"],
    ip: row.ip,
    userAgent: row.userAgent,
    geo: (row.geo as EntryContent["geo"]) ?? null,
    requestId: row.requestId,
    metadata: (row.metadata as Record<string, unknown>) ?? {},
  };
}

/**
 * One entry of the organization with its neighbours in the chain and whether it checks out on its
 * own: its content still hashes to contentHash, and it links to the entry before it (prevHash is
 * that entry's hash, and hash = SHA-256(prevHash ‖ contentHash)). Another org's seq is a 404.
 */
export async function getAuditEntryDetail(
  db: Db | Tx,
  { orgId, seq }: { orgId: string; seq: bigint },
): Promise<AuditEntryDetail> {
  const rows = await db.$queryRaw<DetailRow[]>`
    SELECT ${AUDIT_ENTRY_COLUMNS}
      FROM audit_entries
     WHERE org_id = ${orgId}::uuid AND seq BETWEEN ${seq - 1n} AND ${seq + 1n}`;
  const row = rows.find((candidate) => candidate.seq === seq);
  if (!row) throw new AppError("not_found", `There is no audit entry ${seq}.`);
  const previous = rows.find((candidate) => candidate.seq === seq - 1n);
  const next = rows.find((candidate) => candidate.seq === seq + 1n);

  const contentOk = contentHashOf(contentOf(row)) === row.contentHash;
  const expectedPrevHash = seq === 1n ? GENESIS_HASH : previous?.hash;
  const linkOk = row.prevHash === expectedPrevHash && linkHashOf(row.prevHash, row.contentHash) === row.hash;
  return {
    entry: entryViewOf(row),
    previousSeq: previous ? previous.seq.toString() : null,
    nextSeq: next ? next.seq.toString() : null,
    verification: {
      contentOk,
      linkOk,
      status: !contentOk ? "content_mismatch" : !linkOk ? "link_mismatch" : "verified",
    },
  };
}
