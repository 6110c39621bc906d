import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteBySource, GET as listRoute, POST as uploadRoute } from "@/app/api/v1/recordings/route";
import { DELETE as destroyRoute, GET as getRoute } from "@/app/api/v1/recordings/[id]/route";
import { POST as retryRoute } from "@/app/api/v1/recordings/[id]/redaction/route";
import { runDueRecordingWork } from "@/lib/recordings/bulk/run-due-recording-work";
import { POST as urlRoute } from "@/app/api/v1/recordings/[id]/url/route";
import { GET as audioRoute } from "@/app/api/recording-audio/route";
import type { Db } from "@/lib/db/client";
import { redactionsSettled } from "@/lib/recordings/pipeline/schedule-redaction";
import { uploadRecording } from "@/lib/recordings/upload-recording";
import { callApi, createTestKey, type ApiHandler } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { CARD_CALL_WORDS, multipartUpload, toneCall, transcriptOf } from "@/lib/testing/recording-uploads";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";

let db: Db;
let scratch: string;
const saved = process.env.VERITY_ARCHIVE_DIR;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-recordings-api-"));
  process.env.VERITY_ARCHIVE_DIR = scratch;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.VERITY_ARCHIVE_DIR;
  else process.env.VERITY_ARCHIVE_DIR = saved;
  await rm(scratch, { recursive: true, force: true });
});

const SCOPES = ["recordings.read", "recordings.write", "recordings.manage"] as const;

async function keyed() {
  const owner = await createOwner();
  const { key } = await createTestKey(db, owner, owner.org, { scopes: [...SCOPES] });
  return { owner, key };
}

