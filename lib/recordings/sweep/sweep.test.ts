import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditedBy } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { createLegalHold } from "@/lib/lifecycle/legal-hold-create";
import { releaseLegalHold } from "@/lib/lifecycle/legal-hold-release";
import { directoryTestStore, readObject, s3TestStore, type TestArchiveStore } from "@/lib/testing/archive-test-stores";
import { isPostgres, testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { CARD_CALL_WORDS, multipartUpload, toneCall } from "@/lib/testing/recording-uploads";
import { runDueRecordingWork } from "../bulk/run-due-recording-work";
import { redactRecording } from "../pipeline/redact-recording";
import type { RecordingDeps } from "../recording-deps";
import { recordingObjectKey, recordingPrefix } from "../store/recording-store";
import { uploadRecording } from "../upload-recording";
import { destroyRecording } from "./destroy-recording";
import { expireFailedRecordings } from "./expire-failed-recordings";
import { retryRedaction } from "./retry-redaction";
import { sweepRecordingObjects } from "./sweep-recording-objects";
import { WORKER_JOBS } from "@/lib/worker/worker";

let db: Db;
let scratch: string;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-recording-sweep-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const later = (ms: number) => () => new Date(Date.now() + ms);
const BROKEN_PATTERNS = {
  version: "broken",
  spans: () => {
    throw new Error("pattern table corrupt");
  },
};

describe.each([
  ["directory store", (dir: string) => directoryTestStore(dir)],
  ["S3 (s3rver)", () => s3TestStore()],
])("recordings that should be gone, on the %s", (_name, open) => {
  let test: TestArchiveStore;
  let deps: RecordingDeps;
  beforeAll(async () => {
    test = await open(scratch);
    deps = { store: test.store, env: {} };
  });
  afterAll(() => test.stop());

  async function uploaded(extra: RecordingDeps = {}) {
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org);
    const call = toneCall(CARD_CALL_WORDS);
    const view = await uploadRecording(db, ctx, multipartUpload({ ...call, source: "dialer", title: "Call" }), {
      ...deps,
      ...extra,
    });
    return { owner, ctx, view, call };
  }

  const trail = (orgId: string, action: string) =>
    db.auditEntry.findMany({
      where: { orgId, action },
      orderBy: { seq: "asc" },
      select: { actorType: true, metadata: true, targetId: true, outcome: true },
    });

  it("destroys an original left behind by a crash between the redaction's commit and its destruction", async () => {
    const { ctx, view, call } = await uploaded();
    const original = await db.recording.findUniqueOrThrow({ where: { id: view.id } });
    // The process "dies" after the commit: the destruction of the originals never runs.
    const crashing = { ...test.store, destroy: async () => {} };
    const outcome = await redactRecording(
      db,
      { orgId: ctx.org.id, recordingId: view.id },
      { ...deps, store: crashing },
    );
    expect(outcome.status).toBe("redacted");
    expect(await readObject(test.store, original.audioObjectKey)).toEqual(call.wav);

    // Within the lease nothing is touched (a run could still be about to record a young object).
    expect(await sweepRecordingObjects(db, { orgIds: [ctx.org.id], deps })).toMatchObject({ objectsDestroyed: 0 });
    expect(await readObject(test.store, original.audioObjectKey)).toEqual(call.wav);

    const swept = await sweepRecordingObjects(db, { orgIds: [ctx.org.id], deps: { ...deps, now: later(HOUR) } });
    expect(swept).toEqual({ recordings: 1, objectsDestroyed: 2, errors: 0 });
    expect(await readObject(test.store, original.audioObjectKey)).toBeNull();
    expect(await readObject(test.store, original.transcriptObjectKey)).toBeNull();
    // What the recording names now (the redacted versions) stays, and is all that is left.
    const after = await db.recording.findUniqueOrThrow({ where: { id: view.id } });
    expect(await test.store.list(recordingPrefix(ctx.org.id, view.id))).toEqual(
      [after.audioObjectKey, after.transcriptObjectKey].sort(),
    );
    expect(await readObject(test.store, after.audioObjectKey)).not.toBeNull();
    expect(await trail(ctx.org.id, "recording.objects_swept")).toEqual([
      {
        actorType: "system",
        targetId: view.id,
        outcome: "success",
        metadata: { reason: "superseded", objectsDestroyed: 2, kinds: expect.arrayContaining(["audio", "transcript"]) },
      },
    ]);
    // A second pass finds nothing more.
    const again = await sweepRecordingObjects(db, { orgIds: [ctx.org.id], deps: { ...deps, now: later(HOUR) } });
    expect(again.objectsDestroyed).toBe(0);
  });

  it("destroys the objects of an upload abandoned before it was on record, once past the lease", async () => {
    const owner = await createOwner();
    const orgId = owner.org.id;
    const abandoned = crypto.randomUUID();
    const old = recordingObjectKey(orgId, abandoned, "audio", new Date(Date.now() - 2 * HOUR));
    const young = recordingObjectKey(orgId, abandoned, "transcript", new Date());
    await test.store.putText(old, "card audio");
    await test.store.putText(young, "card transcript");

    const swept = await sweepRecordingObjects(db, { orgIds: [orgId], deps });
    expect(swept).toMatchObject({ recordings: 1, objectsDestroyed: 1 });
    expect(await readObject(test.store, old)).toBeNull();
    expect((await readObject(test.store, young))?.toString()).toBe("card transcript");
    expect(await trail(orgId, "recording.objects_swept")).toEqual([
      expect.objectContaining({
        targetId: abandoned,
        metadata: { reason: "not_on_record", objectsDestroyed: 1, kinds: ["audio"] },
      }),
    ]);
  });

  it("lets an admin retry a failed redaction: locked meanwhile, on the record, redacted by the worker", async () => {
    const { ctx, view } = await uploaded();
    await redactRecording(db, { orgId: ctx.org.id, recordingId: view.id }, { ...deps, patterns: BROKEN_PATTERNS });
    const retried = await db.$transaction((tx) => retryRedaction(tx, auditedBy(ctx), { id: view.id }));
    expect(retried.status).toBe("processing");
    expect(await trail(ctx.org.id, "recording.redaction_retried")).toEqual([
      expect.objectContaining({ targetId: view.id, metadata: { previousFailure: expect.stringContaining("layer") } }),
    ]);
    // Retrying again is refused while it is not failed.
    await expect(db.$transaction((tx) => retryRedaction(tx, auditedBy(ctx), { id: view.id }))).rejects.toMatchObject({
      code: "conflict",
    });
    await runDueRecordingWork(db, { orgIds: [ctx.org.id], deps: { ...deps, now: later(HOUR) } });
    expect(await db.recording.findUniqueOrThrow({ where: { id: view.id } })).toMatchObject({ status: "redacted" });
  });

  it("lets an admin destroy a recording (objects destroyed, on the record) unless a legal hold covers it", async () => {
    const { owner, ctx, view } = await uploaded();
    await redactRecording(db, { orgId: ctx.org.id, recordingId: view.id }, { ...deps, patterns: BROKEN_PATTERNS });
    const row = await db.recording.findUniqueOrThrow({ where: { id: view.id } });
    const hold = await db.$transaction((tx) =>
      createLegalHold(tx, orgContextFor(owner, owner.org), { name: "Hold", matter: "Case 9", scope: { kind: "org" } }),
    );
    await expect(
      db.$transaction((tx) => destroyRecording(tx, auditedBy(ctx), { id: view.id, reason: "requested" }, deps)),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining('"Hold"') });
    expect(await readObject(test.store, row.audioObjectKey)).not.toBeNull();
    await db.$transaction((tx) => releaseLegalHold(tx, ctx, { holdId: hold.id, reason: "Case settled" }));

    await db.$transaction((tx) => destroyRecording(tx, auditedBy(ctx), { id: view.id, reason: "requested" }, deps));
    expect(await db.recording.findUnique({ where: { id: view.id } })).toBeNull();
    expect(await readObject(test.store, row.audioObjectKey)).toBeNull();
    expect(await test.store.list(recordingPrefix(ctx.org.id, view.id))).toEqual([]);
    expect(await trail(ctx.org.id, "recording.destroyed")).toEqual([
      {
        actorType: "user",
        targetId: view.id,
        outcome: "success",
        metadata: { reason: "requested", status: "failed", source: "dialer", objectsRemoved: 2 },
      },
    ]);
    // Another organization's id is a 404.
    const other = await createOwner();
    await expect(
      db.$transaction((tx) =>
        destroyRecording(tx, auditedBy(orgContextFor(other, other.org)), { id: row.id, reason: "requested" }, deps),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it.skipIf(!isPostgres())("a destroy that overlaps a legal hold being placed waits for it, then refuses", async () => {
    const { owner, ctx, view } = await uploaded();
    const row = await db.recording.findUniqueOrThrow({ where: { id: view.id } });
    let commitHold!: () => void;
    const holdMayCommit = new Promise<void>((resolve) => (commitHold = resolve));
    let holdPlaced!: () => void;
    const placed = new Promise<void>((resolve) => (holdPlaced = resolve));
    const holding = db.$transaction(
      async (tx) => {
        await createLegalHold(tx, orgContextFor(owner, owner.org), {
          name: "Late hold",
          matter: "Case 12",
          scope: { kind: "org" },
        });
        holdPlaced();
        await holdMayCommit;
      },
      { timeout: 30_000 },
    );
    await placed;
    const destroying = db.$transaction(
      (tx) => destroyRecording(tx, auditedBy(ctx), { id: view.id, reason: "requested" }, deps),
      { timeout: 30_000 },
    );
    destroying.catch(() => undefined);
    // Let the destroy reach whatever it waits on (the holds' lock; without it, the chain head at its commit).
    for (let tries = 0; tries < 100; tries++) {
      const [{ waiting }] = await db.$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    commitHold();
    await holding;
    await expect(destroying).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('"Late hold"'),
    });
    expect(await readObject(test.store, row.audioObjectKey)).not.toBeNull();
    expect(await trail(ctx.org.id, "recording.destroyed")).toEqual([]);
  });

  it("destroys a failed recording's unredacted original after the retention, never under a legal hold", async () => {
    const first = await uploaded();
    const held = await uploaded();
    for (const { ctx, view } of [first, held])
      await redactRecording(db, { orgId: ctx.org.id, recordingId: view.id }, { ...deps, patterns: BROKEN_PATTERNS });
    await db.$transaction((tx) =>
      createLegalHold(tx, orgContextFor(held.owner, held.owner.org), {
        name: "Dispute",
        matter: "Case 4",
        scope: { kind: "org" },
      }),
    );
    const orgIds = [first.ctx.org.id, held.ctx.org.id];
    const original = await db.recording.findUniqueOrThrow({ where: { id: first.view.id } });

    // Six days on (default retention 7): kept, locked.
    expect(await expireFailedRecordings(db, { orgIds, deps: { ...deps, now: later(6 * DAY) } })).toEqual({
      destroyed: 0,
      held: 0,
    });
    // A configured retention of 3 days: past it.
    const env = { VERITY_RECORDING_FAILED_RETENTION_DAYS: "3" };
    expect(await expireFailedRecordings(db, { orgIds, deps: { ...deps, env, now: later(4 * DAY) } })).toEqual({
      destroyed: 1,
      held: 1,
    });
    expect(await db.recording.findUnique({ where: { id: first.view.id } })).toBeNull();
    expect(await readObject(test.store, original.audioObjectKey)).toBeNull();
    expect(await db.recording.findUnique({ where: { id: held.view.id } })).toMatchObject({ status: "failed" });
    expect(await trail(first.ctx.org.id, "recording.destroyed")).toEqual([
      expect.objectContaining({
        actorType: "system",
        metadata: expect.objectContaining({ reason: "failed_redaction_expired", retentionDays: 3 }),
      }),
    ]);
    // A misconfigured retention stops the job with a clear error instead of guessing.
    await expect(
      expireFailedRecordings(db, { orgIds, deps: { ...deps, env: { VERITY_RECORDING_FAILED_RETENTION_DAYS: "x" } } }),
    ).rejects.toThrow(/VERITY_RECORDING_FAILED_RETENTION_DAYS/);
  });
});

it("the worker runs the sweep beside the recording redaction job", () => {
  expect(WORKER_JOBS.map((job) => job.name)).toEqual(
    expect.arrayContaining(["recording redaction", "recording sweep"]),
  );
});
