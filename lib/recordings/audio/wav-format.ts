import { InvalidAudioError, UnsupportedAudioError } from "./audio-errors";
import { describeNonWav } from "./describe-non-wav";

/** What the RIFF header says about a PCM WAV file; offsets and sizes are in bytes from the file's start. */
export type WavFormat = {
  sampleRate: number;
  channels: number;
  bitsPerSample: 8 | 16;
  /** Bytes per frame (one sample of every channel). */
  blockAlign: number;
  /** Where the samples start (the first byte after the data chunk's header). */
  dataOffset: number;
  /** The data chunk's size in bytes. */
  dataBytes: number;
  /** Whole frames in the data chunk (a trailing partial frame is not counted). */
  frames: number;
  durationMs: number;
};

/** Bytes from the file's start that readWavFormat is usually given; readWavFormatOfFile reads more when a header needs it. */
export const WAV_HEAD_BYTES = 64 * 1024;

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** The 14 bytes after the format code in every KSDATAFORMAT_SUBTYPE_* GUID (…-0000-0010-8000-00AA00389B71). */
const SUBFORMAT_GUID_TAIL = Buffer.from("000000001000800000aa00389b71", "hex");
const FORMAT_NAMES: Record<number, string> = {
  0x0002: "Microsoft ADPCM",
  0x0003: "IEEE float",
  0x0006: "A-law",
  0x0007: "µ-law",
  0x0011: "IMA ADPCM",
  0x0031: "GSM 6.10",
  0x0055: "MP3",
};
const MAX_CHANNELS = 32;
const MIN_SAMPLE_RATE = 1_000;
const MAX_SAMPLE_RATE = 384_000;

/** More header bytes are needed to reach the data chunk: thrown by parseWavHeader, caught by readWavFormatOfFile. */
export class WavHeaderNeedsMoreBytes extends InvalidAudioError {
  constructor(readonly needed: number) {
    super("The WAV header is truncated: the file ends before its data chunk");
    this.name = "WavHeaderNeedsMoreBytes";
  }
}

type Fmt = { sampleRate: number; channels: number; bitsPerSample: 8 | 16; blockAlign: number };

function formatName(code: number): string {
  return FORMAT_NAMES[code] ?? `format code 0x${code.toString(16).padStart(4, "0")}`;
}

function parseFmt(chunk: Buffer): Fmt {
  if (chunk.length < 16)
    throw new InvalidAudioError(`The WAV fmt chunk is ${chunk.length} bytes; at least 16 are needed`);
  let code = chunk.readUInt16LE(0);
  const channels = chunk.readUInt16LE(2);
  const sampleRate = chunk.readUInt32LE(4);
  const blockAlign = chunk.readUInt16LE(12);
  const bits = chunk.readUInt16LE(14);
  if (code === WAVE_FORMAT_EXTENSIBLE) {
    if (chunk.length < 40)
      throw new InvalidAudioError("The WAV fmt chunk says WAVE_FORMAT_EXTENSIBLE but is shorter than 40 bytes");
    const validBits = chunk.readUInt16LE(18);
    if (!chunk.subarray(26, 40).equals(SUBFORMAT_GUID_TAIL)) {
      throw new UnsupportedAudioError(
        "WAV audio with an unknown WAVE_FORMAT_EXTENSIBLE subformat is not supported; send 8-bit or 16-bit PCM",
      );
    }
    code = chunk.readUInt16LE(24);
    if (code === WAVE_FORMAT_PCM && validBits !== 0 && validBits !== bits) {
      throw new UnsupportedAudioError(
        `WAV PCM with ${validBits} valid bits in ${bits}-bit samples is not supported; send 8-bit or 16-bit PCM`,
      );
    }
  }
  if (code !== WAVE_FORMAT_PCM) {
    throw new UnsupportedAudioError(`WAV audio in ${formatName(code)} is not supported; send 8-bit or 16-bit PCM`);
  }
  if (bits !== 8 && bits !== 16) {
    throw new UnsupportedAudioError(`WAV PCM with ${bits}-bit samples is not supported; send 8-bit or 16-bit PCM`);
  }
  if (channels < 1 || channels > MAX_CHANNELS)
    throw new InvalidAudioError(`The WAV header says ${channels} channels (1 to ${MAX_CHANNELS})`);
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new UnsupportedAudioError(
      `A sample rate of ${sampleRate} Hz is not supported (${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE} Hz)`,
    );
  }
  if (blockAlign !== channels * (bits / 8)) {
    throw new InvalidAudioError(
      `The WAV header's block align (${blockAlign}) does not match ${channels} channel(s) of ${bits}-bit samples`,
    );
  }
  return { sampleRate, channels, bitsPerSample: bits, blockAlign };
}

/**
 * Reads a PCM WAV file's format from its first bytes (`head`, usually WAV_HEAD_BYTES of them or the whole file),
 * walking its chunks (fmt, then any LIST, fact, bext… up to data). `fileBytes`, the whole file's size, lets it
 * refuse a data chunk that claims more bytes than the file has; without it, the RIFF size is the bound.
 * Throws UnsupportedAudioError (415) for anything but 8/16-bit PCM WAV, InvalidAudioError (400) for a broken one.
 */
export function readWavFormat(head: Buffer, options: { fileBytes?: number } = {}): WavFormat {
  if (head.length === 0) throw new InvalidAudioError("The audio file is empty");
  if (head.length < 12 || head.toString("latin1", 0, 4) !== "RIFF" || head.toString("latin1", 8, 12) !== "WAVE") {
    const other = describeNonWav(head);
    if (other) throw new UnsupportedAudioError(`${other} is not supported; send WAV (8-bit or 16-bit PCM)`);
    if (head.length < 12 && "RIFF".startsWith(head.toString("latin1", 0, Math.min(4, head.length)))) {
      throw new InvalidAudioError(`The file is ${head.length} bytes: too short for a WAV header`);
    }
    throw new UnsupportedAudioError("The file is not WAV audio (no RIFF/WAVE header); send WAV (8-bit or 16-bit PCM)");
  }
  const riffEnd = 8 + head.readUInt32LE(4);
  const fileBytes = options.fileBytes ?? riffEnd;
  let fmt: Fmt | null = null;
  let offset = 12;
  for (;;) {
    if (offset + 8 > head.length) throw new WavHeaderNeedsMoreBytes(offset + 8);
    const id = head.toString("latin1", offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "data") {
      if (!fmt) throw new InvalidAudioError("The WAV data chunk comes before its fmt chunk");
      if (body + size > fileBytes) {
        throw new InvalidAudioError(
          `The WAV data chunk claims ${size} bytes but the file ends ${Math.max(0, fileBytes - body)} bytes after its start`,
        );
      }
      const frames = Math.floor(size / fmt.blockAlign);
      return { ...fmt, dataOffset: body, dataBytes: size, frames, durationMs: (frames * 1000) / fmt.sampleRate };
    }
    if (body + size > fileBytes)
      throw new InvalidAudioError(`The WAV "${printable(id)}" chunk runs past the end of the file`);
    if (id === "fmt ") {
      if (fmt) throw new InvalidAudioError("The WAV file has two fmt chunks");
      if (body + size > head.length) throw new WavHeaderNeedsMoreBytes(body + size);
      fmt = parseFmt(head.subarray(body, body + size));
    }
    offset = body + size + (size % 2); // chunks are padded to an even size
  }
}

/** A chunk id safe to name in an error message (only printable ASCII). */
function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, "?");
}
