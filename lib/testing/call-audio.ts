/**
 * A long synthetic phone call written to a file block by block (constant memory), for benchmarks and bulk tests:
 * turns of "speech" (a tone gliding between voice-like pitches, with noise) and pauses of line noise, never
 * exact digital silence, so an unsilenced span always measures above zero. Also the spans a redaction of it
 * would silence.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { toneSamples, wavHeader } from "./test-wav";

const BLOCK_MS = 1000;

/** Writes a 16-bit WAV call of `durationMs` (8 kHz mono unless told) to `path`; its size in bytes. */
export async function writeCallWav(
  path: string,
  options: { durationMs: number; sampleRate?: number; channels?: number },
): Promise<number> {
  const { durationMs, sampleRate = 8000, channels = 1 } = options;
  const frames = Math.round((durationMs * sampleRate) / 1000);
  const blockAlign = channels * 2;
  const out = createWriteStream(path);
  const write = async (bytes: Buffer) => {
    if (!out.write(bytes)) await once(out, "drain");
  };
  const header = wavHeader({ sampleRate, channels, bitsPerSample: 16 }, frames * blockAlign);
  await write(header);
  for (let frame = 0, block = 0; frame < frames; block++) {
    const blockFrames = Math.min(frames - frame, (BLOCK_MS * sampleRate) / 1000);
    const talking = block % 7 !== 6; // a pause every seventh second
    const pcm = toneSamples({
      sampleRate,
      channels,
      durationMs: (blockFrames * 1000) / sampleRate,
      startFrame: frame,
      frequencyHz: 140 + (block % 5) * 45,
      amplitude: talking ? 0.4 : 0.01,
    });
    await write(Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength));
    frame += blockFrames;
  }
  out.end();
  await once(out, "finish");
  return header.length + frames * blockAlign;
}

/** `count` spans spread evenly over a call, each 1.5 to 4 s long (a card number, a CVV, an expiry date said aloud). */
export function callSpans(durationMs: number, count: number): { startMs: number; endMs: number }[] {
  const every = durationMs / count;
  return Array.from({ length: count }, (_, index) => {
    const startMs = Math.round(index * every + every / 3);
    return { startMs, endMs: startMs + 1500 + ((index * 977) % 2500) };
  });
}
