import { UnsupportedAudioError } from "./audio-errors";
import { asBuffer, type AudioInput } from "./audio-input";
import { MAX_WAV_HEADER_BYTES } from "./read-wav-format-of-file";
import { readWavFormat, WAV_HEAD_BYTES, WavHeaderNeedsMoreBytes, type WavFormat } from "./wav-format";

/**
 * readWavFormat at the front of a stream (an upload on its way to storage): buffers only the header's bytes
 * (WAV_HEAD_BYTES, more if chunks before the data need it), then gives back the whole stream, those bytes
 * included, so a refused format (415/400) is known before the rest of the upload is read.
 * `fileBytes` bounds the data chunk when the size is known (a Content-Length); otherwise the RIFF size does.
 */
export async function readWavFormatFromStream(
  input: AudioInput,
  options: { fileBytes?: number } = {},
): Promise<{ format: WavFormat; stream: AsyncIterable<Buffer> }> {
  const iterator = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let heldBytes = 0;
  let want = WAV_HEAD_BYTES;
  let ended = false;
  for (;;) {
    while (heldBytes < want && !ended) {
      const next = await iterator.next();
      if (next.done) ended = true;
      else {
        const chunk = asBuffer(next.value);
        held.push(chunk);
        heldBytes += chunk.length;
      }
    }
    try {
      const format = readWavFormat(Buffer.concat(held, heldBytes), options);
      return { format, stream: replay(held, iterator) };
    } catch (error) {
      const tooLarge = error instanceof WavHeaderNeedsMoreBytes && error.needed > MAX_WAV_HEADER_BYTES;
      if (!(error instanceof WavHeaderNeedsMoreBytes) || ended || tooLarge) {
        await iterator.return?.(); // releases the upload's stream: nothing more of it will be read
        if (tooLarge) {
          throw new UnsupportedAudioError(
            `WAV chunks before the audio data larger than ${MAX_WAV_HEADER_BYTES} bytes are not supported`,
          );
        }
        throw error;
      }
      want = Math.max(error.needed, want * 2);
    }
  }
}

async function* replay(held: Buffer[], iterator: AsyncIterator<Buffer>): AsyncIterable<Buffer> {
  yield* held;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield asBuffer(next.value);
}
