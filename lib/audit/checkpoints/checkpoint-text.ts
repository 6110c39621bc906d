import { decodeBase64Strict } from "./note-encoding";

/**
 * C2SP tlog-checkpoint note text: the origin line, the tree size in decimal (no leading zero), the base64
 * RFC 6962 root hash, then optional non-empty extension lines; every line ends in a newline. Verity writes
 * no extension lines today.
 */
export { checkpointOrigin, logOrigin } from "./log-origin";

export type Checkpoint = { origin: string; size: bigint; rootHash: Buffer; extensions: string[] };

export class CheckpointFormatError extends Error {
  constructor(message: string) {
    super(`malformed checkpoint: ${message}`);
    this.name = "CheckpointFormatError";
  }
}

const MAX_SIZE = 2n ** 64n - 1n;
const HASH_BYTES = 32;
const badLine = (line: string) => line === "" || /[\u0000-\u001f]/.test(line) || !line.isWellFormed();

export function formatCheckpoint(checkpoint: {
  origin: string;
  size: bigint | number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}): string {
  const { origin, rootHash, extensions = [] } = checkpoint;
  if (badLine(origin) || /[\p{White_Space}+]/u.test(origin))
    throw new CheckpointFormatError("the origin is empty or has spaces, '+' or control characters");
  if (typeof checkpoint.size === "number" && !Number.isSafeInteger(checkpoint.size))
    throw new CheckpointFormatError("the tree size is not a whole number");
  const size = BigInt(checkpoint.size);
  if (size < 0n || size > MAX_SIZE) throw new CheckpointFormatError("the tree size is outside 0..2^64-1");
  if (rootHash.length !== HASH_BYTES) throw new CheckpointFormatError("the root hash is not 32 bytes");
  if (extensions.some(badLine)) throw new CheckpointFormatError("an extension line is empty or has control characters");
  const lines = [origin, size.toString(), Buffer.from(rootHash).toString("base64"), ...extensions];
  return lines.map((line) => `${line}\n`).join("");
}

/** Parses checkpoint text strictly; throws CheckpointFormatError naming the first thing wrong. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) throw new CheckpointFormatError("the text does not end in a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) throw new CheckpointFormatError(`${lines.length} line(s); a checkpoint has at least 3`);
  const blank = lines.findIndex((line) => line === "");
  if (blank >= 0) throw new CheckpointFormatError(`line ${blank + 1} is empty`);
  const [origin, sizeText, rootText, ...extensions] = lines;
  const control = lines.findIndex((line) => badLine(line));
  if (control >= 0) throw new CheckpointFormatError(`line ${control + 1} has a control character`);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText))
    throw new CheckpointFormatError("line 2, the tree size, is not a decimal number without leading zeros");
  const size = BigInt(sizeText);
  if (size > MAX_SIZE) throw new CheckpointFormatError("line 2, the tree size, exceeds 2^64-1");
  const rootHash = decodeBase64Strict(rootText);
  if (!rootHash) throw new CheckpointFormatError("line 3, the root hash, is not valid base64");
  if (rootHash.length !== HASH_BYTES) throw new CheckpointFormatError("line 3, the root hash, is not 32 bytes");
  return { origin, size, rootHash, extensions };
}
