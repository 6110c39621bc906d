/**
 * The bulk part of bench/recordings.ts: a bulk re-redaction job (lib/recordings/bulk) over RECORDINGS_BENCH_BULK_CALLS
 * historical 10-minute 8 kHz calls (default 1,000), each with a transcript of about 1,500 words in which a caller
 * reads out RECORDINGS_BENCH_SPANS card numbers, all three layers and validation on record per call, against a
 * directory store in a temp folder and a throwaway PostgreSQL database. The job runs in slices (as the worker does)
 * and the progress figure (done/total, calls a second, ETA) is printed after each slice. A smaller count gives a
 * projection to 1,000, marked as such.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { connectDb, type Db } from "@/lib/db/client";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";
import { runBulkRedaction } from "@/lib/recordings/bulk/run-bulk-redaction";
import { startBulkRedaction } from "@/lib/recordings/bulk/start-bulk-redaction";
import { recordingObjectKey } from "@/lib/recordings/store/recording-store";
import { callSpans, writeCallWav } from "@/lib/testing/call-audio";
import { withBenchDatabase } from "./bench-database";
import { benchOwner } from "./bench-org";
import { benchLog, round, sampleRss } from "./measure";

const CALL_MS = 10 * 60 * 1000;
const FULL_COUNT = 1000;
const DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const FILLER = ["okay", "so", "let", "me", "check", "that", "for", "you", "thanks", "right", "and", "the", "account"];
const CARDS = ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "3530111333300000"];

/** A transcript over the call: filler words, and at each span a caller saying a test card digit by digit. */
export function bulkCallTranscript(durationMs: number, spans: { startMs: number; endMs: number }[]) {
  const words: { text: string; startMs: number; endMs: number; speaker: string }[] = [];
  let at = 200;
  let filler = 0;
  for (const [index, span] of spans.entries()) {
    for (; at + 400 < span.startMs - 1200; at += 400)
      words.push({ text: FILLER[filler++ % FILLER.length], startMs: at, endMs: at + 300, speaker: "agent" });
    at = span.startMs - 1200;
    for (const text of ["my", "card", "number", "is"]) {
      words.push({ text, startMs: at, endMs: at + 250, speaker: "caller" });
      at += 300;
    }
    at = span.startMs;
    const card = CARDS[index % CARDS.length];
    const step = Math.floor((span.endMs - span.startMs) / card.length);
    for (const digit of card) {
      words.push({ text: DIGITS[Number(digit)], startMs: at, endMs: at + step - 20, speaker: "caller" });
      at += step;
    }
    at += 400;
  }
  for (; at + 400 < durationMs; at += 400)
    words.push({ text: FILLER[filler++ % FILLER.length], startMs: at, endMs: at + 300, speaker: "agent" });
  return { words, durationMs };
}

/**
 * Records `count` historical recordings of the same call. Their transcripts are stored now; their audio (9.6 MB a
 * call, 9.6 GB for 1,000) is staged just before the slice that redacts it (stageAudio, not timed), and each slice's
 * redacted audio is removed once recorded (not timed either), so the disk never holds more than a slice's calls.
 */
async function seedCalls(db: Db, orgId: string, store: ReturnType<typeof directoryStore>, dir: string, count: number) {
  const file = path.join(dir, "call.wav");
  const bytes = await writeCallWav(file, { durationMs: CALL_MS });
  const spans = callSpans(CALL_MS, Number(process.env.RECORDINGS_BENCH_SPANS ?? 20));
  const transcript = JSON.stringify(bulkCallTranscript(CALL_MS, spans));
  const uploadedAt = new Date(Date.now() - 86_400_000);
  const audioKeys = new Map<string, string>();
  for (let n = 0; n < count; n++) {
    const id = randomUUID();
    const audioObjectKey = recordingObjectKey(orgId, id, "audio");
    const transcriptObjectKey = recordingObjectKey(orgId, id, "transcript");
    audioKeys.set(id, audioObjectKey);
    await store.putText(transcriptObjectKey, transcript);
    await db.recording.create({
      data: {
        id,
        orgId,
        source: "bench-history",
        title: `Historical call ${n + 1}`,
        status: "redacted",
        audioObjectKey,
        transcriptObjectKey,
        sampleRate: 8000,
        channels: 1,
        bitsPerSample: 16,
        durationMs: CALL_MS,
        sizeBytes: BigInt(bytes),
        uploadedBy: "bench",
        uploadedAt,
      },
    });
    if ((n + 1) % 100 === 0 || n + 1 === count) benchLog(`recorded ${n + 1}/${count} calls`);
  }
  // The job visits recordings in id order (uuid order is the lower-case hex order).
  const order = [...audioKeys.keys()].sort();
  return { bytes, spans: spans.length, words: JSON.parse(transcript).words.length as number, file, audioKeys, order };
}

