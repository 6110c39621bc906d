import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";

/** A temporary file for an object on its way to the store, removed by `remove` (always call it). */
export type Spooled = { file: string; bytes: number; sha256: string; remove: () => Promise<void> };

/**
 * Writes a stream to a private temporary file, counting and hashing it on the way: uploads and redacted audio
 * reach the store from disk, never from a whole-file buffer.
 */
export async function spoolToFile(source: AsyncIterable<Uint8Array>, name: string): Promise<Spooled> {
  const folder = await mkdtemp(path.join(tmpdir(), "verity-recording-"));
  const file = path.join(folder, name);
  const remove = () => rm(folder, { recursive: true, force: true });
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    await pipeline(
      Readable.from(source),
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(file, { mode: 0o600 }),
    );
  } catch (error) {
    await remove();
    throw error;
  }
  return { file, bytes, sha256: hash.digest("hex"), remove };
}