/** POSTs a multipart upload as a client would. */
async function upload(key: string, parts: Parameters<typeof multipartUpload>[0]) {
  const { request } = multipartUpload(parts);
  const response = await (uploadRoute as ApiHandler)(
    new Request("http://localhost/api/v1/recordings", {
      method: "POST",
      body: request.body,
      headers: {
        "content-type": request.headers.get("content-type")!,
        authorization: `Bearer ${key}`,
        "x-verity-peer-ip": "127.0.0.1",
      },
      duplex: "half",
    } as RequestInit),
    { params: Promise.resolve({}) },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

describe("/api/v1/recordings", () => {
  it("uploads, redacts after answering, shows the redacted transcript and report, and serves a signed URL", async () => {
    const { key } = await keyed();
    const created = await upload(key, { ...toneCall(CARD_CALL_WORDS), source: "dialer", title: "Support call" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "processing", source: "dialer", title: "Support call" });
    await redactionsSettled();
    const detail = await callApi(getRoute, `/recordings/${created.body.id}`, { key, params: { id: created.body.id } });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: "redacted", validation: { passed: true } });
    expect(detail.text).not.toContain("4111");
    const list = await callApi(listRoute, "/recordings", { key, query: "?status=redacted" });
    expect(list.body.data.map((row: { id: string }) => row.id)).toEqual([created.body.id]);

    const url = await callApi(urlRoute, `/recordings/${created.body.id}/url`, {
      key,
      method: "POST",
      params: { id: created.body.id },
    });
    expect(url.status).toBe(200);
    expect(url.body.via).toBe("signed_url");
    const audio = await audioRoute(new Request(url.body.url));
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/wav");
    const forged = new URL(url.body.url);
    forged.searchParams.set("recording", "00000000-0000-4000-8000-000000000000");
    expect((await audioRoute(new Request(forged))).status).toBe(403);
  });

  it("answers 415 for other audio formats and for a body that is not multipart, 400 for a bad transcript", async () => {
    const { key } = await keyed();
    const mp3 = Buffer.concat([Buffer.from("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000"), Buffer.alloc(2000, 7)]);
    const refused = await upload(key, { audio: mp3, transcript: transcriptOf(["hi"]), source: "dialer" });
    expect(refused.status).toBe(415);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body.detail).toMatch(/MP3|not supported/);
    const json = await callApi(uploadRoute, "/recordings", { key, method: "POST", body: { audio: "x" } });
    expect(json.status).toBe(415);
    const badTranscript = await upload(key, { ...toneCall(["hi"]), transcript: { words: "nope" }, source: "dialer" });
    expect(badTranscript.status).toBe(400);
    expect(badTranscript.body.errors).toHaveProperty("transcript");
    const notJson = await upload(key, { ...toneCall(["hi"]), transcript: "{{", source: "dialer" });
    expect(notJson.status).toBe(400);
    const noSource = await upload(key, { ...toneCall(["hi"]) });
    expect(noSource.status).toBe(400);
    expect(noSource.body.errors).toHaveProperty("source");
    const noAudio = await upload(key, { transcript: transcriptOf(["hi"]), source: "dialer" });
    expect(noAudio.status).toBe(400);
  });

  it("refuses parts over their limits with 413 while streaming, storing nothing", async () => {
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org);
    const store = directoryStore(scratch);
    const limits = { audioBytes: 4_000, transcriptBytes: 200 };
    const big = multipartUpload({ ...toneCall(["one", "two", "three"]), source: "dialer" });
    await expect(uploadRecording(db, ctx, big, { store, limits })).rejects.toMatchObject({ status: 413 });
    const longTranscript = multipartUpload({
      audio: toneCall(["a"]).audio.subarray(0, 3_000),
      transcript: transcriptOf(Array.from({ length: 20 }, () => "word")),
      source: "dialer",
    });
    await expect(uploadRecording(db, ctx, longTranscript, { store, limits })).rejects.toMatchObject({ status: 413 });
    expect(await db.recording.count({ where: { orgId: owner.org.id } })).toBe(0);
  });

  it("keeps organizations apart, and deletes by source with recordings.manage", async () => {
    const { key } = await keyed();
    const stranger = await keyed();
    const created = await upload(key, { ...toneCall(["hello"]), source: "campaign" });
    await redactionsSettled();
    const id = created.body.id as string;
    expect((await callApi(getRoute, `/recordings/${id}`, { key: stranger.key, params: { id } })).status).toBe(404);
    const url = await callApi(urlRoute, `/recordings/${id}/url`, { key: stranger.key, method: "POST", params: { id } });
    expect(url.status).toBe(404);
    const none = await callApi(deleteBySource, "/recordings", {
      key: stranger.key,
      method: "DELETE",
      query: "?source=campaign",
    });
    expect(none.status).toBe(404);
    const deleted = await callApi(deleteBySource, "/recordings", { key, method: "DELETE", query: "?source=campaign" });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ source: "campaign", count: 1 });
  });

  it("lets a manager retry a failed redaction and destroy a recording; other organizations get 404", async () => {
    const { owner, key } = await keyed();
    const stranger = await keyed();
    let id: string;
    // The layer-1 detector is configured but down: the redaction fails closed.
    process.env.VERITY_PCI_DETECTOR_URL = "http://127.0.0.1:9/v1";
    process.env.VERITY_PCI_DETECTOR_MODEL = "m";
    try {
      const created = await upload(key, { ...toneCall(CARD_CALL_WORDS), source: "dialer" });
      await redactionsSettled();
      id = created.body.id as string;
    } finally {
      delete process.env.VERITY_PCI_DETECTOR_URL;
      delete process.env.VERITY_PCI_DETECTOR_MODEL;
    }
    expect((await callApi(getRoute, `/recordings/${id}`, { key, params: { id } })).body.status).toBe("failed");
    const path = `/recordings/${id}/redaction`;
    expect((await callApi(retryRoute, path, { key: stranger.key, method: "POST", params: { id } })).status).toBe(404);
    const retried = await callApi(retryRoute, path, { key, method: "POST", params: { id } });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, status: "processing" });
    // The worker takes a recording left processing; it now redacts and validates.
    const later = () => new Date(Date.now() + 3_600_000);
    await runDueRecordingWork(db, { orgIds: [owner.org.id], deps: { now: later } });
    expect((await callApi(getRoute, `/recordings/${id}`, { key, params: { id } })).body.status).toBe("redacted");
    expect((await callApi(retryRoute, path, { key, method: "POST", params: { id } })).status).toBe(409);

    const refused = await callApi(destroyRoute, `/recordings/${id}`, {
      key: stranger.key,
      method: "DELETE",
      params: { id },
    });
    expect(refused.status).toBe(404);
    const destroyed = await callApi(destroyRoute, `/recordings/${id}`, { key, method: "DELETE", params: { id } });
    expect(destroyed.status).toBe(200);
    expect(destroyed.body).toEqual({ id, destroyed: true });
    expect((await callApi(getRoute, `/recordings/${id}`, { key, params: { id } })).status).toBe(404);
    const actions = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, targetId: id },
      orderBy: { seq: "asc" },
      select: { action: true },
    });
    expect(actions.map((entry) => entry.action)).toEqual([
      "recording.uploaded",
      "recording.redaction_failed",
      "security.alert",
      "recording.redaction_retried",
      "recording.redacted",
      "recording.destroyed",
    ]);
  });
});