/** Bytes of the files under `dir` (the store): what the bench holds on disk at once. */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  return total;
}

/** The bulk section: null without a PostgreSQL DATABASE_URL (the harness says so). */
export async function bulkRedaction(dir: string) {
  const count = Number(process.env.RECORDINGS_BENCH_BULK_CALLS ?? FULL_COUNT);
  const slice = Number(process.env.RECORDINGS_BENCH_BULK_SLICE ?? 10);
  return withBenchDatabase(async (url) => {
    const db = connectDb(url);
    try {
      const { orgId } = await benchOwner(db, "Recordings bulk");
      const storeDir = path.join(dir, "store");
      await mkdir(storeDir, { recursive: true });
      const store = directoryStore(storeDir);
      const deps = { store, env: { ...process.env, VERITY_PCI_DETECTOR_URL: undefined } };
      const call = await seedCalls(db, orgId, store, dir, count);
      const job = await db.$transaction((tx) =>
        startBulkRedaction(
          tx,
          { orgId, actor: SYSTEM_ACTOR, context: { ip: null, userAgent: "bench", geo: null, requestId: null } },
          {},
        ),
      );
      const rss = sampleRss(20);
      const progress: { done: number; failed: number; total: number; seconds: number }[] = [];
      let view = job;
      let redactingMs = 0;
      let stagingMs = 0;
      let staged = 0;
      let peakStoreBytes = 0;
      while (view.status !== "finished" && view.status !== "failed") {
        // Not timed: the next slice's originals are put in the store, the last slice's redacted audio removed.
        let at = performance.now();
        const next = call.order.slice(staged, staged + slice);
        for (const id of next) await store.putFile(call.audioKeys.get(id)!, call.file);
        staged += next.length;
        peakStoreBytes = Math.max(peakStoreBytes, await folderBytes(storeDir));
        stagingMs += performance.now() - at;
        at = performance.now();
        view = await runBulkRedaction(db, { jobId: job.id, limit: slice }, deps);
        redactingMs += performance.now() - at;
        at = performance.now();
        const rows = await db.recording.findMany({ where: { id: { in: next } }, select: { audioObjectKey: true } });
        for (const row of rows) await store.delete(row.audioObjectKey);
        stagingMs += performance.now() - at;
        const seconds = redactingMs / 1000;
        const handled = view.done + view.failed;
        const perSecond = handled / seconds;
        const eta = perSecond > 0 ? (view.total - handled) / perSecond : 0;
        progress.push({ done: view.done, failed: view.failed, total: view.total, seconds: round(seconds, 1) });
        benchLog(
          `bulk: ${handled}/${view.total} (${round((100 * handled) / view.total, 1)}%), ${view.failed} failed, ` +
            `${round(perSecond, 2)} calls/s, ETA ${round(eta, 0)} s`,
        );
      }
      const seconds = redactingMs / 1000;
      const { peakRss } = rss.stop();
      const perCallMs = (seconds * 1000) / count;
      return {
        calls: count,
        projected: count !== FULL_COUNT,
        call: {
          durationSeconds: CALL_MS / 1000,
          megabytes: round(call.bytes / 1024 / 1024, 2),
          spans: call.spans,
          words: call.words,
        },
        sliceSize: slice,
        status: view.status,
        done: view.done,
        failed: view.failed,
        seconds: round(seconds, 1),
        untimedStagingSeconds: round(stagingMs / 1000, 1),
        peakStoreMegabytes: round(peakStoreBytes / 1024 / 1024, 1),
        perCallMs: round(perCallMs, 1),
        callsPerSecond: round(count / seconds, 2),
        realTimeMultiple: round(CALL_MS / perCallMs, 1),
        projectedSecondsFor1000: round((perCallMs * FULL_COUNT) / 1000, 0),
        // Sampled during the bulk run only; the process's lifetime peak also holds the set-up (writing the calls).
        peakRssDuringBulkMb: round(peakRss / 1024 / 1024, 1),
        processMaxRssMb: round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024, 1),
        progress: progress.filter(
          (_, index) => index % Math.max(1, Math.floor(progress.length / 20)) === 0 || index === progress.length - 1,
        ),
      };
    } finally {
      await db.$disconnect();
    }
  });
}
