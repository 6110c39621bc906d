/**
 * WAV files for tests and benchmarks, written in plain JS (no recorder, no codec): an encoder for interleaved
 * 8/16-bit PCM with optional extra chunks, and tones and noise where words are not needed.
 */

export type PcmSamples = {
  sampleRate: number;
  channels: number;
  bitsPerSample: 8 | 16;
  /** Interleaved samples: signed for 16-bit, unsigned (silence = 128) for 8-bit. */
  samples: Int16Array | Uint8Array;
};

export type ExtraChunk = { id: string; body: Buffer };

/** A RIFF/WAVE header for `dataBytes` of PCM, with `before` chunks (LIST, fact…) between fmt and data. */
export function wavHeader(
  format: Omit<PcmSamples, "samples">,
  dataBytes: number,
  options: { before?: ExtraChunk[]; after?: ExtraChunk[]; extensible?: boolean; formatCode?: number } = {},
): Buffer {
  const { sampleRate, channels, bitsPerSample } = format;
  const blockAlign = channels * (bitsPerSample / 8);
  const fmt = Buffer.alloc(options.extensible ? 40 : 16);
  fmt.writeUInt16LE(options.extensible ? 0xfffe : (options.formatCode ?? 1), 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(sampleRate, 4);
  fmt.writeUInt32LE(sampleRate * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(bitsPerSample, 14);
  if (options.extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(bitsPerSample, 18);
    fmt.writeUInt32LE(channels === 2 ? 0x3 : 0x4, 20);
    fmt.writeUInt16LE(options.formatCode ?? 1, 24);
    Buffer.from("000000001000800000aa00389b71", "hex").copy(fmt, 26);
  }
  const chunks = [chunk("fmt ", fmt), ...(options.before ?? []).map(({ id, body }) => chunk(id, body))];
  const afterBytes = (options.after ?? []).reduce((sum, { body }) => sum + 8 + body.length + (body.length % 2), 0);
  const dataHead = Buffer.alloc(8);
  dataHead.write("data", 0, "latin1");
  dataHead.writeUInt32LE(dataBytes, 4);
  const riff = Buffer.alloc(12);
  riff.write("RIFF", 0, "latin1");
  const headBytes = chunks.reduce((sum, part) => sum + part.length, 0);
  riff.writeUInt32LE(4 + headBytes + 8 + dataBytes + (dataBytes % 2) + afterBytes, 4);
  riff.write("WAVE", 8, "latin1");
  return Buffer.concat([riff, ...chunks, dataHead]);
}

function chunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, "latin1");
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body, Buffer.alloc(body.length % 2)]);
}

/** A whole WAV file of `pcm`, with optional extra chunks before or after the data chunk. */
export function encodeWav(
  pcm: PcmSamples,
  options: { before?: ExtraChunk[]; after?: ExtraChunk[]; extensible?: boolean } = {},
): Buffer {
  const data = Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
  const after = (options.after ?? []).map(({ id, body }) => chunk(id, body));
  return Buffer.concat([wavHeader(pcm, data.length, options), data, Buffer.alloc(data.length % 2), ...after]);
}

/**
 * A sine per channel (channel c at frequencyHz × (c + 1), so channels differ) at `amplitude` of full scale,
 * with a little seeded noise so no two frames repeat exactly: samples never sit at silence for long.
 */
export function toneSamples(options: {
  sampleRate: number;
  durationMs: number;
  channels?: number;
  bitsPerSample?: 8 | 16;
  frequencyHz?: number;
  amplitude?: number;
  /** The first frame's index, so consecutive blocks of one long tone join without a click. */
  startFrame?: number;
}): PcmSamples {
  const { sampleRate, durationMs, channels = 1, bitsPerSample = 16, frequencyHz = 440, amplitude = 0.5 } = options;
  const startFrame = options.startFrame ?? 0;
  const frames = Math.round((durationMs * sampleRate) / 1000);
  const samples = bitsPerSample === 16 ? new Int16Array(frames * channels) : new Uint8Array(frames * channels);
  const scale = bitsPerSample === 16 ? 32767 : 127;
  let seed = (startFrame * 2654435761) >>> 0 || 1;
  for (let frame = 0; frame < frames; frame++) {
    const t = (startFrame + frame) / sampleRate;
    for (let channel = 0; channel < channels; channel++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed / 0xffffffff - 0.5) * 0.1;
      const value = amplitude * (0.9 * Math.sin(2 * Math.PI * frequencyHz * (channel + 1) * t) + noise);
      const level = Math.round(Math.max(-1, Math.min(1, value)) * scale);
      samples[frame * channels + channel] = bitsPerSample === 16 ? level : level + 128;
    }
  }
  return { sampleRate, channels, bitsPerSample, samples };
}

/** A WAV file of a tone (see toneSamples). */
export function toneWav(options: Parameters<typeof toneSamples>[0]): Buffer {
  return encodeWav(toneSamples(options));
}
