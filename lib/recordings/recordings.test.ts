import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { Readable } from "node:stream";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createLegalHold } from "@/lib/lifecycle/legal-hold-create";
import { releaseLegalHold } from "@/lib/lifecycle/legal-hold-release";
import { directoryTestStore, readObject, s3TestStore, type TestArchiveStore } from "@/lib/testing/archive-test-stores";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { CARD_CALL_WORDS, multipartUpload, toneCall } from "@/lib/testing/recording-uploads";
import { readWavFormat, measureSpans } from "./audio";
import { issueRecordingUrl } from "./access/issue-recording-url";
import { serveSignedAudio } from "./access/serve-signed-audio";
import { runBulkRedaction } from "./bulk/run-bulk-redaction";
import { runDueRecordingWork } from "./bulk/run-due-recording-work";
import { startBulkRedaction } from "./bulk/start-bulk-redaction";
import { deleteRecordingsBySource } from "./delete-recordings-by-source";
import { getRecording } from "./get-recording";
import { listRecordings } from "./list-recordings";
import { redactRecording } from "./pipeline/redact-recording";
import type { RecordingDeps } from "./recording-deps";
import { uploadRecording } from "./upload-recording";
import { auditedBy } from "@/lib/context";

let db: Db;
let scratch: string;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-recordings-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const CARD = "4111111111111111";

async function entries(orgId: string, prefix: string) {
  return db.auditEntry.findMany({
    where: { orgId, action: { startsWith: prefix } },
    orderBy: { seq: "asc" },
    select: { action: true, metadata: true, outcome: true, targetId: true },
  });
}

