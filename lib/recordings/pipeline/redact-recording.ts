import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";

import { mergeSpans, redactTranscript, type PciDetector, type Span, type TimeRange } from "../detect";
import { recordingNotFound } from "../find-recording";
import { resolveDeps, type RecordingDeps } from "../recording-deps";
import { recordingObjectKey, type RecordingStore } from "../store/recording-store";
import type { Transcript } from "../transcript";
import { recordRedaction, type RedactionRecord } from "./record-redaction";
import { atStage, RedactionFailure } from "./redaction-failure";
import { runLayers, type LayerFindings } from "./run-layers";
import { measureStoredAudio, silenceStoredAudio } from "./silence-stored-audio";

export type RedactionOutcome = {
  recordingId: string;
  /** "superseded": another run replaced the recording's objects first; this one wrote nothing. */
  status: "redacted" | "failed" | "superseded";
  validationId: string | null;
  /** Absent when it passed. Verity's words, never the detector's or any transcript text. */
  failureReason?: string;
};

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const spanReport = (spans: Span[]) =>
  spans.map(({ startMs, endMs, kind, layer }) => ({ startMs, endMs, kind, layer: `layer${layer}` }));

async function readTranscript(store: RecordingStore, key: string): Promise<Transcript> {
  const body = await store.read(key);
  if (!body) throw new RedactionFailure("read", "The recording's transcript is missing from storage");
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Transcript;
  if (!Array.isArray(parsed.words)) throw new Error("not a transcript");
  return parsed;
}

/** Destroys objects, retrying: an original left behind would keep card data in storage. */
async function destroyAll(store: RecordingStore, keys: string[]) {
  for (const key of keys)
    for (let attempt = 1; ; attempt++) {
      try {
        await store.destroy(key);
        break;
      } catch (error) {
        if (attempt === 3) {
          process.stderr.write(`recordings: could not destroy ${key}: ${(error as Error).name}\n`);
          break;
        }
      }
    }
}

/**
 * The three layers over one recording, then validation on record (layer 1 detector, layer 2 patterns, layer 3
 * silencing of the padded union in every channel; the redacted audio and transcript replace the originals, which
 * are destroyed). Validation: both layers again on the redacted transcript must find nothing, and every silenced
 * span must measure silent. Fails closed: any error leaves the recording locked (status failed), on the record,
 * with a security alert. Runs synchronously (tests, the bulk job); the upload route runs it after answering.
 */
export async function redactRecording(
  db: Db,
  input: { orgId: string; recordingId: string; bulkJobId?: string },
  deps: RecordingDeps = {},
): Promise<RedactionOutcome> {
  const resolved = await resolveDeps(deps);
  const { store } = resolved;
  const recording = await db.recording.findFirst({ where: { id: input.recordingId, orgId: input.orgId } });
  if (!recording) throw recordingNotFound();
  const versions: Record<string, string> = { layer2: `patterns-${resolved.patterns.version}` };
  const created: string[] = [];
  const state: { found?: LayerFindings; ranges?: TimeRange[] } = {};

  const attempt = async (): Promise<RedactionRecord> => {
    const detector: PciDetector = await atStage("layer1", "The layer-1 detector is not configured correctly", () =>
      resolved.detector(),
    );
    versions.layer1 = `${detector.id}-${detector.version}`;
    const transcript = await atStage("read", "The stored transcript could not be read", () =>
      readTranscript(store, recording.transcriptObjectKey),
    );
    const found = (state.found = await runLayers(transcript, detector, resolved.patterns.spans));
    const spans = [...found.layer1, ...found.layer2];
    const ranges = (state.ranges = await atStage("silence", "The flagged spans could not be merged", () =>
      mergeSpans(spans, resolved.paddingMs, recording.durationMs),
    ));
    const audioKey = recordingObjectKey(recording.orgId, recording.id, "audio", resolved.now());
    const transcriptKey = recordingObjectKey(recording.orgId, recording.id, "transcript", resolved.now());
    created.push(audioKey, transcriptKey);
    await silenceStoredAudio(store, recording.audioObjectKey, audioKey, ranges);
    const redacted = await atStage("silence", "The transcript could not be redacted", () =>
      redactTranscript(transcript, spans),
    );
    const text = JSON.stringify(redacted);
    await atStage("store", "The redacted transcript could not be stored", () => store.putText(transcriptKey, text));
    const residual = await runLayers(redacted, detector, resolved.patterns.spans).catch((error: unknown) => {
      const stage = error instanceof RedactionFailure ? error.stage : "validation";
      throw new RedactionFailure("validation", `Validation could not run: ${stage} failed on the redacted transcript`);
    });
    const audio = await measureStoredAudio(store, audioKey, ranges);
    const problems = [
      ...(residual.layer1.length ? [`layer 1 still finds ${residual.layer1.length} span(s)`] : []),
      ...(residual.layer2.length ? [`layer 2 still finds ${residual.layer2.length} span(s)`] : []),
      ...(audio.passed ? [] : [`a silenced span is not silent (peak ${audio.loudestPeak})`]),
    ];
    const passed = problems.length === 0;
    return {
      passed,
      layer1Spans: found.layer1.length,
      layer2Spans: found.layer2.length,
      silencedSpans: ranges.length,
      audioSha256: audio.sha256,
      transcriptSha256: sha256(text),
      detectorVersions: versions,
      report: {
        paddingMs: resolved.paddingMs,
        spans: spanReport(spans),
        silenced: ranges,
        residual: { layer1: spanReport(residual.layer1), layer2: spanReport(residual.layer2) },
        measures: audio.spans,
        loudestPeak: audio.loudestPeak,
        ...(passed ? {} : { problems }),
      },
      ...(passed
        ? {}
        : { failure: { stage: "validation" as const, reason: `Validation failed: ${problems.join("; ")}` } }),
      replacement: { audioKey, transcriptKey, words: redacted },
    };
  };

  let record: RedactionRecord;
  try {
    record = await attempt();
  } catch (error) {
    const failure =
      error instanceof RedactionFailure
        ? error
        : new RedactionFailure(
            "validation",
            `The redaction stopped unexpectedly (${(error as Error)?.name ?? "error"})`,
          );
    record = failureRecord(failure, versions, state);
  }
  record.bulkJobId = input.bulkJobId;
  const outcome = await recordRedaction(db, recording, record, resolved.now());
  const replaced = outcome !== null && record.replacement !== undefined;
  // What this run stored but did not put on record goes; once replaced, the originals go.
  await destroyAll(store, replaced ? [recording.audioObjectKey, recording.transcriptObjectKey] : created);
  if (!outcome) return { recordingId: recording.id, status: "superseded", validationId: null };
  return {
    recordingId: recording.id,
    status: record.passed ? "redacted" : "failed",
    validationId: outcome.validationId,
    ...(record.failure ? { failureReason: record.failure.reason } : {}),
  };
}

function failureRecord(
  failure: RedactionFailure,
  versions: Record<string, string>,
  state: { found?: LayerFindings; ranges?: TimeRange[] },
): RedactionRecord {
  return {
    passed: false,
    layer1Spans: state.found?.layer1.length ?? 0,
    layer2Spans: state.found?.layer2.length ?? 0,
    silencedSpans: 0,
    audioSha256: null,
    transcriptSha256: null,
    detectorVersions: versions,
    report: { stage: failure.stage, reason: failure.reason, ...(state.ranges ? { flagged: state.ranges } : {}) },
    failure: { stage: failure.stage, reason: failure.reason },
  };
}
