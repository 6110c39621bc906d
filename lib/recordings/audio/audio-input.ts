import type { Readable } from "node:stream";

/** A file's bytes in order, from its first byte: a Node stream or any async iterable of Buffers. */
export type AudioInput = AsyncIterable<Buffer> | Readable;

/** A time range of the recording, in milliseconds from its start. */
export type AudioSpan = { startMs: number; endMs: number };

/** A chunk as a Buffer without copying (web streams and some sources give plain Uint8Arrays). */
export function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
