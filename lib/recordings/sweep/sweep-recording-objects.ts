import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { Db, Tx } from "@/lib/db/client";
import { resolveDeps, type RecordingDeps } from "../recording-deps";
import { recordingTarget } from "../recording-target";
import { objectKeyMadeAt, recordingPrefix, type RecordingStore } from "../store/recording-store";

/**
 * How long an object no recording names is left alone: a redaction or an upload may still be about to put it on
 * record (both name their objects just before storing them, and take seconds; a 10-minute call redacts in about a
 * quarter of a second).
 */
export const SWEEP_LEASE_MS = 30 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const kindOf = (key: string) => {
  const name = key.slice(key.lastIndexOf("/") + 1);
  return name.startsWith("audio-") ? "audio" : name.startsWith("transcript-") ? "transcript" : "other";
};

export type SweepResult = { recordings: number; objectsDestroyed: number; errors: number };

/** The recording ids that have objects under the organization's prefix (a directory lists folders, S3 keys). */
async function recordingIdsInStore(store: RecordingStore, orgId: string): Promise<string[]> {
  const listed = await store.list(`recordings/${orgId}/`);
  return [...new Set(listed.map((key) => key.split("/")[2] ?? ""))].filter((id) => UUID.test(id));
}

/**
 * Destroys the recording objects that should be gone: every object under `recordings/<org>/<recording>/` that the
 * recording's row does not name, once older than the lease. That is an original whose redaction was committed
 * but whose destruction never ran (the process died between the two), the objects of an upload abandoned before
 * it was on record, and those of a recording deleted while its objects were going. Destroyed as everywhere else
 * (directory: overwritten with zeros, then unlinked; S3: every version and delete marker), one
 * recording.objects_swept entry per recording in the transaction that destroys them. `orgIds` narrows it (tests).
 */
export async function sweepRecordingObjects(
  db: Db,
  {
    orgIds,
    leaseMs = SWEEP_LEASE_MS,
    signal,
    deps = {},
  }: { orgIds?: string[]; leaseMs?: number; signal?: AbortSignal; deps?: RecordingDeps } = {},
): Promise<SweepResult> {
  const { store, now } = await resolveDeps(deps);
  const orgs = await db.organization.findMany({
    where: orgIds ? { id: { in: orgIds } } : {},
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const result: SweepResult = { recordings: 0, objectsDestroyed: 0, errors: 0 };
  for (const org of orgs)
    for (const recordingId of await recordingIdsInStore(store, org.id)) {
      if (signal?.aborted) return result;
      const swept = await sweepRecording(db, store, org.id, recordingId, now().getTime() - leaseMs).catch(
        (error: unknown) => {
          process.stderr.write(`recordings: sweeping ${recordingId} stopped: ${(error as Error).name}\n`);
          result.errors++;
          return 0;
        },
      );
      if (swept > 0) result.recordings++;
      result.objectsDestroyed += swept;
    }
  return result;
}

/** The objects under the recording's prefix that its row (if any) does not name and that are past the lease. */
async function strayObjects(db: Db | Tx, store: RecordingStore, orgId: string, recordingId: string, before: number) {
  const row = await db.recording.findFirst({
    where: { id: recordingId, orgId },
    select: { id: true, title: true, source: true, audioObjectKey: true, transcriptObjectKey: true },
  });
  const named = new Set(row ? [row.audioObjectKey, row.transcriptObjectKey] : []);
  const keys = await store.list(recordingPrefix(orgId, recordingId));
  return { row, stray: keys.filter((key) => !named.has(key) && (objectKeyMadeAt(key)?.getTime() ?? 0) <= before) };
}

async function sweepRecording(db: Db, store: RecordingStore, orgId: string, recordingId: string, before: number) {
  // Looked at first without a transaction: most recordings have nothing to sweep.
  if ((await strayObjects(db, store, orgId, recordingId, before)).stray.length === 0) return 0;
  return db.$transaction(async (tx) => {
    // Again inside: a redaction committing meanwhile names objects younger than the lease, and destroys the ones
    // it replaced.
    const { row, stray } = await strayObjects(tx, store, orgId, recordingId, before);
    if (stray.length === 0) return 0;
    for (const key of stray) await store.destroy(key);
    await appendAuditEntry(tx, {
      orgId,
      actor: SYSTEM_ACTOR,
      action: "recording.objects_swept",
      target: row ? recordingTarget(row) : { type: "recording", id: recordingId, display: "Recording not on record" },
      metadata: {
        reason: row ? "superseded" : "not_on_record",
        objectsDestroyed: stray.length,
        kinds: stray.map(kindOf),
      },
    });
    return stray.length;
  });
}
