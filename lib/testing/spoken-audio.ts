/**
 * Spoken test audio: words synthesized one by one with Debian's espeak-ng, resampled with sox to 16-bit mono
 * at the wanted rate, joined with gaps; each word's timestamps are exact, computed from sample counts, the way
 * a speech-to-text service's word timings would say them. Needs `apt-get install espeak-ng sox`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { encodeWav } from "./test-wav";

export { encodeWav, toneSamples, toneWav, wavHeader, type ExtraChunk, type PcmSamples } from "./test-wav";

const run = promisify(execFile);

export type SpokenWord = { text: string; startMs: number; endMs: number };

/** Each distinct word at each rate is synthesized once per process. */
const spoken = new Map<string, Promise<Int16Array>>();

/**
 * A WAV file (16-bit mono, 8 kHz unless told) of `words` said one after another, `gapMs` apart (default 120 ms,
 * also before the first word and after the last), with each word's start and end in milliseconds. A word's
 * span is its voiced samples: sox trims the silence espeak-ng puts around it.
 */
export async function speakWords(
  words: string[],
  options: { sampleRate?: number; gapMs?: number; voice?: string } = {},
): Promise<{ wav: Buffer; words: SpokenWord[]; sampleRate: number }> {
  const { sampleRate = 8000, gapMs = 120, voice = "en-us" } = options;
  const clips: Int16Array[] = [];
  // one word at a time: the machine's cores are shared, and repeated words come from the cache
  for (const word of words) clips.push(await speakWord(word, sampleRate, voice));
  const gap = Math.round((gapMs * sampleRate) / 1000);
  const total = gap + clips.reduce((sum, clip) => sum + clip.length + gap, 0);
  const samples = new Int16Array(total);
  const timings: SpokenWord[] = [];
  let at = gap;
  clips.forEach((clip, index) => {
    samples.set(clip, at);
    timings.push({
      text: words[index],
      startMs: (at * 1000) / sampleRate,
      endMs: ((at + clip.length) * 1000) / sampleRate,
    });
    at += clip.length + gap;
  });
  return { wav: encodeWav({ sampleRate, channels: 1, bitsPerSample: 16, samples }), words: timings, sampleRate };
}

function speakWord(word: string, sampleRate: number, voice: string): Promise<Int16Array> {
  const key = `${voice}\u0000${sampleRate}\u0000${word}`;
  let clip = spoken.get(key);
  if (!clip) {
    clip = synthesize(word, sampleRate, voice);
    spoken.set(key, clip);
  }
  return clip;
}

async function synthesize(word: string, sampleRate: number, voice: string): Promise<Int16Array> {
  const dir = await mkdtemp(path.join(tmpdir(), "verity-speech-"));
  try {
    const said = path.join(dir, "said.wav");
    const raw = path.join(dir, "word.raw");
    await run("espeak-ng", ["-v", voice, "-w", said, "--", word]).catch(missing("espeak-ng"));
    // raw output: signed 16-bit little-endian mono samples, no header; the silence effect trims both ends
    const convert = ["-t", "raw", "-r", String(sampleRate), "-e", "signed-integer", "-b", "16", "-c", "1", "-L", raw];
    const trim = ["silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse"];
    await run("sox", ["-q", said, ...convert, ...trim]).catch(missing("sox"));
    let bytes = await readFile(raw);
    if (bytes.length === 0) {
      await run("sox", ["-q", said, ...convert]); // a word too quiet for the trim: keep espeak's whole clip
      bytes = await readFile(raw);
    }
    return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length - (bytes.length % 2)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function missing(program: string) {
  return (error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new Error(`${program} is not installed: apt-get install -y espeak-ng sox`);
    throw error;
  };
}
