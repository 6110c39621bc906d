import { open } from "node:fs/promises";
import { UnsupportedAudioError } from "./audio-errors";
import { readWavFormat, WAV_HEAD_BYTES, WavHeaderNeedsMoreBytes, type WavFormat } from "./wav-format";

/** Chunks before the samples (LIST, bext, iXML, cover art…) beyond this are refused rather than read into memory. */
export const MAX_WAV_HEADER_BYTES = 16 * 1024 * 1024;

/**
 * readWavFormat over a file on disk: reads WAV_HEAD_BYTES, and more only when chunks before the data chunk need
 * it (up to MAX_WAV_HEADER_BYTES); the file's size bounds the data chunk.
 */
export async function readWavFormatOfFile(path: string): Promise<WavFormat> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    let length = Math.min(size, WAV_HEAD_BYTES);
    for (;;) {
      const head = Buffer.alloc(length);
      const { bytesRead } = await file.read(head, 0, length, 0);
      try {
        return readWavFormat(head.subarray(0, bytesRead), { fileBytes: size });
      } catch (error) {
        if (!(error instanceof WavHeaderNeedsMoreBytes) || bytesRead >= size) throw error;
        if (error.needed > MAX_WAV_HEADER_BYTES) {
          throw new UnsupportedAudioError(
            `WAV chunks before the audio data larger than ${MAX_WAV_HEADER_BYTES} bytes are not supported`,
          );
        }
        length = Math.min(size, Math.max(error.needed, length * 2));
      }
    }
  } finally {
    await file.close();
  }
}
