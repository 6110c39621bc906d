import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createOwner } from "@/lib/testing/factories";
import { testDb } from "@/lib/testing/database";
import { getRecordingView } from "./get-recording-view";
import { listRecordingSources, listRecordingViews } from "./list-recording-views";
import { listRedactionJobs } from "./list-redaction-jobs";

let db: Db;
let org: { id: string; slug: string; name: string };
let other: { id: string; slug: string; name: string };

const transcript = {
  words: [
    { text: "my", startMs: 0, endMs: 200, speaker: "caller" },
    { text: "card", startMs: 200, endMs: 400, speaker: "caller" },
    { text: "is", startMs: 400, endMs: 500, speaker: "caller" },
    { text: "[redacted]", startMs: 500, endMs: 4000, speaker: "caller" },
    { text: "thanks", startMs: 4200, endMs: 4600, speaker: "agent" },
  ],
};

async function recording(orgId: string, fields: { source: string; status: string; title?: string; at?: number }) {
  const id = randomUUID();
  return db.recording.create({
    data: {
      id,
      orgId,
      source: fields.source,
      title: fields.title ?? "",
      status: fields.status,
      audioObjectKey: `recordings/${orgId}/${id}.wav`,
      transcriptObjectKey: `recordings/${orgId}/${id}.json`,
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 16,
      durationMs: 4600,
      sizeBytes: 73_644n,
      uploadedBy: "owner@example.test",
      uploadedAt: new Date(Date.UTC(2026, 0, 1) + (fields.at ?? 0) * 60_000),
      ...(fields.status === "redacted" ? { redactedAt: new Date(), redactedTranscript: transcript } : {}),
      ...(fields.status === "failed" ? { failureReason: "Layer 2 found a card number after redaction." } : {}),
    },
  });
}

beforeAll(async () => {
  db = testDb();
  org = (await createOwner()).org;
  other = (await createOwner()).org;
});

describe("the recordings screens' views", () => {
  it("lists one organization's recordings newest first, filtered by status and source, with counts per source", async () => {
    const a = await recording(org.id, { source: "support-line", status: "redacted", title: "Refund call", at: 1 });
    const b = await recording(org.id, { source: "support-line", status: "failed", at: 2 });
    const c = await recording(org.id, { source: "sales-campaign", status: "processing", at: 3 });
    await recording(other.id, { source: "support-line", status: "redacted", at: 4 });

    const all = await listRecordingViews(db, { org }, {});
    expect(all.rows.map((row) => row.id)).toEqual([c.id, b.id, a.id]);
    expect(all.rows[2]).toMatchObject({
      title: "Refund call",
      status: "redacted",
      durationMs: 4600,
      sizeBytes: 73_644,
    });
    expect((await listRecordingViews(db, { org }, { status: "failed" })).rows.map((row) => row.id)).toEqual([b.id]);
    expect((await listRecordingViews(db, { org }, { source: "support-line" })).rows.map((row) => row.id)).toEqual([
      b.id,
      a.id,
    ]);
    expect(await listRecordingSources(db, { org })).toEqual([
      { source: "sales-campaign", count: 1 },
      { source: "support-line", count: 2 },
    ]);
  });

  it("shows a redacted recording's transcript with [redacted] marked and its latest validation report", async () => {
    const row = await recording(org.id, { source: "support-line", status: "redacted" });
    const validation = await db.recordingValidation.create({
      data: {
        orgId: org.id,
        recordingId: row.id,
        passed: true,
        layer1Spans: 1,
        layer2Spans: 1,
        silencedSpans: 1,
        audioSha256: "a".repeat(64),
        transcriptSha256: "b".repeat(64),
        detectorVersions: { local: "1.0.0", patterns: "1" },
        report: {
          paddingMs: 250,
          spans: [
            { startMs: 500, endMs: 4000, kind: "card_number", layer: "layer1" },
            { startMs: 500, endMs: 4000, kind: "card_number", layer: "layer2" },
          ],
          silenced: [{ startMs: 250, endMs: 4250 }],
          residual: { layer1: [], layer2: [] },
          measures: [{ startMs: 250, endMs: 4250, rms: 0, peak: 0, frames: 32000 }],
        },
      },
    });
    await db.recording.update({ where: { id: row.id }, data: { lastValidationId: validation.id } });
    const view = await getRecordingView(db, { org }, row.id);
    expect(view?.transcript?.filter((word) => word.redacted).map((word) => word.text)).toEqual(["[redacted]"]);
    expect(view?.transcript?.[0]).toMatchObject({ text: "my", speaker: "caller", redacted: false });
    expect(view?.validation).toMatchObject({
      passed: true,
      layer1Spans: 1,
      detectorVersions: { local: "1.0.0", patterns: "1" },
      silenced: [{ startMs: 250, endMs: 4250, rms: 0, peak: 0, layers: ["1", "2"], kinds: ["card_number"] }],
      residual: { layer1: 0, layer2: 0 },
      paddingMs: 250,
      problems: [],
    });
  });

  it("never shows a transcript for a locked or unfinished recording, and another organization's is unknown", async () => {
    const failed = await recording(org.id, { source: "support-line", status: "failed" });
    await db.recording.update({ where: { id: failed.id }, data: { redactedTranscript: transcript } });
    const view = await getRecordingView(db, { org }, failed.id);
    expect(view).toMatchObject({
      status: "failed",
      transcript: null,
      failureReason: expect.stringContaining("Layer 2"),
    });
    expect(await getRecordingView(db, { org: other }, failed.id)).toBeNull();
  });

  it("lists the organization's bulk re-redaction jobs with their progress", async () => {
    await db.recordingRedactionJob.create({
      data: { orgId: org.id, status: "running", total: 10, done: 4, failed: 1, requestedBy: "owner@example.test" },
    });
    await db.recordingRedactionJob.create({ data: { orgId: other.id, status: "queued", requestedBy: "x" } });
    expect(await listRedactionJobs(db, { org })).toEqual([
      expect.objectContaining({ status: "running", total: 10, done: 4, failed: 1 }),
    ]);
  });
});
