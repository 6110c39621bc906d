/**
 * Layer 3 of PCI redaction (lib/recordings/audio) on a 10-minute 8 kHz 16-bit mono call (generated: voice-like
 * tones and line noise) with RECORDINGS_BENCH_SPANS flagged spans (default 20), from file to file in a temp
 * directory: read the format, silence the spans into a new file, read the redacted file's format and validate it
 * (every span measured, the file's SHA-256). Baseline in the same run, rounds alternating: a plain stream copy of
 * the same file. Issue 21's targets: ≥ 50× real time and peak RSS ≤ 256 MB.
 *
 *   npm run bench:recordings
 *   DATABASE_URL=postgresql://… RECORDINGS_BENCH_BULK_CALLS=1000 npm run bench:recordings   (with the bulk section)
 *   RECORDINGS_BENCH_ONLY=single|bulk runs one section.
 *
 * Prints one JSON object on stdout, progress on stderr. Sections are functions of the call file, so a bulk figure
 * (1,000 calls through the recordings pipeline) can be added as another section beside `singleCall`.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { readWavFormatOfFile, silenceSpans, validateSilence, type AudioSpan } from "@/lib/recordings/audio";
import { callSpans, writeCallWav } from "@/lib/testing/call-audio";
import { benchLog, machine, percentiles, round, sampleRss } from "./measure";
import { bulkRedaction } from "./recordings-bulk";

const CALL_MS = 10 * 60 * 1000;
const SPANS = Number(process.env.RECORDINGS_BENCH_SPANS ?? 20);
const ROUNDS = Number(process.env.RECORDINGS_BENCH_ROUNDS ?? 7);
const TARGET_REALTIME_MULTIPLE = 50;
const TARGET_PEAK_RSS_MB = 256;
const MB = 1024 * 1024;

/** Silences `spans` of `original` into `redacted` and validates the result: the whole of layer 3 for one call. */
export async function redactCallFile(original: string, redacted: string, spans: readonly AudioSpan[]) {
  const format = await readWavFormatOfFile(original);
  await pipeline(
    createReadStream(original),
    (input) => silenceSpans(input, format, spans),
    createWriteStream(redacted),
  );
  const validation = await validateSilence(createReadStream(redacted), await readWavFormatOfFile(redacted), spans);
  if (!validation.passed) throw new Error("validation failed: a silenced span is not silent");
  return validation;
}

async function copyFile(from: string, to: string) {
  await pipeline(createReadStream(from), createWriteStream(to));
}

async function singleCall(dir: string) {
  const original = path.join(dir, "call.wav");
  const bytes = await writeCallWav(original, { durationMs: CALL_MS });
  const spans = callSpans(CALL_MS, SPANS);
  benchLog(`call: ${round(bytes / MB, 1)} MB, ${SPANS} spans; warming up`);
  await copyFile(original, path.join(dir, "copy.wav"));
  await redactCallFile(original, path.join(dir, "redacted.wav"), spans);
  const [copyMs, redactMs]: [number[], number[]] = [[], []];
  const rss = sampleRss(5);
  for (let n = 0; n < ROUNDS; n++) {
    benchLog(`round ${n + 1}/${ROUNDS}`);
    let started = performance.now();
    await copyFile(original, path.join(dir, "copy.wav"));
    copyMs.push(performance.now() - started);
    started = performance.now();
    await redactCallFile(original, path.join(dir, "redacted.wav"), spans);
    redactMs.push(performance.now() - started);
  }
  const { rssAtStart, peakRss } = rss.stop();
  const redact = percentiles(redactMs, [50, 100]);
  const copy = percentiles(copyMs, [50, 100]);
  const realTimeMultiple = round(CALL_MS / redact.p50, 1);
  const peakRssMb = round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / MB, 1);
  return {
    call: {
      durationSeconds: CALL_MS / 1000,
      sampleRate: 8000,
      bitsPerSample: 16,
      channels: 1,
      megabytes: round(bytes / MB, 2),
      spans: SPANS,
    },
    rounds: ROUNDS,
    redactMs: { median: redact.p50, max: redact.p100, min: round(Math.min(...redactMs)) },
    baselineCopyMs: { median: copy.p50, max: copy.p100, min: round(Math.min(...copyMs)) },
    redactOverCopy: round(redact.p50 / copy.p50, 2),
    realTimeMultiple,
    baselineCopyRealTimeMultiple: round(CALL_MS / copy.p50, 1),
    rssAtStartMb: round(rssAtStart / MB, 1),
    peakRssMb,
    targets: {
      realTimeMultiple: { target: TARGET_REALTIME_MULTIPLE, met: realTimeMultiple >= TARGET_REALTIME_MULTIPLE },
      peakRssMb: { target: TARGET_PEAK_RSS_MB, met: peakRssMb <= TARGET_PEAK_RSS_MB },
    },
  };
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "verity-bench-recordings-"));
  try {
    const single = process.env.RECORDINGS_BENCH_ONLY === "bulk" ? null : await singleCall(dir);
    const bulk = process.env.RECORDINGS_BENCH_ONLY === "single" ? null : await bulkRedaction(dir);
    return { machine: machine(), singleCall: single, bulkRedaction: bulk };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const result = await main();
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
