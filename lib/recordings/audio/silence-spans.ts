import { InvalidAudioError } from "./audio-errors";
import { asBuffer, type AudioInput, type AudioSpan } from "./audio-input";
import { silenceByte, silencedByteRanges } from "./span-frames";
import type { WavFormat } from "./wav-format";

/**
 * Streams a whole WAV file through (header and any chunks after the data unchanged), replacing every sample of
 * every channel inside a span with digital silence; spans are rounded outwards to whole frames and clamped to
 * the data. Constant memory: a chunk is copied only when a span touches it, never buffered. Input chunks are
 * never modified. Throws InvalidAudioError if the file ends before its data chunk does (a shortened copy must
 * not pass for a redacted one).
 */
export async function* silenceSpans(
  input: AudioInput,
  format: WavFormat,
  spans: readonly AudioSpan[],
): AsyncIterable<Buffer> {
  const ranges = silencedByteRanges(format, spans);
  const fill = silenceByte(format);
  let position = 0;
  let next = 0;
  for await (const raw of input as AsyncIterable<Uint8Array>) {
    const chunk = asBuffer(raw);
    const start = position;
    const end = position + chunk.length;
    position = end;
    while (next < ranges.length && ranges[next].end <= start) next++;
    let out = chunk;
    for (let index = next; index < ranges.length && ranges[index].start < end; index++) {
      if (out === chunk) out = Buffer.from(chunk);
      out.fill(fill, Math.max(ranges[index].start, start) - start, Math.min(ranges[index].end, end) - start);
    }
    yield out;
  }
  if (position < format.dataOffset + format.dataBytes) {
    throw new InvalidAudioError("The audio ends before its WAV data chunk does");
  }
}
