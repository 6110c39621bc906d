import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";

async function* chunksOf(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (!("getReader" in source)) return yield* source;
  const reader = source.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
  } finally {
    reader.releaseLock();
  }
}

/** Splits a byte stream (a file, a download, an export's own stream) into lines as it arrives. */
export async function* linesOf(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of chunksOf(source)) {
    rest += decoder.decode(chunk, { stream: true });
    const lines = rest.split("\n");
    rest = lines.pop()!;
    yield* lines;
  }
  rest += decoder.decode();
  if (rest !== "") yield rest;
}

/** The lines of a bundle file, gunzipped when it is gzip (told by its first bytes, whatever its name). */
export async function bundleFileLines(path: string): Promise<AsyncGenerator<string>> {
  const file = await open(path);
  const { bytesRead, buffer } = await file.read(Buffer.alloc(2), 0, 2, 0);
  await file.close();
  const gzipped = bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  const input = createReadStream(path);
  if (!gzipped) return linesOf(input);
  const gunzip = createGunzip();
  input.once("error", (error) => gunzip.destroy(error));
  return linesOf(input.pipe(gunzip));
}