describe.each([
  ["directory store", (dir: string) => directoryTestStore(dir)],
  ["S3 (s3rver)", () => s3TestStore()],
])("call recordings on the %s", (_name, open) => {
  let test: TestArchiveStore;
  let deps: RecordingDeps;
  beforeAll(async () => {
    test = await open(scratch);
    deps = { store: test.store, env: {} };
  });
  afterAll(() => test.stop());

  async function uploaded(words = CARD_CALL_WORDS, source = "dialer", extra: RecordingDeps = {}) {
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org);
    const call = toneCall(words);
    const view = await uploadRecording(db, ctx, multipartUpload({ ...call, source, title: "Call" }), {
      ...deps,
      ...extra,
    });
    return { owner, ctx, view, call };
  }

  it("stores an upload locked, redacts it in three layers, validates it on record and destroys the original", async () => {
    const { ctx, view, call } = await uploaded();
    expect(view).toMatchObject({ status: "processing", sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    const before = await db.recording.findUniqueOrThrow({ where: { id: view.id } });
    expect(await readObject(test.store, before.audioObjectKey)).toEqual(call.wav);
    await expect(db.$transaction((tx) => issueRecordingUrl(tx, ctx, { id: view.id }, deps))).rejects.toMatchObject({
      code: "conflict",
    });

    const outcome = await redactRecording(db, { orgId: ctx.org.id, recordingId: view.id }, deps);
    expect(outcome).toMatchObject({ status: "redacted" });
    const after = await db.recording.findUniqueOrThrow({ where: { id: view.id } });
    // The originals are gone from storage; the redacted versions replace them.
    expect(await test.store.read(before.audioObjectKey)).toBeNull();
    expect(await test.store.read(before.transcriptObjectKey)).toBeNull();
    expect(after.audioObjectKey).not.toBe(before.audioObjectKey);
    const redactedAudio = (await readObject(test.store, after.audioObjectKey))!;
    expect(redactedAudio.length).toBe(call.wav.length);
    const storedTranscript = (await readObject(test.store, after.transcriptObjectKey))!.toString("utf8");
    expect(storedTranscript).not.toMatch(/"4"|"1"/);

    const detail = await getRecording(db, ctx, { id: view.id });
    expect(detail.status).toBe("redacted");
    const text = detail.redactedTranscript!.words.map((word) => word.text).join(" ");
    expect(text).toContain("[redacted]");
    expect(text).toContain("hello my card number is");
    expect(text).not.toMatch(/\b[14]\b/);
    expect(detail.validation).toMatchObject({ passed: true, audioSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(detail.validation!.layer1Spans + detail.validation!.layer2Spans).toBeGreaterThan(0);
    expect(JSON.stringify(detail.validation)).not.toContain(CARD);

    // Every sample of every silenced span is digital silence; the words before the card are not.
    const format = readWavFormat(redactedAudio);
    const silenced = detail.validation!.report.silenced as { startMs: number; endMs: number }[];
    const measured = await measureSpans(Readable.from([redactedAudio]), format, [
      ...silenced,
      { startMs: 0, endMs: 1500 },
    ]);
    expect(measured.slice(0, -1).every((span) => span.peak === 0)).toBe(true);
    expect(measured.at(-1)!.peak).toBeGreaterThan(0);

    const trail = await entries(ctx.org.id, "recording");
    expect(trail.map((entry) => entry.action)).toEqual(["recording.uploaded", "recording.redacted"]);
    expect(JSON.stringify(trail)).not.toContain(CARD);
    expect(trail[1].metadata).toMatchObject({
      audioSha256: detail.validation!.audioSha256,
      validationId: detail.validation!.id,
    });
  });

  it("fails closed when the layer-1 detector is down: locked, on the record, an alert raised", async () => {
    const env = { VERITY_PCI_DETECTOR_URL: "http://127.0.0.1:9/v1", VERITY_PCI_DETECTOR_MODEL: "m" };
    const { ctx, view, call } = await uploaded();
    const outcome = await redactRecording(db, { orgId: ctx.org.id, recordingId: view.id }, { ...deps, env });
    expect(outcome).toMatchObject({ status: "failed", failureReason: expect.stringContaining("layer-1") });
    const row = await db.recording.findUniqueOrThrow({ where: { id: view.id } });
    expect(row).toMatchObject({ status: "failed", redactedTranscript: null });
    // Nothing was silenced, so nothing replaced the original: it stays, locked, for a later run.
    expect(await readObject(test.store, row.audioObjectKey)).toEqual(call.wav);
    const detail = await getRecording(db, ctx, { id: view.id });
    expect(detail).toMatchObject({ redactedTranscript: null, validation: { passed: false } });
    const [failed] = await entries(ctx.org.id, "recording.redaction_failed");
    expect(failed).toMatchObject({ outcome: "failure", metadata: { stage: "layer1" } });
    const alert = await db.securityAlert.findFirst({
      where: { orgId: ctx.org.id, kind: "recording_redaction_failed" },
    });
    expect(alert).toMatchObject({ severity: "high", subjectId: view.id });
    await expect(db.$transaction((tx) => issueRecordingUrl(tx, ctx, { id: view.id }, deps))).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("fails closed when the layer-2 pattern pass throws", async () => {
    const patterns = {
      version: "broken",
      spans: () => {
        throw new Error("pattern table corrupt");
      },
    };
    const { ctx, view } = await uploaded();
    const outcome = await redactRecording(db, { orgId: ctx.org.id, recordingId: view.id }, { ...deps, patterns });
    expect(outcome.status).toBe("failed");
    const [failed] = await entries(ctx.org.id, "recording.redaction_failed");
    expect(failed.metadata).toMatchObject({ stage: "layer2", detectorVersions: { layer2: "patterns-broken" } });
    expect(JSON.stringify(failed.metadata)).not.toContain("corrupt");
    expect(await db.securityAlert.count({ where: { orgId: ctx.org.id, kind: "recording_redaction_failed" } })).toBe(1);
  });

  it("issues time-limited URLs on record, only for redacted recordings, and refuses tampering and expiry", async () => {
    const { ctx, view } = await uploaded();
    await redactRecording(db, { orgId: ctx.org.id, recordingId: view.id }, deps);
    const issued = await db.$transaction((tx) => issueRecordingUrl(tx, ctx, { id: view.id }, deps));
    const [accessed] = await entries(ctx.org.id, "recording.accessed");
    expect(accessed.metadata).toMatchObject({ via: issued.via, expiresAt: issued.expiresAt });
    expect(new Date(issued.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const redacted = await readObject(
      test.store,
      (await db.recording.findUniqueOrThrow({ where: { id: view.id } })).audioObjectKey,
    );
    if (issued.via === "s3_presigned") {
      expect(new URL(issued.url).searchParams.get("X-Amz-Expires")).toBe("300");
      const fetched = await fetch(issued.url);
      expect(fetched.status).toBe(200);
      expect(Buffer.from(await fetched.arrayBuffer())).toEqual(redacted);
      return;
    }
    const query = Object.fromEntries(new URL(issued.url).searchParams);
    const served = await serveSignedAudio(db, query, deps);
    expect(served.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(redacted);
    const tampered = {
      ...query,
      signature: `${query.signature.slice(0, -2)}${query.signature.endsWith("A") ? "BB" : "AA"}`,
    };
    await expect(serveSignedAudio(db, tampered, deps)).rejects.toMatchObject({ code: "forbidden" });
    const stretched = { ...query, expires: String(Number(query.expires) + 3600) };
    await expect(serveSignedAudio(db, stretched, deps)).rejects.toMatchObject({ code: "forbidden" });
    const later = { ...deps, now: () => new Date(Date.now() + 6 * 60_000) };
    await expect(serveSignedAudio(db, query, later)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("keeps organizations apart: another organization's recording is a 404 everywhere", async () => {
    const { view } = await uploaded();
    const stranger = await createOwner();
    const other = orgContextFor(stranger, stranger.org);
    await expect(getRecording(db, other, { id: view.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(db.$transaction((tx) => issueRecordingUrl(tx, other, { id: view.id }, deps))).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listRecordings(db, other)).data).toEqual([]);
    await expect(redactRecording(db, { orgId: stranger.org.id, recordingId: view.id }, deps)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("deletes every recording of a source with its objects, unless a legal hold covers them", async () => {
    const { owner, ctx, view } = await uploaded(["hello"], "campaign-7");
    const second = await uploadRecording(
      db,
      ctx,
      multipartUpload({ ...toneCall(["bye"]), source: "campaign-7" }),
      deps,
    );
    const kept = await uploadRecording(db, ctx, multipartUpload({ ...toneCall(["hi"]), source: "other" }), deps);
    const keys = await db.recording.findMany({ where: { orgId: ctx.org.id, source: "campaign-7" } });
    const hold = await db.$transaction((tx) =>
      createLegalHold(tx, orgContextFor(owner, owner.org), { name: "Hold", matter: "Case 1", scope: { kind: "org" } }),
    );
    await expect(
      db.$transaction((tx) => deleteRecordingsBySource(tx, ctx, { source: "campaign-7" }, deps)),
    ).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await db.recording.count({ where: { orgId: ctx.org.id } })).toBe(3);
    await db.$transaction((tx) => releaseLegalHold(tx, ctx, { holdId: hold.id, reason: "Case settled" }));

    const deleted = await db.$transaction((tx) => deleteRecordingsBySource(tx, ctx, { source: "campaign-7" }, deps));
    expect(deleted).toEqual({ source: "campaign-7", count: 2 });
    expect((await listRecordings(db, ctx)).data.map((row) => row.id)).toEqual([kept.id]);
    for (const row of keys) expect(await test.store.read(row.audioObjectKey)).toBeNull();
    const [entry] = await entries(ctx.org.id, "recordings.deleted");
    expect(entry.metadata).toEqual({ source: "campaign-7", count: 2, objectsRemoved: 4 });
    void [view, second];
  });

  it("has the worker redact an upload whose in-process redaction was lost, and run queued bulk jobs", async () => {
    const longAgo = () => new Date(Date.now() - 10 * 60_000);
    const { ctx, view } = await uploaded(CARD_CALL_WORDS, "dialer", { now: longAgo });
    const job = await db.$transaction((tx) => startBulkRedaction(tx, auditedBy(ctx), {}));
    const pass = await runDueRecordingWork(db, { orgIds: [ctx.org.id], deps });
    expect(pass).toEqual({ redacted: 1, bulkJobs: 1 });
    expect((await getRecording(db, ctx, { id: view.id })).status).toBe("redacted");
    expect(await db.recordingRedactionJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "finished",
      done: 1,
    });
  });

  it("re-redacts an organization's recordings in a bulk job that resumes after a crash", async () => {
    const { ctx, view } = await uploaded();
    await uploadRecording(db, ctx, multipartUpload({ ...toneCall(CARD_CALL_WORDS), source: "dialer" }), deps);
    await uploadRecording(db, ctx, multipartUpload({ ...toneCall(["no", "card"]), source: "dialer" }), deps);
    const job = await db.$transaction((tx) => startBulkRedaction(tx, auditedBy(ctx), {}));
    expect(job).toMatchObject({ status: "queued", total: 3, done: 0 });
    // A run that stops after one recording (as a crash would) leaves its cursor and progress on the job row.
    const stopped = await runBulkRedaction(db, { jobId: job.id, limit: 1 }, deps);
    expect(stopped).toMatchObject({ status: "running", done: 1, total: 3 });
    const resumed = await runBulkRedaction(db, { jobId: job.id }, deps);
    expect(resumed).toMatchObject({ status: "finished", done: 3, failed: 0, total: 3 });
    const statuses = (await listRecordings(db, ctx)).data.map((row) => row.status);
    expect(statuses).toEqual(["redacted", "redacted", "redacted"]);
    const redacted = await entries(ctx.org.id, "recording.redacted");
    expect(redacted).toHaveLength(3);
    expect(redacted.every((entry) => (entry.metadata as { bulkJobId?: string }).bulkJobId === job.id)).toBe(true);
    const trail = await entries(ctx.org.id, "recordings.bulk");
    expect(trail.map((entry) => entry.action)).toEqual([
      "recordings.bulk_redaction_started",
      "recordings.bulk_redaction_finished",
    ]);
    // Running it again changes nothing: the job is finished.
    expect(await runBulkRedaction(db, { jobId: job.id }, deps)).toMatchObject({ status: "finished", done: 3 });
    void view;
  });
});
