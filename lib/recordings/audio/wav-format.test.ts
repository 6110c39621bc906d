import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WaveFile } from "wavefile";
import { encodeWav, toneSamples, toneWav, wavHeader } from "@/lib/testing/test-wav";
import {
  InvalidAudioError,
  readWavFormat,
  readWavFormatFromStream,
  readWavFormatOfFile,
  UnsupportedAudioError,
  WAV_HEAD_BYTES,
} from ".";

const list = (bytes: number) => ({
  id: "LIST",
  body: Buffer.concat([Buffer.from("INFO"), Buffer.alloc(bytes - 4, 0x41)]),
});

async function* chunksOf(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe("readWavFormat", () => {
  it.each([
    [8000, 1, 16],
    [8000, 2, 8],
    [16000, 1, 8],
    [16000, 2, 16],
    [44100, 1, 16],
    [44100, 2, 8],
    [48000, 6, 16],
  ] as const)("reads %i Hz, %i channel(s), %i-bit PCM as wavefile does", (sampleRate, channels, bitsPerSample) => {
    const wav = toneWav({ sampleRate, channels, bitsPerSample, durationMs: 1234 });
    const format = readWavFormat(wav);
    const reference = new WaveFile(wav);
    const fmt = reference.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number; blockAlign: number };
    expect(format).toMatchObject({
      sampleRate: fmt.sampleRate,
      channels: fmt.numChannels,
      bitsPerSample: fmt.bitsPerSample,
      blockAlign: fmt.blockAlign,
      dataOffset: 44,
      dataBytes: (reference.data as { chunkSize: number }).chunkSize,
    });
    expect(format.frames).toBe(Math.round((1234 * sampleRate) / 1000));
    expect(format.durationMs).toBeCloseTo(1234, 0);
  });

  it("walks past LIST, fact and odd-sized chunks before the data, and ignores chunks after it", () => {
    const pcm = toneSamples({ sampleRate: 16000, durationMs: 100 });
    const odd = { id: "junk", body: Buffer.alloc(7, 1) };
    const fact = { id: "fact", body: Buffer.alloc(4) };
    const wav = encodeWav(pcm, { before: [list(40), odd, fact], after: [list(20)] });
    const format = readWavFormat(wav);
    expect(format.dataOffset).toBe(12 + 24 + 48 + 16 + 12 + 8);
    expect(format.dataBytes).toBe(3200);
    expect(wav.subarray(format.dataOffset, format.dataOffset + 4)).toEqual(Buffer.from(pcm.samples.buffer, 0, 4));
  });

  it("reads WAVE_FORMAT_EXTENSIBLE with the PCM subformat", () => {
    const wav = encodeWav(toneSamples({ sampleRate: 44100, durationMs: 50, channels: 2 }), { extensible: true });
    expect(readWavFormat(wav)).toMatchObject({ sampleRate: 44100, channels: 2, bitsPerSample: 16, dataOffset: 68 });
  });

  const refusals: [string, () => Buffer, typeof UnsupportedAudioError | typeof InvalidAudioError, RegExp][] = [
    [
      "IEEE float",
      () => wavHeader({ sampleRate: 8000, channels: 1, bitsPerSample: 16 }, 0, { formatCode: 3 }),
      UnsupportedAudioError,
      /IEEE float/,
    ],
    [
      "extensible float",
      () => wavHeader({ sampleRate: 8000, channels: 1, bitsPerSample: 16 }, 0, { extensible: true, formatCode: 3 }),
      UnsupportedAudioError,
      /IEEE float/,
    ],
    [
      "µ-law",
      () => wavHeader({ sampleRate: 8000, channels: 1, bitsPerSample: 8 }, 0, { formatCode: 7 }),
      UnsupportedAudioError,
      /µ-law/,
    ],
    ["24-bit", () => headerWithBits(24), UnsupportedAudioError, /24-bit/],
    ["32-bit", () => headerWithBits(32), UnsupportedAudioError, /32-bit/],
    [
      "MP3 with ID3",
      () => Buffer.concat([Buffer.from("ID3\u0004\u0000"), Buffer.alloc(100)]),
      UnsupportedAudioError,
      /MP3/,
    ],
    ["MP3 frames", () => Buffer.from([0xff, 0xfb, 0x90, 0x64, ...new Array(60).fill(0)]), UnsupportedAudioError, /MP3/],
    ["Ogg", () => Buffer.from("OggS\u0000\u0002" + "x".repeat(40)), UnsupportedAudioError, /Ogg/],
    ["FLAC", () => Buffer.from("fLaC" + "x".repeat(40)), UnsupportedAudioError, /FLAC/],
    [
      "a RIFF that is not WAVE",
      () => Buffer.from("RIFF\u0010\u0000\u0000\u0000AVI LIST"),
      UnsupportedAudioError,
      /"AVI "/,
    ],
    ["text", () => Buffer.from("four one one one one one one one"), UnsupportedAudioError, /not WAV/],
    ["empty", () => Buffer.alloc(0), InvalidAudioError, /empty/],
    [
      "a truncated RIFF",
      () => toneWav({ sampleRate: 8000, durationMs: 10 }).subarray(0, 8),
      InvalidAudioError,
      /too short/,
    ],
    [
      "a header cut in its fmt chunk",
      () => toneWav({ sampleRate: 8000, durationMs: 10 }).subarray(0, 30),
      InvalidAudioError,
      /truncated/,
    ],
    [
      "a header cut before data",
      () => toneWav({ sampleRate: 8000, durationMs: 10 }).subarray(0, 40),
      InvalidAudioError,
      /truncated/,
    ],
    ["data before fmt", () => dataBeforeFmt(), InvalidAudioError, /before its fmt/],
    ["a wrong block align", () => blockAlign(3), InvalidAudioError, /block align/],
  ];
  it.each(refusals)("refuses %s with the right error, naming what it found", (_name, bytes, type, message) => {
    let thrown: unknown;
    try {
      readWavFormat(bytes());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(type);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as UnsupportedAudioError).httpStatus).toBe(type === UnsupportedAudioError ? 415 : 400);
  });

  it("refuses a data chunk claiming more bytes than the file has", () => {
    const wav = toneWav({ sampleRate: 8000, durationMs: 100 });
    expect(() => readWavFormat(wav.subarray(0, wav.length - 10))).not.toThrow(); // only the RIFF size to go by
    expect(() => readWavFormat(wav, { fileBytes: wav.length - 10 })).toThrow(/claims 1600 bytes/);
    const lying = Buffer.from(wav);
    lying.writeUInt32LE(0xffffffff, 40);
    expect(() => readWavFormat(lying)).toThrow(InvalidAudioError);
  });
});

