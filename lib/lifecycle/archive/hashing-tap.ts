import { createHash } from "node:crypto";
import { Transform } from "node:stream";

/** A pass-through stream that counts and hashes (SHA-256) the bytes going through it: a segment object's as stored. */
export function hashingTap(): { tap: Transform; stored: () => { sha256: string; bytes: number } } {
  const digest = createHash("sha256");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      digest.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { tap, stored: () => ({ sha256: digest.digest("hex"), bytes }) };
}
