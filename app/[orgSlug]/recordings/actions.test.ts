import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as upload } from "@/app/api/orgs/[orgSlug]/recordings/route";
import type { Db } from "@/lib/db/client";
import { demoCall } from "@/lib/demo/demo-call-audio";
import { redactionsSettled } from "@/lib/recordings/pipeline/schedule-redaction";
import { testDb } from "@/lib/testing/database";
import { params } from "@/lib/testing/sessions";
import { signedInOwner } from "@/lib/testing/signed-in-owner";
import { testBrowser } from "@/lib/testing/test-browser";

const { issueRecordingUrlAction, deleteRecordingsFromSourceAction, startBulkRedactionAction } =
  await import("./actions");

let db: Db;
beforeAll(() => {
  db = testDb();
});

const CALL = demoCall([
  [{ speaker: "agent", text: "how can I help" }],
  [{ speaker: "caller", text: "my card number is four one one one one one one one one one one one one one one one" }],
]);

/** The panel's upload, as the form's XMLHttpRequest sends it: multipart, same origin, the session cookie. */
async function uploadCall(slug: string, fields: { audio: Blob; source?: string; title?: string }) {
  const form = new FormData();
  form.set("source", fields.source ?? "support-line");
  form.set("title", fields.title ?? "Card call");
  form.set("audio", fields.audio, "call.wav");
  form.set("transcript", new Blob([JSON.stringify(CALL.transcript)], { type: "application/json" }), "call.json");
  const request = new Request(`http://localhost/api/orgs/${slug}/recordings`, {
    method: "POST",
    body: form,
    headers: {
      cookie: testBrowser.cookie!,
      origin: "http://localhost",
      "x-verity-peer-ip": "198.51.100.20",
      "user-agent": "panel-test",
    },
  });
  return upload(request, params({ orgSlug: slug }));
}

const wav = () => new Blob([new Uint8Array(CALL.wav)], { type: "audio/wav" });

describe("the recordings screens' upload and actions", () => {
  it("upload a call through the session route, redact it, and play it on a URL that is on the record", async () => {
    const owner = await signedInOwner(db);
    const answer = await uploadCall(owner.org.slug, { audio: wav() });
    expect(answer.status).toBe(201);
    const { id, status } = await answer.json();
    expect(status).toBe("processing");
    await redactionsSettled();
    const row = await db.recording.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ orgId: owner.org.id, status: "redacted", source: "support-line" });

    const played = await issueRecordingUrlAction(owner.org.slug, { recordingId: id });
    expect(played).toMatchObject({ ok: true, data: { url: expect.stringContaining(id) } });
    expect(
      await db.auditEntry.count({ where: { orgId: owner.org.id, action: "recording.accessed", targetId: id } }),
    ).toBe(1);

    // Another organization's owner cannot play it: it is unknown there.
    const stranger = await signedInOwner(db);
    expect(await issueRecordingUrlAction(stranger.org.slug, { recordingId: id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("delete a source only for the count the manager confirmed, and queue a bulk re-redaction", async () => {
    const owner = await signedInOwner(db);
    for (const title of ["one", "two"]) {
      expect((await uploadCall(owner.org.slug, { audio: wav(), source: "campaign-7", title })).status).toBe(201);
    }
    await redactionsSettled();
    const stale = await deleteRecordingsFromSourceAction(owner.org.slug, { source: "campaign-7", expectedCount: 1 });
    expect(stale).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("now holds 2") });
    expect(await db.recording.count({ where: { orgId: owner.org.id } })).toBe(2);

    const bulk = await startBulkRedactionAction(owner.org.slug, {});
    expect(bulk).toMatchObject({ ok: true, data: { jobId: expect.any(String) } });
    const job = await db.recordingRedactionJob.findUniqueOrThrow({ where: { id: bulk.ok ? bulk.data.jobId : "" } });
    expect(job).toMatchObject({ orgId: owner.org.id, total: 2, status: "queued" });

    const deleted = await deleteRecordingsFromSourceAction(owner.org.slug, { source: "campaign-7", expectedCount: 2 });
    expect(deleted).toEqual({ ok: true, data: { deleted: 2 } });
    expect(await db.recording.count({ where: { orgId: owner.org.id } })).toBe(0);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "recordings.deleted" } })).toBe(1);
  });

  it("refuses an upload that is not WAV, or too large, early with 415/413, storing and recording nothing", async () => {
    const owner = await signedInOwner(db);
    // Not WAV: refused from the first bytes, while the rest of a large body is still to come.
    const ogg = new Blob([Buffer.from("OggS"), new Uint8Array(3 * 1024 * 1024)], { type: "audio/ogg" });
    const refused = await uploadCall(owner.org.slug, { audio: ogg });
    expect(refused.status).toBe(415);
    expect(await refused.json()).toMatchObject({ status: 415 });
    expect(await db.recording.count({ where: { orgId: owner.org.id } })).toBe(0);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "recording.uploaded" } })).toBe(0);
  });

  it("answers a refused upload at once and reads the rest of its body instead of resetting the connection", async () => {
    const owner = await signedInOwner(db);
    const form = new FormData();
    form.set("source", "support-line");
    form.set("audio", new Blob([Buffer.from("OggS"), new Uint8Array(4 * 1024 * 1024)], { type: "audio/ogg" }), "a.ogg");
    const encoded = new Request("http://localhost/", { method: "POST", body: form });
    // The body as a client sends it: chunk by chunk, and it notices being cut off (a reset, for a browser).
    const reader = encoded.body!.getReader();
    const sent = { chunks: 0, finished: false, cutOff: false };
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          sent.finished = true;
          controller.close();
        } else {
          sent.chunks++;
          controller.enqueue(value);
        }
      },
      cancel() {
        sent.cutOff = true;
      },
    });
    const answer = await upload(
      new Request(`http://localhost/api/orgs/${owner.org.slug}/recordings`, {
        method: "POST",
        body,
        duplex: "half",
        headers: {
          "content-type": encoded.headers.get("content-type")!,
          cookie: testBrowser.cookie!,
          origin: "http://localhost",
          "x-verity-peer-ip": "198.51.100.20",
        },
      } as RequestInit),
      params({ orgSlug: owner.org.slug }),
    );
    expect(answer.status).toBe(415);
    await vi.waitFor(() => expect(sent.finished).toBe(true));
    expect(sent.cutOff).toBe(false);
    expect(await db.recording.count({ where: { orgId: owner.org.id } })).toBe(0);
  });
});
