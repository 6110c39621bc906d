import "server-only";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { auditedBy, type OrgContext } from "@/lib/context";
import { appendAuditEntryOnItsOwn } from "../append-audit-entry-on-its-own";
import { readArchivedPrefix } from "../archived-prefix";
import { compileAuditSearch } from "../search/compile-audit-search";
import { freeTextIndex } from "../search/free-text-index";
import type { ArchivedTrailReader } from "./archived-trail-reader";
import type { StreamOutcome } from "./entry-stream";
import { planAuditBundle, streamAuditBundle } from "./export-audit-bundle";
import { chainHeadSeq, exportAuditEntries, type AuditExport } from "./export-audit-entries";
import { EXPORT_TOTAL_HEADER, type TAuditDownload } from "./audit-download-query";

/** A download whose compression is decided (the query's gzip, else the organization's setting). */
type Download = TAuditDownload & { gzip: boolean };

type Planned = { total: number; start: (db: Db, onProgress: (count: number) => void) => AuditExport };

/** Opens the archive's reader (lib/lifecycle/archive/archived-trail-reader.ts): the entry point hands it in. */
export type OpenArchivedTrail = () => Promise<ArchivedTrailReader>;

/** The archive's reader, when the download includes the archive and the organization has archived entries. */
async function archiveOf(tx: Tx, orgId: string, download: Download, open?: OpenArchivedTrail) {
  if (!open || !download.archive || (await readArchivedPrefix(tx, orgId)).throughSeq === 0n) return undefined;
  return open();
}

/** Reads what is decided inside the request's transaction: a bad search or range is a 400 before any byte. */
async function planDownload(
  tx: Tx,
  orgId: string,
  download: Download,
  openArchive?: OpenArchivedTrail,
): Promise<Planned> {
  const { format, gzip } = download;
  const archive = await archiveOf(tx, orgId, download, openArchive);
  if (format === "bundle") {
    const header = await planAuditBundle(tx, {
      orgId,
      ...(download.fromSeq === undefined ? {} : { fromSeq: download.fromSeq }),
      ...(download.toSeq === undefined ? {} : { toSeq: download.toSeq }),
      ...(archive ? { archive } : {}),
    });
    return {
      total: header.count,
      start: (db, onProgress) => streamAuditBundle(db, header, { gzip, onProgress, ...(archive ? { archive } : {}) }),
    };
  }
  // The search compiled as the screen's and the API's pages compile it.
  const { where } = compileAuditSearch({ q: download.q }, await freeTextIndex(tx));
  // The count and the export stop at the same seq, so the total the screen shows is what arrives.
  const throughSeq = await chainHeadSeq(tx, orgId);
  const [{ total }] = await tx.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM audit_entries WHERE org_id = ${orgId}::uuid AND seq <= ${throughSeq} AND ${where}`;
  const matchAll = download.q.trim() === "";
  // Archived matches are counted by reading the segments (once more when the export streams them).
  const archivedTotal = archive ? await archive.count(tx, { orgId, where: matchAll ? null : where }) : 0;
  return {
    total: Number(total) + archivedTotal,
    start: (db, onProgress) =>
      exportAuditEntries(db, {
        orgId,
        where,
        format,
        gzip,
        throughSeq,
        onProgress,
        ...(archive ? { archive: { reader: archive, matchAll } } : {}),
      }),
  };
}

function recordExport(db: Db, ctx: OrgContext, download: Download, outcome: StreamOutcome) {
  const bundle = download.format === "bundle";
  return appendAuditEntryOnItsOwn(db, {
    ...auditedBy(ctx),
    action: "audit.exported",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    // An interrupted download is worth a look: part of the trail left, and nobody holds all of it.
    outcome: outcome.complete ? "success" : "failure",
    metadata: {
      format: download.format,
      query: bundle ? "" : download.q,
      count: outcome.count,
      complete: outcome.complete,
      gzip: download.gzip,
      ...(download.archive ? {} : { archive: false }),
      ...(bundle && download.fromSeq !== undefined ? { fromSeq: download.fromSeq.toString() } : {}),
      ...(bundle && download.toSeq !== undefined ? { toSeq: download.toSeq.toString() } : {}),
    },
  });
}

/** The organization's "Compressed audit exports" setting (lib/orgs/org-settings-view.ts). */
async function exportsCompressed(tx: Tx, orgId: string): Promise<boolean> {
  const org = await tx.organization.findUnique({ where: { id: orgId }, select: { featureFlags: true } });
  const flags = org?.featureFlags;
  return Boolean(flags && typeof flags === "object" && !Array.isArray(flags) && flags.audit_export_gzip === true);
}

const safeFileName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, "-");

/**
 * Answers an export as a streamed download (constant memory whatever its size). The count, the
 * search and the range are checked in the request's transaction; the entries are read after it
 * ends, with the client: the embedded database runs one transaction at a time, so the stream must
 * never hold one open. The export is audited (audit.exported) when the stream ends, before the
 * download's last byte, so a finished download always has its entry; one closed early is recorded
 * as incomplete with the count that left.
 */
export async function startAuditDownload({
  ctx,
  tx,
  download: asked,
  db = getDb(),
  openArchive,
}: {
  ctx: OrgContext;
  tx: Tx;
  download: TAuditDownload;
  db?: Db;
  /** Reads the archived entries first (unless the download says archive=0): one trail. */
  openArchive?: OpenArchivedTrail;
}): Promise<Response> {
  const download = { ...asked, gzip: asked.gzip ?? (await exportsCompressed(tx, ctx.org.id)) };
  const planned = await planDownload(tx, ctx.org.id, download, openArchive);
  let sent = 0;
  const output = planned.start(db, (count) => (sent = count));
  const recorded = output.done.then(
    (outcome) => recordExport(db, ctx, download, outcome),
    async (error: unknown) => {
      await recordExport(db, ctx, download, { count: sent, complete: false });
      throw error;
    },
  );
  recorded.catch((error: unknown) =>
    console.error(`[${ctx.request.requestId ?? "-"}] audit export failed or was not recorded`, error),
  );
  const body = output.stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({ flush: async () => void (await recorded) }),
  );

  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": output.contentType,
      "content-disposition": `attachment; filename="${safeFileName(`${ctx.org.slug}-audit-${date}.${output.extension}`)}"`,
      [EXPORT_TOTAL_HEADER]: String(planned.total),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...(ctx.request.requestId ? { "x-request-id": ctx.request.requestId } : {}),
    },
  });
}
