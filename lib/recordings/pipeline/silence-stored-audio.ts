import "server-only";
import {
  readWavFormatFromStream,
  silenceSpans,
  validateSilence,
  type AudioSpan,
  type SilenceValidation,
} from "../audio";
import type { RecordingStore } from "../store/recording-store";
import { spoolToFile } from "../store/spool-file";
import { atStage, RedactionFailure } from "./redaction-failure";

async function readStored(store: RecordingStore, key: string) {
  const body = await store.read(key);
  if (!body) throw new RedactionFailure("read", "The recording's audio is missing from storage");
  return body;
}

/**
 * Layer 3: streams the stored audio through silenceSpans (every channel, spans rounded outwards to whole frames)
 * into a temporary file, and stores it under `newKey`. Constant memory; the original is left for the caller to
 * destroy once the new one is on record.
 */
export async function silenceStoredAudio(
  store: RecordingStore,
  key: string,
  newKey: string,
  ranges: readonly AudioSpan[],
): Promise<void> {
  const body = await readStored(store, key);
  const spooled = await atStage("silence", "The audio could not be silenced", async () => {
    const { format, stream } = await readWavFormatFromStream(body as AsyncIterable<Buffer>);
    return spoolToFile(silenceSpans(stream, format, ranges), "redacted.wav");
  });
  try {
    await atStage("store", "The redacted audio could not be stored", () => store.putFile(newKey, spooled.file));
  } finally {
    await spooled.remove();
  }
}

/** Reads the stored redacted audio back and measures every silenced span (and its SHA-256): the audio's validation. */
export async function measureStoredAudio(
  store: RecordingStore,
  key: string,
  ranges: readonly AudioSpan[],
): Promise<SilenceValidation> {
  const body = await readStored(store, key);
  return atStage("validation", "The redacted audio could not be measured", async () => {
    const { format, stream } = await readWavFormatFromStream(body as AsyncIterable<Buffer>);
    return validateSilence(stream, format, ranges);
  });
}