describe("readWavFormatOfFile and readWavFormatFromStream", () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(path.join(tmpdir(), "verity-wav-format-"))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("read past a LIST chunk larger than the first read", async () => {
    const wav = encodeWav(toneSamples({ sampleRate: 8000, durationMs: 200 }), { before: [list(WAV_HEAD_BYTES * 3)] });
    const file = path.join(dir, "big-list.wav");
    await writeFile(file, wav);
    const expected = { dataOffset: 12 + 24 + 8 + WAV_HEAD_BYTES * 3 + 8, dataBytes: 3200 };
    expect(await readWavFormatOfFile(file)).toMatchObject(expected);
    const { format, stream } = await readWavFormatFromStream(chunksOf(wav, 1000));
    expect(format).toMatchObject(expected);
    const replayed: Buffer[] = [];
    for await (const chunk of stream) replayed.push(chunk);
    expect(Buffer.concat(replayed).equals(wav)).toBe(true);
  });

  it("bound the data chunk by the file's size", async () => {
    const file = path.join(dir, "cut.wav");
    await writeFile(file, toneWav({ sampleRate: 8000, durationMs: 200 }).subarray(0, 1000));
    await expect(readWavFormatOfFile(file)).rejects.toThrow(InvalidAudioError);
  });

  it("refuse an MP3 upload after its first bytes, without reading the rest", async () => {
    let read = 0;
    async function* upload() {
      for (let n = 0; n < 1000; n++) {
        read++;
        yield Buffer.concat([Buffer.from("ID3\u0004"), Buffer.alloc(WAV_HEAD_BYTES)]);
      }
    }
    await expect(readWavFormatFromStream(upload())).rejects.toThrow(UnsupportedAudioError);
    expect(read).toBe(1);
  });
});

function headerWithBits(bits: number): Buffer {
  const header = wavHeader({ sampleRate: 8000, channels: 1, bitsPerSample: 16 }, 0);
  header.writeUInt16LE(bits, 34);
  header.writeUInt16LE(bits / 8, 32);
  return header;
}

function blockAlign(value: number): Buffer {
  const header = wavHeader({ sampleRate: 8000, channels: 1, bitsPerSample: 16 }, 0);
  header.writeUInt16LE(value, 32);
  return header;
}

function dataBeforeFmt(): Buffer {
  const header = wavHeader({ sampleRate: 8000, channels: 1, bitsPerSample: 16 }, 0);
  return Buffer.concat([header.subarray(0, 12), header.subarray(36, 44), header.subarray(12, 36)]);
}
