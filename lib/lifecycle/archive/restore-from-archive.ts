import "server-only";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { BUNDLE_TYPE, BUNDLE_VERSION, type TBundleHeader } from "@/lib/audit/export/audit-bundle-format";
import { bundleCheckpoint } from "@/lib/audit/export/bundle-checkpoint";
import { logVerifiers } from "@/lib/audit/integrate/log-verifiers";
import type { Db } from "@/lib/db/client";
import type { ArchiveStore } from "./archive-store";
import { readManifest } from "./read-manifest";
import { manifestKey, segmentName, type TSegmentManifest } from "./segment-format";
import { gunzippedLines, verifySegment } from "./verify-segment";

/** Why a restore cannot be made: a range outside the archive, or a segment missing or altered (named). */
export class RestoreRefused extends Error {}

/** The manifests of the recorded segments that hold fromSeq..toSeq, each checked against the store first. */
async function segmentsOf(db: Db, store: ArchiveStore, orgId: string, fromSeq: bigint, toSeq: bigint) {
  const rows = await db.$queryRaw<{ from_seq: bigint; to_seq: bigint; purged_at: Date | null }[]>`
    SELECT s.from_seq, s.to_seq, p.purged_at FROM audit_archive_segments s
      LEFT JOIN audit_archive_purges p ON p.org_id = s.org_id AND p.from_seq = s.from_seq
     WHERE s.org_id = ${orgId}::uuid AND s.to_seq >= ${fromSeq} AND s.from_seq <= ${toSeq} ORDER BY s.from_seq`;
  const purged = rows.find((row) => row.purged_at);
  if (purged)
    throw new RestoreRefused(
      `entries ${purged.from_seq}..${purged.to_seq} were purged at the end of retention on ${purged.purged_at!.toISOString()}`,
    );
  if (rows.length === 0 || rows[0].from_seq > fromSeq || rows.at(-1)!.to_seq < toSeq) {
    const through = rows.at(-1)?.to_seq;
    throw new RestoreRefused(
      `entries ${fromSeq}..${toSeq} are not all in the archive` +
        (through ? ` (it holds entries through ${through})` : ""),
    );
  }
  const verifiers = logVerifiers();
  const manifests: TSegmentManifest[] = [];
  for (const row of rows) {
    const name = segmentName(orgId, row.from_seq, row.to_seq);
    const read = await readManifest(store, manifestKey(name));
    if (!("manifest" in read)) {
      const why = "missing" in read ? "its manifest is missing" : read.invalid;
      throw new RestoreRefused(`segment ${name} (entries ${row.from_seq}..${row.to_seq}): ${why}`);
    }
    const check = await verifySegment(store, read.manifest, verifiers);
    if (!check.ok)
      throw new RestoreRefused(
        `segment ${name} (entries ${row.from_seq}..${row.to_seq}) is ${check.problem}: ${check.reason}`,
      );
    manifests.push(read.manifest);
  }
  return manifests;
}

/** The entry lines fromSeq..toSeq of the segments, in order. */
async function* entryLines(store: ArchiveStore, manifests: TSegmentManifest[], fromSeq: number, toSeq: number) {
  for (const manifest of manifests) {
    const body = await store.read(manifest.object.key);
    if (!body) throw new RestoreRefused(`segment ${manifest.object.key} disappeared while it was read`);
    let seq = manifest.fromSeq;
    for await (const line of gunzippedLines(body).lines) {
      if (line === "") continue;
      if (seq > toSeq) break;
      if (seq >= fromSeq) yield line;
      seq++;
    }
  }
}

/**
 * Writes a verifiable bundle (audit-bundle-format.ts) of entries fromSeq..toSeq from the archive to `out`:
 * the entry lines exactly as archived, after a header whose prevHash is the hash before fromSeq and whose
 * checkpoint is the smallest signed one covering toSeq, with the inclusion proof of toSeq from the tree the
 * database keeps. `verity verify-export` checks it offline like any bundle. Every segment used is verified
 * first; a missing or altered one refuses the restore, named.
 */
export async function restoreFromArchive(
  db: Db,
  store: ArchiveStore,
  { orgId, fromSeq, toSeq, out }: { orgId: string; fromSeq: bigint; toSeq: bigint; out: string },
): Promise<TBundleHeader> {
  if (fromSeq < 1n || toSeq < fromSeq) throw new RestoreRefused(`${fromSeq}..${toSeq} is not a range of entries`);
  const manifests = await segmentsOf(db, store, orgId, fromSeq, toSeq);
  let first = "";
  for await (const line of entryLines(store, manifests.slice(0, 1), Number(fromSeq), Number(fromSeq))) first = line;
  const header: TBundleHeader = {
    type: BUNDLE_TYPE,
    version: BUNDLE_VERSION,
    orgId,
    fromSeq: Number(fromSeq),
    toSeq: Number(toSeq),
    prevHash: (JSON.parse(first) as { prevHash: string }).prevHash,
    count: Number(toSeq - fromSeq + 1n),
    exportedAt: new Date().toISOString(),
  };
  const checkpoint = await bundleCheckpoint(db, header);
  const file = createWriteStream(out);
  const write = async (text: string) => {
    if (!file.write(text)) await once(file, "drain");
  };
  try {
    await write(`${JSON.stringify(checkpoint ? { ...header, checkpoint } : header)}\n`);
    for await (const line of entryLines(store, manifests, header.fromSeq, header.toSeq)) await write(`${line}\n`);
  } finally {
    file.end();
    await once(file, "close");
  }
  return header;
}
